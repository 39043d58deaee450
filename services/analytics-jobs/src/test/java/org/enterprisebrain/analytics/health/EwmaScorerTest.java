package org.enterprisebrain.analytics.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EwmaScorerTest {

  static Sample sample(String signal, double value) {
    return new Sample("p", "M1", signal, "Cel", "id", 0, value);
  }

  @Test
  void aRampIsAnomalousOnceWarmedUpAndDoesNotTeachTheBaseline() {
    EwmaScorer scorer = new EwmaScorer(0.05, 4, 30, Map.of());
    double[] state = scorer.initialState();
    Random r = new Random(7);
    for (int i = 0; i < 60; i++) {
      assertThat(scorer.score(sample("t", 38 + 0.3 * r.nextGaussian()), state).anomalous()).isFalse();
    }
    double mean = state[1];
    HealthScorer.Verdict ramp = scorer.score(sample("t", 45), state);
    assertThat(ramp.anomalous()).isTrue();
    assertThat(ramp.score()).isGreaterThan(4);
    assertThat(state[1]).isEqualTo(mean);
  }

  @Test
  void nothingIsAnomalousBeforeWarmUpExceptFixedLimits() {
    EwmaScorer scorer = new EwmaScorer(0.05, 4, 30, Map.of("spindle.temperature", 60.0));
    double[] state = scorer.initialState();
    scorer.score(sample("spindle.temperature", 38), state);
    scorer.score(sample("spindle.temperature", 38.1), state);
    assertThat(scorer.score(sample("spindle.temperature", 55), state).anomalous()).isFalse();
    HealthScorer.Verdict over = scorer.score(sample("spindle.temperature", 61), state);
    assertThat(over.anomalous()).isTrue();
    assertThat(over.rule()).isEqualTo("limit");
  }
}
