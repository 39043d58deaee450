package org.enterprisebrain.connector.records;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One device message on its way to Kafka: the device's side (an MQTT broker) is told the message arrived only once
 * every record made of it is settled — acknowledged by Kafka, held on the connector's disk, or dead-lettered — so a
 * connector that dies in between is sent the message again instead of losing it.
 */
public final class Handoff {

  private final RecordWriter.Outcome counts;
  private final Runnable settled;
  /** The records made of the message and not settled yet, plus one until the message is sealed. */
  private final AtomicInteger open = new AtomicInteger(1);

  /**
   * @param counts the connection's counts, which every record's outcome also goes to
   * @param settled run once, on whichever thread settles the last record (often Kafka's producer thread)
   */
  public Handoff(RecordWriter.Outcome counts, Runnable settled) {
    this.counts = counts;
    this.settled = settled;
  }

  /** The outcome of one more record made of the message. */
  public RecordWriter.Outcome record() {
    open.incrementAndGet();
    return new RecordOutcome();
  }

  /** The message has made all its records (none, perhaps): once they are settled, so is the message. */
  public void sealed() {
    settle();
  }

  private void settle() {
    if (open.decrementAndGet() == 0) {
      settled.run();
    }
  }

  /** The first of published, buffered or rejected settles the record; a later replay or drop only counts. */
  private final class RecordOutcome implements RecordWriter.Outcome {

    private final AtomicBoolean done = new AtomicBoolean();

    private void once() {
      if (done.compareAndSet(false, true)) {
        settle();
      }
    }

    @Override
    public void published() {
      counts.published();
      once();
    }

    @Override
    public void buffered() {
      counts.buffered();
      once();
    }

    @Override
    public void rejected() {
      counts.rejected();
      once();
    }

    @Override
    public void replayed() {
      counts.replayed();
    }

    @Override
    public void dropped() {
      counts.dropped();
    }

    @Override
    public RecordWriter.Outcome counts() {
      return counts;
    }
  }
}
