package org.enterprisebrain.analytics.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The registry's declarative kinds, with results worked out by hand. */
class DeclarativeScorersTest {

  @Test
  void linearWithLogisticLink() {
    LinearScorer s = new LinearScorer(new double[] {2, -1}, 0.5, true);
    // z = 0.5 + 2·1 − 1·3 = −0.5; 1 / (1 + e^0.5) = 0.377541
    assertThat(s.score(new float[] {1, 3}, s.initialState())).isCloseTo(0.377541, within(1e-6));
    assertThat(new LinearScorer(new double[] {2, -1}, 0.5, false).score(new float[] {1, 3}, new double[0]))
        .isCloseTo(-0.5, within(1e-9));
  }

  @Test
  void thresholdIsTheLargestShareOfALimit() {
    ThresholdScorer s = new ThresholdScorer(new double[] {60, 4});
    assertThat(s.score(new float[] {30, 1}, s.initialState())).isCloseTo(0.5, within(1e-9)); // 30/60 > 1/4
    assertThat(s.score(new float[] {30, 5}, s.initialState())).isCloseTo(1.25, within(1e-9)); // 5/4: over
  }

  @Test
  void ewmaLearnsAMachinesBaselineAndDoesNotLearnAnomalies() {
    EwmaRowScorer s = new EwmaRowScorer(1, 0.5, 2, 3);
    double[] state = s.initialState();
    assertThat(state).hasSize(3);
    assertThat(s.score(new float[] {10}, state)).isZero(); // first row: mean 10, variance 0
    assertThat(state).containsExactly(1, 10, 0);
    // second row, still warming up: diff 2 → mean 11, variance (1 − 0.5)(0 + 0.5·4) = 1
    assertThat(s.score(new float[] {12}, state)).isZero();
    assertThat(state).containsExactly(2, 11, 1);
    // third row: z = |9 − 11| / 1 = 2 < 3, learnt: diff −2 → mean 10, variance 0.5 (1 + 0.5·4) = 1.5
    assertThat(s.score(new float[] {9}, state)).isCloseTo(2, within(1e-9));
    assertThat(state[1]).isCloseTo(10, within(1e-9));
    assertThat(state[2]).isCloseTo(1.5, within(1e-9));
    // an anomaly: z = 10 / √1.5 = 8.165 ≥ 3, scored but not learnt
    assertThat(s.score(new float[] {20}, state)).isCloseTo(10 / Math.sqrt(1.5), within(1e-9));
    assertThat(state[1]).isCloseTo(10, within(1e-9));
    assertThat(state[2]).isCloseTo(1.5, within(1e-9));
    assertThat(state[0]).isEqualTo(4);
  }
}
