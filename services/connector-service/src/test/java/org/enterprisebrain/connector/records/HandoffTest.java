package org.enterprisebrain.connector.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.enterprisebrain.connector.connections.LinkStatus;
import org.junit.jupiter.api.Test;

class HandoffTest {

  private final LinkStatus status = new LinkStatus(Clock.systemUTC());
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final Handoff handoff = new Handoff(status, acknowledged::incrementAndGet);

  @Test
  void aMessageIsAcknowledgedOnlyOnceEveryRecordOfItIsSettledAndItIsSealed() {
    RecordWriter.Outcome first = handoff.record();
    RecordWriter.Outcome second = handoff.record();
    RecordWriter.Outcome third = handoff.record();
    first.published();
    second.buffered();
    handoff.sealed();
    assertThat(acknowledged).as("the third record is still on its way to Kafka").hasValue(0);
    third.rejected();
    assertThat(acknowledged).hasValue(1);
    assertThat(status.snapshot().records()).isEqualTo(1);
    assertThat(status.snapshot().buffered()).isEqualTo(1);
    assertThat(status.snapshot().rejected()).isEqualTo(1);
  }

  @Test
  void recordsSettledBeforeTheMessageIsSealedWaitForTheSeal() {
    handoff.record().published();
    assertThat(acknowledged).as("the message may still make records").hasValue(0);
    handoff.sealed();
    assertThat(acknowledged).hasValue(1);
  }

  @Test
  void aMessageOfNoRecordIsAcknowledgedWhenSealed() {
    handoff.sealed();
    assertThat(acknowledged).hasValue(1);
  }

  @Test
  void aBufferedRecordReplayedLaterCountsOnTheConnectionButAcknowledgesNothingTwice() {
    RecordWriter.Outcome record = handoff.record();
    handoff.sealed();
    record.buffered();
    assertThat(acknowledged).as("held on disk is settled").hasValue(1);
    record.replayed();
    assertThat(acknowledged).hasValue(1);
    assertThat(record.counts()).as("what the buffer replays on").isSameAs(status);
    assertThat(status.snapshot().records()).isEqualTo(1);
    assertThat(status.snapshot().buffered()).isZero();
  }
}
