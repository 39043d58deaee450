package org.enterprisebrain.ingestion.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.enterprisebrain.ingestion.api.model.IngestResult;
import org.enterprisebrain.ingestion.api.model.RecordResult;
import org.enterprisebrain.messages.IngestOutcome;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.EntityStandard;
import org.enterprisebrain.standard.FieldError;
import org.enterprisebrain.standard.StandardHeaders;
import org.enterprisebrain.standard.Topics;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One batch through the standard API: every record is validated on its own, the caller's plant and
 * source-system scope is enforced, the valid records go to Kafka, and each record's outcome is told.
 */
@Service
public class IngestionService {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final DataStandard standard;
  private final RecordPublisher publisher;
  private final IngestionProperties properties;
  private final IngestMetrics metrics;
  private final AnalyticsHorizon horizon;
  private final java.util.Map<String, String> fieldGrades = new java.util.concurrent.ConcurrentHashMap<>();

  public IngestionService(DataStandard standard, RecordPublisher publisher, IngestionProperties properties,
      IngestMetrics metrics) {
    this.standard = standard;
    this.publisher = publisher;
    this.properties = properties;
    this.metrics = metrics;
    this.horizon = new AnalyticsHorizon(properties.analyticsLateness(), properties.analyticsEntities());
  }

  public EntityStandard entity(String name) {
    return standard.entity(name).orElseThrow(() -> IngestionException.unknownEntity(name));
  }

  public IngestResult ingest(String entityName, List<JsonNode> records, BrainPrincipal caller) {
    EntityStandard entity = entity(entityName);
    if (records == null || records.isEmpty()) {
      throw IngestionException.badRequest("the batch holds no record", List.of(new FieldError("", "empty batch")));
    }
    if (records.size() > properties.maxRecords()) {
      throw IngestionException.tooLarge("a batch may hold at most " + properties.maxRecords()
          + " records; this one holds " + records.size() + ": split it");
    }
    RecordResult[] results = new RecordResult[records.size()];
    List<FieldError> outOfScope = new ArrayList<>();
    List<RecordPublisher.Outgoing> outgoing = new ArrayList<>();
    // headers that are the same for every record of the batch: built once, shared
    List<RecordHeader> batchHeaders = RecordPublisher.headers(StandardHeaders.ofBatch(entity,
        fieldGrades.computeIfAbsent(entity.entity(), e -> entity.fieldGrades()), Instant.now(), caller.name()));
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      List<FieldError> errors = standard.validate(entityName, record);
      results[i] = new RecordResult().index(i).id(idOf(record));
      if (!errors.isEmpty()) {
        results[i].status(RecordResult.StatusEnum.REJECTED).errors(errors.stream().map(IngestionService::toApi).toList());
        continue;
      }
      String plant = record.path("plant").asString();
      String system = record.path("source").path("system").asString();
      if (!caller.mayActForPlant(plant)) {
        outOfScope.add(new FieldError("/" + i + "/plant", "not allowed to send records of plant '" + plant + "'"));
      }
      if (!caller.mayActForSourceSystem(system)) {
        outOfScope.add(new FieldError("/" + i + "/source/system",
            "not allowed to send records of source system '" + system + "'"));
      }
      int version = record.path("schemaVersion").asInt();
      outgoing.add(new RecordPublisher.Outgoing(i, entity.topic(version), standard.partitionKey(entity, record),
          JSON.writeValueAsBytes(record), RecordPublisher.headers(StandardHeaders.ofRecord(results[i].getId(), version,
              system)), batchHeaders));
    }
    if (!outOfScope.isEmpty()) {
      // nothing of a batch that oversteps the caller's scope is published: the caller must fix it
      throw new IngestionException(HttpStatus.FORBIDDEN, "Outside your plant or source-system scope",
          outOfScope.size() + " field(s) name a plant or source system this client may not send for",
          outOfScope, List.of());
    }
    long start = System.nanoTime();
    boolean[] acknowledged = publisher.publish(outgoing);
    metrics.kafkaAck(entityName, System.nanoTime() - start);
    int failed = 0;
    int warned = 0;
    Instant now = Instant.now();
    for (int j = 0; j < outgoing.size(); j++) {
      RecordPublisher.Outgoing out = outgoing.get(j);
      if (acknowledged[j]) {
        results[out.index()].status(RecordResult.StatusEnum.ACCEPTED).topic(out.topic());
        var warning = horizon.warning(entityName, records.get(out.index()), now);
        if (warning.isPresent()) {
          results[out.index()].warnings(List.of(warning.get()));
          warned++;
        }
      } else {
        failed++;
        results[out.index()].status(RecordResult.StatusEnum.FAILED).errors(List.of(
            new org.enterprisebrain.ingestion.api.model.FieldError().pointer("")
                .message("Kafka did not acknowledge the record: resend it unchanged")));
      }
    }
    List<RecordResult> all = List.of(results);
    metrics.batch(entityName, records, all);
    for (IngestOutcome outcome : IngestOutcomes.of(entityName, records, results, Instant.now())) {
      publisher.publishStatistics(Topics.INGEST_OUTCOMES, outcome.plant() + "|" + entityName,
          JSON.writeValueAsBytes(outcome), metrics::statisticsLost);
    }
    if (failed > 0) {
      throw new IngestionException(HttpStatus.SERVICE_UNAVAILABLE, "Kafka unavailable",
          failed + " of " + records.size() + " records were not accepted: resend them (same ids) after Retry-After",
          List.of(), all);
    }
    int rejected = (int) all.stream().filter(r -> r.getStatus() == RecordResult.StatusEnum.REJECTED).count();
    return new IngestResult().entity(entityName).accepted(outgoing.size()).rejected(rejected).failed(0)
        .warned(warned).results(all);
  }

  private static String idOf(JsonNode record) {
    JsonNode id = record == null ? null : record.get("id");
    return id != null && id.isString() ? id.asString() : null;
  }

  static org.enterprisebrain.ingestion.api.model.FieldError toApi(FieldError error) {
    return new org.enterprisebrain.ingestion.api.model.FieldError().pointer(error.pointer()).message(error.message());
  }
}
