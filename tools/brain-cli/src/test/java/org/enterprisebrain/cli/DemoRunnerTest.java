package org.enterprisebrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoRunnerTest {

  static final Instant NOW = Instant.parse("2026-12-04T08:00:00.750Z");

  @Test
  void aFastDemoRunsAtItsSpeedWhileBehindTheWallClock() {
    assertThat(DemoRunner.step(NOW.minus(Duration.ofHours(8)), 60, NOW)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void itNeverStepsPastTheWallClockAndThenFollowsIt() {
    assertThat(DemoRunner.step(NOW.minusSeconds(25), 60, NOW)).as("the last step before now is shortened")
        .isEqualTo(Duration.ofMillis(24_250)); // now in whole seconds: 08:00:00
    assertThat(DemoRunner.step(Instant.parse("2026-12-04T08:00:00Z"), 60, NOW)).isZero();
    assertThat(DemoRunner.step(Instant.parse("2026-12-04T07:59:59Z"), 60, NOW.plusSeconds(1)))
        .as("caught up: the time that really passed").isEqualTo(Duration.ofSeconds(2));
    assertThat(DemoRunner.step(NOW.plusSeconds(3600), 60, NOW)).as("a clock ahead waits").isZero();
  }
}
