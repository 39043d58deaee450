package org.enterprisebrain.assessment.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class ObservationsTest {

  /** A clock the test moves. */
  static final class Hand extends Clock {
    Instant now = Instant.parse("2026-12-04T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void answersAreReusedWithinTheTtlAndDroppedAfterIt() {
    Hand clock = new Hand();
    Observations observations = new Observations(Duration.ofSeconds(10), clock);
    AtomicInteger reads = new AtomicInteger();
    for (int minute = 0; minute < 5; minute++) {
      String key = "analytics/oee?from=minute-" + minute; // keys carry their window, as the rules' do
      observations.round().get(key, () -> JsonNodeFactory.instance.numberNode(reads.incrementAndGet()));
      clock.now = clock.now.plusSeconds(5);
      observations.round().get(key, () -> JsonNodeFactory.instance.numberNode(reads.incrementAndGet()));
      clock.now = clock.now.plusSeconds(55);
    }
    assertThat(reads.get()).as("the second read of each key, 5 s later, was reused").isEqualTo(5);
    observations.round();
    assertThat(observations.keptAnswers()).as("answers older than the TTL are not kept").isZero();
  }
}
