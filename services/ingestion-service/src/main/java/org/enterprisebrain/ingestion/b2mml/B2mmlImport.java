package org.enterprisebrain.ingestion.b2mml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.ingestion.api.model.B2mmlDocument;
import org.enterprisebrain.ingestion.api.model.B2mmlResult;
import org.enterprisebrain.ingestion.api.model.RecordResult;
import org.enterprisebrain.ingestion.ingest.IngestionException;
import org.enterprisebrain.ingestion.ingest.IngestionProperties;
import org.enterprisebrain.ingestion.ingest.IngestionService;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.standard.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One B2MML document through the standard API: read safely, mapped onto standard records, and each entity's
 * records ingested exactly as a JSON batch of them would be (validation, scope, Kafka, outcomes), every
 * answer carrying the element it came from.
 */
@Service
public class B2mmlImport {

  /** What the caller says of the document beside its content. */
  public record Options(String plant, String sourceSystem, String sourceKind, String zone) {
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final B2mmlReader reader = new B2mmlReader();
  private final IngestionService ingestion;
  private final IngestionProperties properties;

  public B2mmlImport(IngestionService ingestion, IngestionProperties properties) {
    this.ingestion = ingestion;
    this.properties = properties;
  }

  public B2mmlResult ingest(byte[] xml, Options options, BrainPrincipal caller) {
    ZoneId zone = zone(options.zone());
    B2mmlReader.Parsed parsed = reader.read(xml);
    String system = options.sourceSystem() != null && !options.sourceSystem().isBlank() ? options.sourceSystem()
        : parsed.applicationArea() == null || parsed.applicationArea().sender() == null ? null
        : parsed.applicationArea().sender().logicalId();
    if (system == null || system.isBlank()) {
      throw IngestionException.badRequest("the document names no sender (ApplicationArea/Sender/LogicalID):"
          + " say which system sent it with ?sourceSystem=", List.of(new FieldError("sourceSystem", "required")));
    }
    List<B2mmlMapping.Mapped> mapped = B2mmlMapping.map(parsed, zone);
    if (mapped.isEmpty()) {
      throw B2mmlReader.refused("/" + parsed.root(), "the document holds no " + parsed.noun()
          + " with anything to import");
    }
    if (mapped.size() > properties.maxRecords()) {
      throw IngestionException.tooLarge("a document may hold at most " + properties.maxRecords()
          + " records; this one holds " + mapped.size() + ": split it");
    }
    String kind = options.sourceKind() == null || options.sourceKind().isBlank() ? "MES" : options.sourceKind();
    // each entity's records go as one batch, in document order; the answers are put back in that order
    Map<String, List<Integer>> byEntity = new LinkedHashMap<>();
    List<JsonNode> records = new ArrayList<>(mapped.size());
    String now = Instant.now().toString();
    for (int i = 0; i < mapped.size(); i++) {
      B2mmlMapping.Mapped m = mapped.get(i);
      records.add(envelope(m, options.plant(), system.strip(), kind, now));
      byEntity.computeIfAbsent(m.entity(), e -> new ArrayList<>()).add(i);
    }
    RecordResult[] results = new RecordResult[mapped.size()];
    int failed = 0;
    for (Map.Entry<String, List<Integer>> group : byEntity.entrySet()) {
      List<Integer> indices = group.getValue();
      List<RecordResult> answers;
      if (failed > 0) {
        // Kafka refused an earlier part: the rest waits for the resend rather than for Kafka's timeout again
        answers = indices.stream().map(i -> new RecordResult().id(records.get(i).path("id").asString())
            .status(RecordResult.StatusEnum.FAILED).errors(List.of(new org.enterprisebrain.ingestion.api.model
                .FieldError().pointer("").message("not sent: Kafka did not acknowledge an earlier part of the"
                    + " document; send the document again")))).toList();
      } else {
        try {
          answers = ingestion.ingest(group.getKey(), indices.stream().map(records::get).toList(), caller).getResults();
        } catch (IngestionException e) {
          if (e.status() != HttpStatus.SERVICE_UNAVAILABLE) {
            throw e;
          }
          answers = e.results();
          failed++;
        }
      }
      for (int j = 0; j < indices.size(); j++) {
        int index = indices.get(j);
        results[index] = answers.get(j).index(index).entity(group.getKey()).element(mapped.get(index).element());
      }
    }
    List<RecordResult> all = List.of(results);
    if (failed > 0) {
      throw new IngestionException(HttpStatus.SERVICE_UNAVAILABLE, "Kafka unavailable",
          count(all, RecordResult.StatusEnum.FAILED) + " of " + all.size()
              + " records were not accepted: send the document again after Retry-After (the same records get the"
              + " same ids)", List.of(), all);
    }
    return new B2mmlResult()
        .document(new B2mmlDocument().root(parsed.root()).release(B2mmlDocument.ReleaseEnum.fromValue(
            parsed.release().name())).verb(parsed.verb()).noun(parsed.noun()))
        .accepted(count(all, RecordResult.StatusEnum.ACCEPTED))
        .rejected(count(all, RecordResult.StatusEnum.REJECTED))
        .failed(0)
        .warned((int) all.stream().filter(r -> r.getWarnings() != null && !r.getWarnings().isEmpty()).count())
        .results(all);
  }

  private static int count(List<RecordResult> results, RecordResult.StatusEnum status) {
    return (int) results.stream().filter(r -> r.getStatus() == status).count();
  }

  private static ZoneId zone(String zone) {
    if (zone == null || zone.isBlank()) {
      return ZoneId.of("Asia/Shanghai");
    }
    try {
      return ZoneId.of(zone.strip());
    } catch (DateTimeException e) {
      throw IngestionException.badRequest("'" + zone + "' is not a time zone (e.g. Asia/Shanghai, +08:00)",
          List.of(new FieldError("zone", "unknown time zone")));
    }
  }

  private static JsonNode envelope(B2mmlMapping.Mapped m, String plant, String system, String kind, String now) {
    ObjectNode record = JSON.createObjectNode();
    record.put("id", id(system, m));
    record.put("entity", m.entity());
    record.put("schemaVersion", 1);
    record.putObject("source").put("system", system).put("kind", kind);
    record.put("plant", plant);
    record.put("occurredAt", m.occurredAt() == null ? now : m.occurredAt());
    record.set("payload", m.payload());
    return record;
  }

  /**
   * The idempotency key: the sender, the element's own id and a digest of what it says, so the same document
   * sent twice gives the same records and a changed lot or request a new one.
   */
  static String id(String system, B2mmlMapping.Mapped m) {
    String key = m.key() == null ? "" : m.key().replaceAll("[^A-Za-z0-9._-]", "_");
    String safeSystem = system.replaceAll("[^A-Za-z0-9._-]", "_");
    String id = safeSystem + ":" + m.entity() + ":" + (key.length() > 48 ? key.substring(0, 48) : key) + ":"
        + digest(m.entity() + "\n" + m.key() + "\n" + JSON.writeValueAsString(m.payload()));
    return id.length() <= 128 ? id : id.substring(id.length() - 128);
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

}
