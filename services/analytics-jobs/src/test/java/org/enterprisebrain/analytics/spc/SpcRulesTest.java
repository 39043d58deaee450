package org.enterprisebrain.analytics.spc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** One pattern per test of GB/T 17989.2-2020 §8 (ISO 7870-2), each just completed by the last point. */
class SpcRulesTest {

  static final Set<Integer> ALL = Set.of(1, 2, 3, 4, 5, 6, 7, 8);

  @Test
  void eachPatternIsRecognisedAtThePointThatCompletesIt() {
    assertThat(SpcRules.violations(new double[] {0.2, 3.2}, ALL)).containsExactly(1);
    assertThat(SpcRules.violations(new double[] {-0.1, 0.5, 0.3, 0.4, 0.2, 0.6, 0.1, 0.3, 0.4, 0.2}, ALL)).containsExactly(2);
    assertThat(SpcRules.violations(new double[] {0.5, -0.9, -0.6, -0.2, 0.1, 0.4, 0.8}, ALL)).containsExactly(3);
    assertThat(SpcRules.violations(new double[] {0.3, -0.3, 0.2, -0.2, 0.4, -0.4, 0.1, -0.1, 0.5, -0.5, 0.3, -0.3, 0.2, -0.2}, ALL))
        .containsExactly(4);
    assertThat(SpcRules.violations(new double[] {2.5, 0.4, 2.1}, ALL)).containsExactly(5);
    assertThat(SpcRules.violations(new double[] {1.5, 1.2, 0.3, 1.8, 1.1}, ALL)).containsExactly(6);
    assertThat(SpcRules.violations(new double[] {0.1, -0.2, 0.3, -0.1, 0.2, 0.5, -0.5, 0.4, -0.3, 0.1, 0.2, -0.4, 0.3, 0.6, -0.2}, ALL))
        .containsExactly(7);
    assertThat(SpcRules.violations(new double[] {1.5, -1.4, 1.2, 1.6, -1.3, -1.5, 1.1, -1.2}, ALL)).contains(8);
  }

  @Test
  void disabledRulesAndIncompletePatternsStaySilent() {
    assertThat(SpcRules.violations(new double[] {3.5}, Set.of(2, 3))).isEmpty();
    assertThat(SpcRules.violations(new double[] {2.5, 2.1, 0.4}, ALL)).isEmpty(); // the newest is not beyond 2σ
    assertThat(SpcRules.violations(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, ALL)).isEmpty(); // five rising: not six
  }

  @Test
  void eachRuleReportsTheLineItJudgedAgainstOnThePointsSide() {
    // center 10, σ of the plotted mean 0.1: zone boundaries at 10 ± 0.1, ± 0.2, ± 0.3
    assertThat(SpcRules.boundary(1, 10.35, 10, 0.1)).isCloseTo(10.3, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(SpcRules.boundary(1, 9.6, 10, 0.1)).as("below: the lower control limit")
        .isCloseTo(9.7, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(SpcRules.boundary(5, 10.25, 10, 0.1)).as("zone A/B, not the 3σ limit")
        .isCloseTo(10.2, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(SpcRules.boundary(6, 9.85, 10, 0.1)).isCloseTo(9.9, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(SpcRules.boundary(2, 10.05, 10, 0.1)).isEqualTo(10.0);
    assertThat(SpcRules.boundary(3, 10.05, 10, 0.1)).isNaN();
  }
}
