package org.enterprisebrain.ingestion.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
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
    for (RecordResult result : results) {
      JsonNode record = records.get(result.getIndex());
      String source = record == null ? "" : record.path("source").path("system").asString("");
      Counter.builder("brain.ingest.records").tag("entity", entity)
          .tag("source", source.isEmpty() ? "unknown" : source)
          .tag("outcome", result.getStatus().getValue())
          .register(registry).increment();
    }
  }

  void kafkaAck(String entity, long nanos) {
    Timer.builder("brain.ingest.kafka.ack").tag("entity", entity).publishPercentiles(0.5, 0.99)
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }
}
