package org.enterprisebrain.connector.connections;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.enterprisebrain.connector.records.RecordWriter;

/** What one connection has done since the connector started: its state and counts, read by the API and metrics. */
public final class LinkStatus implements RecordWriter.Outcome {

  /** The state as the API names it. */
  public enum State { CONNECTING, CONNECTED, DISCONNECTED, DISABLED }

  /** One moment's view of the status. */
  /**
   * @param records acknowledged by Kafka, at once or from the buffer
   * @param buffered held in the disk buffer now
   * @param dropped dropped from a full buffer
   */
  public record Snapshot(State state, Instant since, long records, long rejected, long buffered, long dropped,
      long reconnects, int subscribedTags, Map<String, String> refusedTags, Instant lastValueAt, String lastError,
      long sequenceGaps, long rebirthRequests) {
  }

  private final Clock clock;
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong held = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong sequenceGaps = new AtomicLong();
  private final AtomicLong rebirthRequests = new AtomicLong();
  private volatile State state = State.CONNECTING;
  private volatile Instant since;
  private volatile Instant lastValueAt;
  private volatile String lastError;
  private volatile int subscribedTags;
  private volatile Map<String, String> refusedTags = Map.of();

  public LinkStatus(Clock clock) {
    this.clock = clock;
    this.since = clock.instant();
  }

  public void state(State next, String error) {
    if (next == State.CONNECTED && state == State.DISCONNECTED) {
      reconnects.incrementAndGet();
    }
    if (next != state) {
      state = next;
      since = clock.instant();
    }
    if (error != null) {
      lastError = error;
    }
  }

  public State state() {
    return state;
  }

  /** A value arrived from the device (before it became a record or not). */
  public void valueArrived() {
    lastValueAt = clock.instant();
  }

  public void subscribed(int accepted, Map<String, String> refused) {
    subscribedTags = accepted;
    refusedTags = Map.copyOf(refused);
  }

  @Override
  public void published() {
    records.incrementAndGet();
  }

  @Override
  public void buffered() {
    held.incrementAndGet();
  }

  @Override
  public void replayed() {
    held.decrementAndGet();
    records.incrementAndGet();
  }

  @Override
  public void dropped() {
    held.decrementAndGet();
    dropped.incrementAndGet();
  }

  @Override
  public void rejected() {
    rejected.incrementAndGet();
  }

  /** Sparkplug B: a message that did not follow the edge node's last one. */
  public void sequenceGap() {
    sequenceGaps.incrementAndGet();
  }

  /** Sparkplug B: a rebirth command sent. */
  public void rebirthRequested() {
    rebirthRequests.incrementAndGet();
  }

  public long records() {
    return records.get();
  }

  public Snapshot snapshot() {
    return new Snapshot(state, since, records.get(), rejected.get(), Math.max(0, held.get()), dropped.get(),
        reconnects.get(), subscribedTags, refusedTags, lastValueAt, lastError, sequenceGaps.get(),
        rebirthRequests.get());
  }

}
