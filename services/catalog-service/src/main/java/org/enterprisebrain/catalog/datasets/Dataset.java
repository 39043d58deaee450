package org.enterprisebrain.catalog.datasets;

import java.time.Instant;

/** One dataset: the records of one entity from one source system for one plant. */
public record Dataset(String sourceSystem, String entity, String plant, String topic, long records,
    Instant firstSeenAt, Instant lastOccurredAt, Instant lastReceivedAt, String owner, long accepted, long rejected) {

  /** Rejected of all records ingestion judged for this dataset; null before the first judgement. */
  public Double rejectionRate() {
    return accepted + rejected == 0 ? null : (double) rejected / (accepted + rejected);
  }

  /** What one consumed batch adds to a dataset. */
  public record Increment(String sourceSystem, String entity, String plant, String topic, long records,
      Instant lastOccurredAt, Instant lastReceivedAt) {

    Increment plus(Instant occurredAt, Instant receivedAt) {
      return new Increment(sourceSystem, entity, plant, topic, records + 1, later(lastOccurredAt, occurredAt),
          later(lastReceivedAt, receivedAt));
    }

    private static Instant later(Instant a, Instant b) {
      return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
  }
}
