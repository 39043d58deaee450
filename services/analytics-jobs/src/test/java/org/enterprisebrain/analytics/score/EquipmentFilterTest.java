package org.enterprisebrain.analytics.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A deployment's equipment filter is a user's regular expression, matched against every sample's machine. */
class EquipmentFilterTest {

  static ScoringModel withFilter(String pattern) throws Exception {
    return ScoringModel.parse("""
        {"id": "d", "model": "m", "version": 1, "kind": "threshold", "entity": "telemetry", "equipment": "%s",
         "bucketMs": 60000, "plants": ["hz-01"], "features": [{"name": "t", "signal": "spindle.temperature"}],
         "upper": [80]}""".formatted(pattern));
  }

  @Test
  void theFilterSelectsWholeIds() throws Exception {
    ScoringModel m = withFilter("CNC-A0[1-5]");
    assertThat(m.applies("hz-01", "CNC-A03", "spindle.temperature")).isTrue();
    assertThat(m.applies("hz-01", "CNC-A06", "spindle.temperature")).isFalse();
    assertThat(m.applies("hz-01", "XCNC-A03", "spindle.temperature")).as("the whole id").isFalse();
    assertThat(m.applies("nb-02", "CNC-A03", "spindle.temperature")).as("another plant").isFalse();
  }

  /**
   * (a+)+$ on a's and one b backtracks for 2^n steps in java.util.regex (n = 40: hours, one task thread stuck
   * for every sample); RE2J answers in linear time. The bound is generous: it only tells a hang from an answer.
   */
  @Test
  void aCatastrophicPatternCannotStallTheJob() throws Exception {
    ScoringModel m = withFilter("(a+)+$");
    String id = "a".repeat(40) + "b";
    boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> m.applies("hz-01", id,
        "spindle.temperature"));
    assertThat(matched).isFalse();
  }
}
