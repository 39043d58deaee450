package org.enterprisebrain.catalog.datasets;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.enterprisebrain.catalog.quality.QualityCounters;
import org.enterprisebrain.catalog.quality.QualityRepository;
import org.enterprisebrain.messages.IngestOutcome;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.EntityStandard;
import org.enterprisebrain.standard.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Rejection rates and validity scores from what ingestion accepted and rejected ({@link Topics#INGEST_OUTCOMES}). */
@Component
public class OutcomeListener {

  private static final Logger LOG = LoggerFactory.getLogger(OutcomeListener.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final DatasetRepository datasets;
  private final QualityRepository quality;
  private final DataStandard standard;

  public OutcomeListener(DatasetRepository datasets, QualityRepository quality, DataStandard standard) {
    this.datasets = datasets;
    this.quality = quality;
    this.standard = standard;
  }

  // its own group: statistics must not wait behind (or rebalance with) the record stream
  @KafkaListener(id = "catalog-outcomes", groupId = "${spring.kafka.consumer.group-id}-outcomes",
      topics = "${brain.topics.ingest-outcomes.v1}", batch = "true")
  public void consume(List<ConsumerRecord<String, byte[]>> batch) {
    Map<QualityRepository.WindowKey, QualityCounters> windows = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : batch) {
      IngestOutcome outcome = read(record);
      EntityStandard entity = outcome == null ? null : standard.entity(outcome.entity()).orElse(null);
      if (entity == null) {
        continue;
      }
      datasets.addOutcome(outcome.sourceSystem(), outcome.entity(), outcome.plant(),
          entity.topic(entity.newestVersion()), outcome.accepted(), outcome.rejected());
      windows.merge(new QualityRepository.WindowKey(outcome.sourceSystem(), outcome.entity(), outcome.plant(),
              outcome.at().truncatedTo(ChronoUnit.HOURS)),
          new QualityCounters(0, 0, 0, 0, 0, 0, 0, 0, outcome.accepted(), outcome.rejected()), QualityCounters::plus);
    }
    quality.add(windows);
  }

  private static IngestOutcome read(ConsumerRecord<String, byte[]> record) {
    try {
      IngestOutcome outcome = JSON.readValue(record.value(), IngestOutcome.class);
      if (outcome.entity() == null || outcome.plant() == null || outcome.sourceSystem() == null
          || outcome.accepted() == null || outcome.rejected() == null || outcome.at() == null) {
        throw new IllegalArgumentException("an outcome lacks one of entity, plant, sourceSystem, accepted, rejected, at");
      }
      return outcome;
    } catch (RuntimeException e) {
      LOG.warn("skipping unreadable ingest outcome {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          e.toString());
      return null;
    }
  }
}
