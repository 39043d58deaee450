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
 * with a progress bar; records are sent as they are in the file (nothing re-typed on the way).
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Send a JSON, NDJSON or CSV file of one entity through the standard API")
public final class IngestCommand implements Callable<Integer> {

  @Mixin
  Connection connection;

  @Parameters(index = "0", description = "The file (.json = array, .ndjson/.jsonl = one record per line, .csv)")
  Path file;

  @Option(names = {"-e", "--entity"}, required = true, description = "Entity of the data standard, e.g. operation-report")
  String entity;

  @Option(names = "--batch", defaultValue = "1000", description = "Records per request (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--mapping", description = "CSV: header renames csvHeader=field,…")
  String mapping;

  @Option(names = "--plant", description = "CSV: plant of rows without a plant column")
  String plant;

  @Option(names = "--source-system", description = "CSV: source system of rows without that column")
  String sourceSystem;

  @Option(names = "--source-kind", description = "CSV: source kind (ERP, MES, …) of rows without that column")
  String sourceKind;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public Integer call() throws Exception {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    List<String> batches = name.endsWith(".csv") ? csvBatches() : jsonBatches(name.endsWith(".json"));
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
          var r = api.ingestCsv(entity, batch, mapping, plant, sourceSystem, sourceKind, 1);
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
