package org.enterprisebrain.ingestion.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.enterprisebrain.ingestion.api.model.RecordResult;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Micrometer meters of the standard API: records per entity, source system and outcome; batch size;
 * time from first send to Kafka's last acknowledgement.
 */
@Component
public class IngestMetrics {

  private final MeterRegistry registry;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void batch(String entity, List<JsonNode> records, List<RecordResult> results) {
    DistributionSummary.builder("brain.ingest.batch.size").baseUnit("records").tag("entity", entity)
        .publishPercentiles(0.5, 0.99).register(registry).record(records.size());
    // count per (source, outcome) first: one meter lookup per group, not per record, on the request path
    Map<List<String>, Long> counts = new HashMap<>();
    for (RecordResult result : results) {
      JsonNode record = records.get(result.getIndex());
      String source = record == null ? "" : record.path("source").path("system").asString("");
      counts.merge(List.of(source.isEmpty() ? "unknown" : source, result.getStatus().getValue()), 1L, Long::sum);
    }
    counts.forEach((group, n) -> Counter.builder("brain.ingest.records").tag("entity", entity)
        .tag("source", group.get(0)).tag("outcome", group.get(1)).register(registry).increment(n));
  }

  void kafkaAck(String entity, long nanos) {
    Timer.builder("brain.ingest.kafka.ack").tag("entity", entity).publishPercentiles(0.5, 0.99)
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  public void statisticsLost() {
    registry.counter("brain.ingest.statistics.lost").increment();
  }
}
