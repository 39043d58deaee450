package org.enterprisebrain.analytics.spc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlChartTest {

  static final Set<Integer> ALL_RULES = Set.of(1, 2, 3, 4, 5, 6, 7, 8);

  /**
   * Montgomery, Introduction to Statistical Quality Control (7th ed.), Example 6.1, piston ring inside
   * diameters: 25 subgroups of 5, x̿ = 74.001 mm, R̄ = 0.023 mm, published limits X̄ chart 73.988 / 74.014,
   * R chart 0 / 0.049; with specifications 74.000 ± 0.05 mm, σ̂ = R̄/d2 = 0.0099 and Ĉp = 1.68 (Section 6.2.4
   * / 8.2). The subgroups here have exactly those summary statistics.
   */
  @Test
  void reproducesTheLimitsAndCpOfThePistonRingExample() {
    // rules 4 and 7 would rightly flag these synthetic, perfectly alternating means: not tested here
    ControlChart chart = new ControlChart("xbar-r", 25, 25, Set.of(1, 2, 3, 5, 6));
    List<ControlChart.Point> points = List.of();
    for (int i = 0; i < 25; i++) {
      // twelve subgroups 0.002 above, twelve below and one on x̿ = 74.001
      double m = i == 24 ? 74.001 : 74.001 + (i % 2 == 0 ? 0.002 : -0.002);
      // five values with range 0.023 and mean m
      double[] v = {m - 0.010, m - 0.004, m, m + 0.001, m + 0.013};
      points = chart.add(Subgroup.of("S" + i, i, v), 73.95, 74.05);
    }
    assertThat(points).hasSize(25); // the baseline republished with its limits
    assertThat(points).as("still the phase I points").allSatisfy(point -> assertThat(point.phase()).isEqualTo("baseline"));
    ControlChart.Point p = points.get(24);
    assertThat(p.chart()).isEqualTo("xbar-r");
    assertThat(p.center()).isCloseTo(74.001, within(1e-9));
    assertThat(p.ucl()).isCloseTo(74.014, within(0.0005));
    assertThat(p.lcl()).isCloseTo(73.988, within(0.0005));
    assertThat(p.spreadCenter()).isCloseTo(0.023, within(1e-9));
    assertThat(p.spreadUcl()).isCloseTo(0.049, within(0.0005));
    assertThat(p.spreadLcl()).isZero();
    assertThat(p.sigma()).isCloseTo(0.0099, within(0.00005));
    // the book rounds σ̂ to 0.0099 before dividing (0.10 / 0.0594 = 1.683); unrounded it is 1.6855
    assertThat(p.capability().cp()).isCloseTo(1.68, within(0.01));
    assertThat(points).allSatisfy(point -> assertThat(point.violations()).isEmpty());
  }

  @Test
  void phaseOneCapabilityStaysWhileTheRollingOneFollowsTheProcess() {
    ControlChart chart = new ControlChart("xbar-r", 20, 20, Set.of(1));
    List<ControlChart.Point> points = List.of();
    for (int i = 0; i < 20; i++) {
      points = chart.add(Subgroup.of("B" + i, i, 9.9, 10.0, 10.1), 9, 11);
    }
    double sigma = 0.2 / 1.693; // R̄ / d2(3)
    double overall = Math.sqrt(20 * 0.02 / 59); // 60 values ±0.1 around 10
    ControlChart.Point baselineEnd = points.get(19);
    assertThat(baselineEnd.baselineCapability().cp()).isCloseTo(2 / (6 * sigma), within(1e-9));
    assertThat(baselineEnd.baselineCapability().pp()).isCloseTo(2 / (6 * overall), within(1e-9));
    assertThat(baselineEnd.capability().cp()).as("the same points: rolling = phase I")
        .isCloseTo(baselineEnd.baselineCapability().cp(), within(1e-9));
    ControlChart.Point shifted = null;
    for (int i = 0; i < 20; i++) {
      shifted = chart.add(Subgroup.of("S" + i, 100 + i, 10.4, 10.5, 10.6), 9, 11).get(0);
    }
    assertThat(shifted.capability().cpk()).as("rolling: mean 10.5").isCloseTo(0.5 / (3 * sigma), within(1e-9));
    assertThat(shifted.baselineCapability().cpk()).as("phase I: as the limits were set")
        .isCloseTo(1 / (3 * sigma), within(1e-9));
  }

  @Test
  void givenLimitsHaveNoPhaseOneCapability() {
    ControlChart chart = new ControlChart("xbar-r", 20, 20, Set.of(1)).withLimits(10, 0.1);
    assertThat(chart.add(Subgroup.of("G", 1, 9.9, 10.0, 10.1), 9, 11).get(0).baselineCapability().cp()).isNaN();
  }

  @Test
  void individualsUseTheMovingRange() {
    ControlChart chart = new ControlChart("i-mr", 10, 25, ALL_RULES);
    List<ControlChart.Point> points = List.of();
    for (int i = 0; i < 10; i++) {
      points = chart.add(Subgroup.of("I" + i, i, i % 2 == 0 ? 10.0 : 10.2), 9, 11);
    }
    ControlChart.Point p = points.get(9);
    assertThat(p.chart()).isEqualTo("i-mr");
    // MR̄ = 0.2, x̄ = 10.1: limits x̄ ± 2.66 MR̄ (2.66 = 3/1.128), MR chart UCL = 3.267 MR̄
    assertThat(p.center()).isCloseTo(10.1, within(1e-9));
    assertThat(p.ucl()).isCloseTo(10.1 + 2.66 * 0.2, within(0.001));
    assertThat(p.spreadUcl()).isCloseTo(3.267 * 0.2, within(0.001));
  }

  /**
   * Montgomery, Introduction to Statistical Quality Control, Section 6.4 (the control chart for individual
   * measurements), the weekly costs of processing mortgage loan applications: 20 weeks, x̄ = 300.5,
   * MR̄ = 7.79, published limits 279.78 / 321.22 and a moving-range chart UCL of 25.45; the process is in control.
   */
  static final double[] LOAN_COSTS = {310, 288, 297, 298, 307, 303, 294, 297, 308, 306, 294, 299, 297, 299, 314, 295,
      293, 306, 301, 304};

  @Test
  void reproducesTheIndividualsChartOfTheLoanCostExample() {
    ControlChart chart = new ControlChart("i-mr", 20, 25, ALL_RULES);
    List<ControlChart.Point> points = List.of();
    for (int i = 0; i < LOAN_COSTS.length; i++) {
      points = chart.add(Subgroup.of("W" + (i + 1), i, LOAN_COSTS[i]), Double.NaN, Double.NaN);
    }
    assertThat(points).hasSize(20);
    ControlChart.Point p = points.get(19);
    assertThat(p.center()).isCloseTo(300.5, within(1e-9));
    assertThat(p.spreadCenter()).isCloseTo(7.79, within(0.005));
    assertThat(p.ucl()).isCloseTo(321.22, within(0.005));
    assertThat(p.lcl()).isCloseTo(279.78, within(0.005));
    assertThat(p.spreadUcl()).isCloseTo(25.45, within(0.005));
    assertThat(points).as("in control, as the book finds").allSatisfy(point -> assertThat(point.violations()).isEmpty());
  }

  @Test
  void settingsChooseTheChartOfSubgroupsAndTheRulesButIndividualsStayIMr() {
    ControlChart chart = new ControlChart("xbar-r", 3, 25, Set.of(1));
    chart.apply(1, 0, 3, Double.NaN, Double.NaN, "xbar-s", SpcRules.mask(Set.of(1, 2)));
    List<ControlChart.Point> points = List.of();
    for (int i = 0; i < 3; i++) {
      points = chart.add(Subgroup.of("G" + i, i, 9.9, 10.0, 10.1), 9, 11);
    }
    assertThat(points.get(2).chart()).isEqualTo("xbar-s");
    assertThat(points.get(2).spreadCenter()).as("s̄ of the subgroups, not R̄").isCloseTo(0.1, within(1e-9));
    for (int i = 0; i < 9; i++) { // nine subgroups on one side of the center: rule 2, now asked for
      points = chart.add(Subgroup.of("H" + i, 10 + i, 10.0, 10.02, 10.04), 9, 11);
    }
    assertThat(points.get(0).violations()).contains("2");
    ControlChart individuals = new ControlChart("i-mr", 3, 25, Set.of(1));
    individuals.apply(1, 0, 3, Double.NaN, Double.NaN, "xbar-s", SpcRules.mask(Set.of(1)));
    assertThat(individuals.add(Subgroup.of("I", 1, 10.0), 9, 11).get(0).chart()).isEqualTo("i-mr");
  }

  @Test
  void aShiftedProcessIsFlaggedAndPhaseOneDropsOutliers() {
    ControlChart chart = new ControlChart("xbar-r", 20, 25, Set.of(1, 2, 5, 6));
    for (int i = 0; i < 20; i++) {
      double m = i == 7 ? 11.0 : 10.0; // one wild subgroup in the baseline: excluded from the limits
      chart.add(Subgroup.of("B" + i, i, m - 0.1, m, m + 0.1), 9, 11);
    }
    List<String> last = List.of();
    List<List<String>> all = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      double m = 10.09; // +1.5σ of the mean (σ = 0.2/1.693, σx̄ = σ/√3 ≈ 0.068)
      last = chart.add(Subgroup.of("M" + i, 100 + i, m - 0.1, m, m + 0.1), 9, 11).get(0).violations();
      all.add(last);
    }
    assertThat(all.get(0)).isEmpty();
    assertThat(all.get(3)).contains("6");   // 4 of 5 beyond 1σ
    assertThat(last).contains("2");         // 9 on one side
    ControlChart.Point jump = chart.add(Subgroup.of("J", 200, 10.5, 10.6, 10.7), 9, 11).get(0);
    assertThat(jump.phase()).isEqualTo("monitoring");
    assertThat(jump.center()).isCloseTo(10.0, within(1e-9)); // the wild baseline subgroup did not move it
    assertThat(jump.violations()).contains("1");
  }

  @Test
  void aSubgroupCutShortToOneValueIsPlottedWithoutSpread() {
    ControlChart chart = new ControlChart("xbar-r", 3, 25, ALL_RULES);
    chart.add(Subgroup.of("A", 1, 10.0), 9, 11); // closed by its timeout with one value, in the baseline
    chart.add(Subgroup.of("B", 2, 9.9, 10.0, 10.1), 9, 11);
    chart.add(Subgroup.of("C", 3, 9.8, 10.0, 10.2), 9, 11);
    ControlChart.Point lone = chart.add(Subgroup.of("D", 4, 10.05), 9, 11).get(0);
    assertThat(lone.spread()).isNaN();
    assertThat(lone.spreadUcl()).isNaN();
    assertThat(lone.sigma()).isCloseTo((0.2 / 1.693 + 0.4 / 1.693) / 2, within(1e-12));
  }

  @Test
  void aChartSurvivesFlinksCheckpointSerializer() throws Exception {
    ControlChart chart = new ControlChart("xbar-r", 2, 25, Set.of(1, 2));
    chart.add(Subgroup.of("A", 1, 9.9, 10.0, 10.1), 9, 11);
    chart.add(Subgroup.of("B", 2, 9.8, 10.0, 10.2), 9, 11);
    var serializer = org.apache.flink.api.common.typeinfo.TypeInformation.of(ControlChart.class)
        .createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl());
    var out = new org.apache.flink.core.memory.DataOutputSerializer(256);
    serializer.serialize(chart, out);
    ControlChart restored = serializer.deserialize(new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer()));
    ControlChart.Point before = chart.add(Subgroup.of("C", 3, 10.4, 10.5, 10.6), 9, 11).get(0);
    ControlChart.Point after = restored.add(Subgroup.of("C", 3, 10.4, 10.5, 10.6), 9, 11).get(0);
    assertThat(after).isEqualTo(before);
    assertThat(after.violations()).contains("1");
  }
  /**
   * "Recompute limits from here": after a tool change at subgroup 7 the chart takes subgroups 7–9 back into a new
   * phase I of three, plots them again against the limits they set, and goes on under version 1; then limits given
   * from subgroup 11 (version 2) replace those.
   */
  @Test
  void newSettingsFromAPointOnPlotTheKeptSubgroupsAgainUnderNewLimits() {
    ControlChart chart = new ControlChart("xbar-r", 5, 25, Set.of(1));
    for (int i = 0; i < 10; i++) {
      double shift = i >= 7 ? 0.5 : 0; // the new tool cuts 0.5 larger
      chart.add(Subgroup.of("S" + i, i * 1000L, 10 + shift - 0.1, 10 + shift, 10 + shift + 0.1), 9, 12);
    }
    assertThat(chart.limitsVersion()).isZero();

    List<ControlChart.Point> again = chart.apply(1, 7000, 3, Double.NaN, Double.NaN);
    assertThat(again).extracting(p -> p.subgroup().id()).containsExactly("S7", "S8", "S7", "S8", "S9");
    List<ControlChart.Point> limited = again.subList(2, 5); // the phase I complete: all three with their limits
    assertThat(limited).allSatisfy(p -> {
      assertThat(p.limitsVersion()).isEqualTo(1);
      assertThat(p.phase()).isEqualTo("baseline");
      assertThat(p.center()).as("the mean of the new phase I's means").isCloseTo(10.5, within(1e-9));
      assertThat(p.sigma()).as("R̄ / d2(3)").isCloseTo(0.2 / 1.693, within(1e-9));
      assertThat(p.violations()).isEmpty();
    });
    ControlChart.Point next = chart.add(Subgroup.of("S10", 10_000, 10.4, 10.5, 10.6), 9, 12).get(0);
    assertThat(next.phase()).isEqualTo("monitoring");
    assertThat(next.limitsVersion()).isEqualTo(1);

    List<ControlChart.Point> given = chart.apply(2, 11_000, 5, 10.0, 0.1);
    assertThat(given).as("nothing kept is that recent").isEmpty();
    ControlChart.Point underGiven = chart.add(Subgroup.of("S11", 11_000, 10.4, 10.5, 10.6), 9, 12).get(0);
    assertThat(underGiven.limitsVersion()).isEqualTo(2);
    assertThat(underGiven.center()).isEqualTo(10.0);
    assertThat(underGiven.ucl()).isCloseTo(10.0 + 3 * 0.1 / Math.sqrt(3), within(1e-12));
    assertThat(underGiven.violations()).as("10.5 is beyond the given limits").containsExactly("1");
  }
}
