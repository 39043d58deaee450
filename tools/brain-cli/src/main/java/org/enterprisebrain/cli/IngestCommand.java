package org.enterprisebrain.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.enterprisebrain.client.ApiException;
import org.enterprisebrain.client.api.IngestionApi;
import org.enterprisebrain.standard.ApiSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code brain ingest FILE}: a JSON array, NDJSON or CSV file through the standard API in batches,
 * with a progress bar; records are sent as they are in the file (nothing re-typed on the way). A B2MML
 * document (.xml) goes whole to the B2MML import, which maps it onto the entities it holds.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Send a JSON, NDJSON or CSV file of one entity, or a B2MML document, through the standard API")
public final class IngestCommand implements Callable<Integer> {

  @Mixin
  Connection connection;

  @Parameters(arity = "1..*", description = "The files (.json = array, .ndjson/.jsonl = one record per line, .csv,"
      + " .xml = a B2MML document), sent one after the other")
  List<Path> files;

  /** The file being sent. */
  private Path file;

  @Option(names = {"-e", "--entity"}, description = "Entity of the data standard, e.g. operation-report (not for .xml:"
      + " a B2MML document names its own)")
  String entity;

  @Option(names = "--batch", defaultValue = "1000", description = "Records per request (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--mapping", description = "CSV: header renames csvHeader=field,…")
  String mapping;

  @Option(names = "--mapping-file", description = "CSV: a FileMapping (JSON; api-specs/ingestion.yaml): drop columns,"
      + " convert units, parse local times in a zone, unpivot wide rows into one record per signal, derive ids,"
      + " rename, set constants")
  java.nio.file.Path mappingFile;

  @Option(names = "--mapping-name", description = "CSV: the name of a stored file mapping (PUT"
      + " /api/v1/ingest/mappings/{name}; brain ingest --mapping-file … --save-mapping NAME stores one)")
  String mappingName;

  @Option(names = "--save-mapping", description = "with --mapping-file: store it under this name first, for later"
      + " uploads (and other senders) to name")
  String saveMapping;

  @Option(names = "--plant", description = "CSV: plant of rows without a plant column; B2MML: plant of every record")
  String plant;

  @Option(names = "--source-system", description = "CSV: source system of rows without that column; B2MML: the"
      + " sender, if not the document's ApplicationArea/Sender/LogicalID")
  String sourceSystem;

  @Option(names = "--source-kind", description = "CSV: source kind (ERP, MES, …) of rows without that column;"
      + " B2MML: default MES")
  String sourceKind;

  @Option(names = "--zone", defaultValue = "Asia/Shanghai", description = "B2MML: zone of date-times without an"
      + " offset (default: ${DEFAULT-VALUE})")
  String zone;

  /** The kinds of file it reads; anything else is refused rather than guessed at. */
  static final List<String> KNOWN = List.of(".json", ".ndjson", ".jsonl", ".csv", ".xml");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public Integer call() throws Exception {
    int worst = 0;
    for (Path f : files) {
      file = f;
      worst = Math.max(worst, send());
    }
    return worst;
  }

  private int send() throws Exception {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (KNOWN.stream().noneMatch(name::endsWith)) {
      System.err.println(file + ": not a file type brain ingest reads (" + String.join(", ", KNOWN)
          + "); nothing was sent");
      return 2;
    }
    if (name.endsWith(".xml")) {
      return b2mml();
    }
    if (entity == null) {
      System.err.println("--entity is required for " + file + " (only a B2MML document names its own)");
      return 2;
    }
    List<String> batches = name.endsWith(".csv") ? csvBatches() : jsonBatches(name.endsWith(".json"));
    // the service checks the mapping against its schema and names the field it refuses
    String fileMapping = mappingFile == null ? null : java.nio.file.Files.readString(mappingFile);
    String named = mappingName;
    if (saveMapping != null) {
      if (fileMapping == null) {
        System.err.println("--save-mapping stores the --mapping-file: give one");
        return 2;
      }
      var definition = new org.enterprisebrain.client.model.MappingDefinition().entity(entity).mapping(
          connection.apiClient().getObjectMapper().readValue(fileMapping,
              org.enterprisebrain.client.model.FileMapping.class));
      try {
        new org.enterprisebrain.client.api.MappingsApi(connection.apiClient()).putMapping(saveMapping, definition);
      } catch (ApiException e) {
        System.err.println("the mapping was not stored (HTTP " + e.getCode() + "): " + e.getResponseBody());
        return 1;
      }
      System.out.println("stored file mapping '" + saveMapping + "'");
      named = saveMapping;
      fileMapping = null;
    }
    PrintStream out = System.out;
    long accepted = 0;
    long rejected = 0;
    long failed = 0;
    long done = 0;
    long total = batches.stream().mapToLong(IngestCommand::countOf).sum();
    List<String> problems = new ArrayList<>();
    var client = connection.apiClient();
    IngestionApi api = new IngestionApi(client);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (String batch : batches) {
      JsonNode result;
      if (name.endsWith(".csv")) {
        try {
          var r = api.ingestCsv(entity, batch, mapping, plant, sourceSystem, sourceKind, 1, named, fileMapping);
          result = JSON.readTree(client.getObjectMapper().writeValueAsString(r));
        } catch (ApiException e) {
          result = JSON.readTree(e.getResponseBody() == null ? "{}" : e.getResponseBody());
          problems.add("HTTP " + e.getCode() + ": " + result.path("detail").asString());
        }
      } else {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(connection.uri(ApiSpec.load("ingestion").path("ingestRecords", entity)))
            .timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + connection.token())
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
        result = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
          problems.add("HTTP " + response.statusCode() + ": " + result.path("detail").asString());
        }
      }
      long count = countOf(batch);
      for (JsonNode record : result.path("results")) {
        switch (record.path("status").asString()) {
          case "accepted" -> accepted++;
          case "rejected" -> {
            rejected++;
            if (problems.size() < 20) {
              problems.add("record " + (done + record.path("index").asInt()) + " (" + record.path("id").asString()
                  + "): " + record.path("errors"));
            }
          }
          default -> failed++;
        }
      }
      if (result.path("results").isEmpty()) {
        failed += count;
      }
      done += count;
      progress(out, done, total, accepted, rejected);
    }
    out.println();
    problems.forEach(p -> out.println("  " + p));
    out.printf("%s: %,d accepted, %,d rejected, %,d not accepted%n", file, accepted, rejected, failed);
    return failed > 0 ? 3 : rejected > 0 ? 1 : 0;
  }

  /** The whole document in one request: the import refuses a bad document whole, so it is never split. */
  private int b2mml() throws Exception {
    if (plant == null) {
      System.err.println("--plant is required for a B2MML document");
      return 2;
    }
    StringBuilder query = new StringBuilder("&zone=").append(encode(zone));
    if (sourceSystem != null) {
      query.append("&sourceSystem=").append(encode(sourceSystem));
    }
    if (sourceKind != null) {
      query.append("&sourceKind=").append(encode(sourceKind));
    }
    HttpResponse<String> response = connection.importB2mml(plant, query.toString(),
        HttpRequest.BodyPublishers.ofFile(file));
    JsonNode result = JSON.readTree(response.body());
    PrintStream out = System.out;
    if (response.statusCode() != 200 && result.path("results").isEmpty()) {
      out.println(file + ": HTTP " + response.statusCode() + " " + result.path("title").asString() + ": "
          + result.path("detail").asString());
      result.path("errors").forEach(e -> out.println("  " + e.path("pointer").asString() + ": "
          + e.path("message").asString()));
      return 3;
    }
    java.util.Map<String, int[]> perEntity = new java.util.TreeMap<>();
    int shown = 0;
    for (JsonNode record : result.path("results")) {
      int[] counts = perEntity.computeIfAbsent(record.path("entity").asString(), e -> new int[3]);
      switch (record.path("status").asString()) {
        case "accepted" -> counts[0]++;
        case "rejected" -> {
          counts[1]++;
          if (shown++ < 20) {
            out.println("  " + record.path("element").asString() + " → " + record.path("entity").asString() + ": "
                + record.path("errors"));
          }
        }
        default -> counts[2]++;
      }
    }
    JsonNode doc = result.path("document");
    out.printf("%s: B2MML %s %s%n", file, doc.path("release").asString(), doc.path("root").asString());
    perEntity.forEach((e, c) -> out.printf("  %-24s %,d accepted, %,d rejected, %,d not accepted%n", e, c[0], c[1], c[2]));
    int failed = perEntity.values().stream().mapToInt(c -> c[2]).sum();
    int rejected = perEntity.values().stream().mapToInt(c -> c[1]).sum();
    return failed > 0 || response.statusCode() != 200 ? 3 : rejected > 0 ? 1 : 0;
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void progress(PrintStream out, long done, long total, long accepted, long rejected) {
    int width = 30;
    int filled = total == 0 ? width : (int) (width * done / total);
    out.printf("\r[%s%s] %3d%% %,d/%,d records, %,d accepted, %,d rejected", "#".repeat(filled),
        " ".repeat(width - filled), total == 0 ? 100 : 100 * done / total, done, total, accepted, rejected);
  }

  /** Each batch as NDJSON text (a JSON array file is split into its elements). */
  private List<String> jsonBatches(boolean array) throws IOException {
    List<String> lines = new ArrayList<>();
    if (array) {
      for (JsonNode record : JSON.readTree(file.toFile())) {
        lines.add(JSON.writeValueAsString(record));
      }
    } else {
      Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).forEach(lines::add);
    }
    List<String> batches = new ArrayList<>();
    for (int i = 0; i < lines.size(); i += batchSize) {
      batches.add(String.join("\n", lines.subList(i, Math.min(lines.size(), i + batchSize))) + "\n");
    }
    return batches;
  }

  /** CSV batches repeat the header row; quoted fields spanning lines are not split here. */
  private List<String> csvBatches() throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> batches = new ArrayList<>();
    if (lines.isEmpty()) {
      return batches;
    }
    String header = lines.get(0);
    List<String> rows = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
    for (int i = 0; i < rows.size(); i += batchSize) {
      batches.add(header + "\n" + String.join("\n", rows.subList(i, Math.min(rows.size(), i + batchSize))) + "\n");
    }
    return batches;
  }

  private static long countOf(String batch) {
    return batch.lines().filter(l -> !l.isBlank()).count() - (batch.startsWith("{") ? 0 : 1);
  }
}
