package org.enterprisebrain.registry.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.registry.api.model.DiagnosisFailureModesInner;
import org.enterprisebrain.registry.api.model.GraphEdge;
import org.enterprisebrain.registry.api.model.GraphNode;
import org.enterprisebrain.registry.api.model.Ranked;
import org.junit.jupiter.api.Test;

/**
 * A hand-built knowledge graph of two machines on one line.
 *
 * <pre>
 * equipment:CNC-1 ─part-of→ equipment:LINE-1 ←part-of─ equipment:CNC-2
 * component:spindle ─part-of→ equipment:CNC-1
 *
 * has-failure-mode                         prior   indicated-by (P(symptom | mode))
 *   CNC-1   → failure-mode:hydraulic-low   0.05    pressure-low 0.95
 *   CNC-1   → failure-mode:coolant-shortage (none → 0.1)  temp-high 0.5
 *   spindle → failure-mode:spindle-overheat 0.2    temp-high 0.9, vib-high 0.3
 *   spindle → failure-mode:bearing-wear     0.1    temp-high 0.4, vib-high 0.8, noise 0.6
 *   CNC-2   → failure-mode:cnc2-only        0.9    other-alarm 0.9, temp-high 0.99
 *
 * symptoms: temp-high (alarmCode SP1001, signal spindle.temperature), vib-high (signal spindle.vibration),
 *           pressure-low (alarmCode HY3001), noise (none), other-alarm (alarmCode XX9)
 *
 * caused-by (share)                                 fixed-by (weight)
 *   spindle-overheat → cause:lubrication   0.5      spindle-overheat → remedy:grease 0.4, remedy:cool-down 0.3
 *                    → cause:bearing-worn  0.3      cause:lubrication → remedy:grease 1.0
 *                    → cause:coolant-low   0.2      cause:bearing-worn → remedy:replace-bearing 0.9
 *   bearing-wear     → cause:bearing-worn  0.7      cause:coolant-low → remedy:refill-coolant 0.8
 *                    → cause:lubrication   0.2      bearing-wear → remedy:replace-bearing 1.0
 * </pre>
 */
class DiagnoserTest {

  static final String CNC1 = "equipment:CNC-1", CNC2 = "equipment:CNC-2", LINE = "equipment:LINE-1",
      SPINDLE = "component:spindle";
  static final String OVERHEAT = "failure-mode:spindle-overheat", BEARING = "failure-mode:bearing-wear",
      HYDRAULIC = "failure-mode:hydraulic-low", COOLANT = "failure-mode:coolant-shortage",
      CNC2_ONLY = "failure-mode:cnc2-only";
  static final String TEMP = "symptom:temp-high", VIB = "symptom:vib-high", PRESSURE = "symptom:pressure-low",
      NOISE = "symptom:noise", OTHER = "symptom:other-alarm";

  static Diagnoser.Knowledge knowledge() {
    Map<String, GraphNode> nodes = new LinkedHashMap<>();
    List<GraphEdge> edges = new ArrayList<>();
    node(nodes, CNC1, "equipment", "立式加工中心 1#", Map.of());
    node(nodes, CNC2, "equipment", "立式加工中心 2#", Map.of());
    node(nodes, LINE, "equipment", "机加工线", Map.of());
    node(nodes, SPINDLE, "component", "主轴", Map.of());
    node(nodes, OVERHEAT, "failure-mode", "主轴过热", Map.of("prior", 0.2, "iso14224", "OHE"));
    node(nodes, BEARING, "failure-mode", "主轴轴承磨损", Map.of("prior", 0.1, "iso14224", "VIB"));
    node(nodes, HYDRAULIC, "failure-mode", "液压压力低", Map.of("prior", 0.05, "iso14224", "LOO"));
    node(nodes, COOLANT, "failure-mode", "冷却液不足", Map.of()); // no prior: the default 0.1
    node(nodes, CNC2_ONLY, "failure-mode", "二号机专有故障", Map.of("prior", 0.9));
    node(nodes, TEMP, "symptom", "主轴温度过高", Map.of("alarmCode", "SP1001", "signal", "spindle.temperature"));
    node(nodes, VIB, "symptom", "主轴振动大", Map.of("signal", "spindle.vibration"));
    node(nodes, PRESSURE, "symptom", "液压系统压力低", Map.of("alarmCode", "HY3001"));
    node(nodes, NOISE, "symptom", "异响", Map.of());
    node(nodes, OTHER, "symptom", "二号机报警", Map.of("alarmCode", "XX9"));
    node(nodes, "cause:lubrication", "cause", "润滑不足", Map.of());
    node(nodes, "cause:bearing-worn", "cause", "轴承磨损", Map.of());
    node(nodes, "cause:coolant-low", "cause", "冷却液不足", Map.of());
    node(nodes, "remedy:grease", "remedy", "补充主轴润滑脂", Map.of());
    node(nodes, "remedy:cool-down", "remedy", "停机冷却", Map.of());
    node(nodes, "remedy:replace-bearing", "remedy", "更换主轴轴承", Map.of());
    node(nodes, "remedy:refill-coolant", "remedy", "补充冷却液", Map.of());

    edge(edges, CNC1, "part-of", LINE, 1);
    edge(edges, CNC2, "part-of", LINE, 1);
    edge(edges, SPINDLE, "part-of", CNC1, 1);
    edge(edges, CNC1, "has-failure-mode", HYDRAULIC, 1);
    edge(edges, CNC1, "has-failure-mode", COOLANT, 1);
    edge(edges, SPINDLE, "has-failure-mode", OVERHEAT, 1);
    edge(edges, SPINDLE, "has-failure-mode", BEARING, 1);
    edge(edges, CNC2, "has-failure-mode", CNC2_ONLY, 1);

    edge(edges, HYDRAULIC, "indicated-by", PRESSURE, 0.95);
    edge(edges, COOLANT, "indicated-by", TEMP, 0.5);
    edge(edges, OVERHEAT, "indicated-by", TEMP, 0.9);
    edge(edges, OVERHEAT, "indicated-by", VIB, 0.3);
    edge(edges, BEARING, "indicated-by", TEMP, 0.4);
    edge(edges, BEARING, "indicated-by", VIB, 0.8);
    edge(edges, BEARING, "indicated-by", NOISE, 0.6);
    edge(edges, CNC2_ONLY, "indicated-by", OTHER, 0.9);
    edge(edges, CNC2_ONLY, "indicated-by", TEMP, 0.99);

    edge(edges, OVERHEAT, "caused-by", "cause:coolant-low", 0.2);
    edge(edges, OVERHEAT, "caused-by", "cause:lubrication", 0.5);
    edge(edges, OVERHEAT, "caused-by", "cause:bearing-worn", 0.3);
    edge(edges, BEARING, "caused-by", "cause:lubrication", 0.2);
    edge(edges, BEARING, "caused-by", "cause:bearing-worn", 0.7);

    edge(edges, OVERHEAT, "fixed-by", "remedy:grease", 0.4);
    edge(edges, OVERHEAT, "fixed-by", "remedy:cool-down", 0.3);
    edge(edges, BEARING, "fixed-by", "remedy:replace-bearing", 1.0);
    edge(edges, "cause:lubrication", "fixed-by", "remedy:grease", 1.0);
    edge(edges, "cause:bearing-worn", "fixed-by", "remedy:replace-bearing", 0.9);
    edge(edges, "cause:coolant-low", "fixed-by", "remedy:refill-coolant", 0.8);
    return new Diagnoser.Knowledge(nodes, edges);
  }

  static void node(Map<String, GraphNode> nodes, String id, String type, String name, Map<String, Object> props) {
    nodes.put(id, new GraphNode(id, GraphNode.TypeEnum.fromValue(type), name).properties(props));
  }

  static void edge(List<GraphEdge> edges, String from, String type, String to, double weight) {
    edges.add(new GraphEdge(from, GraphEdge.TypeEnum.fromValue(type), to).weight(weight));
  }

  static List<String> ids(List<Ranked> ranked) {
    return ranked.stream().map(Ranked::getId).toList();
  }

  /*
   * Observed: SP1001 (alarmCode of temp-high), spindle.vibration (signal of vib-high), ZZ404 (matches nothing).
   * Seen symptoms: {temp-high, vib-high}.
   * Candidates of CNC-1 (CNC-1 itself and spindle): hydraulic-low, coolant-shortage, spindle-overheat, bearing-wear.
   *   hydraulic-low    explains neither symptom                   → dropped
   *   coolant-shortage 0.1 (default) × 0.5 (temp) × 0.02 (vib)   = 0.001
   *   spindle-overheat 0.2 × 0.9 (temp) × 0.3 (vib)              = 0.054
   *   bearing-wear     0.1 × 0.4 (temp) × 0.8 (vib)              = 0.032
   *   total = 0.087 → posteriors 54/87 ≈ 0.620690, 32/87 ≈ 0.367816, 1/87 ≈ 0.011494
   */
  @Test
  void ranksTheModesOfTheMachineByPosterior() {
    Diagnoser.Result r = Diagnoser.diagnose(knowledge(), CNC1, List.of("SP1001", "spindle.vibration", "ZZ404"), 10);

    List<DiagnosisFailureModesInner> modes = r.failureModes();
    assertThat(modes).extracting(DiagnosisFailureModesInner::getFailureMode)
        .containsExactly(OVERHEAT, BEARING, COOLANT);
    assertThat(modes.get(0).getProbability()).isCloseTo(54.0 / 87, within(1e-6));
    assertThat(modes.get(1).getProbability()).isCloseTo(32.0 / 87, within(1e-6));
    assertThat(modes.get(2).getProbability()).isCloseTo(1.0 / 87, within(1e-6));
    assertThat(modes.stream().mapToDouble(DiagnosisFailureModesInner::getProbability).sum())
        .isCloseTo(1.0, within(1e-5));

    // the node that has the mode
    assertThat(modes.get(0).getVia()).isEqualTo(SPINDLE);
    assertThat(modes.get(1).getVia()).isEqualTo(SPINDLE);
    assertThat(modes.get(2).getVia()).isEqualTo(CNC1);
    assertThat(modes.get(0).getName()).isEqualTo("主轴过热");
    assertThat(modes.get(0).getIso14224()).isEqualTo("OHE");
    assertThat(modes.get(2).getIso14224()).isNull();

    // SP1001 is matched through the alarmCode property, spindle.vibration through the signal property
    assertThat(modes.get(0).getExplains()).containsExactly(TEMP, VIB);
    assertThat(modes.get(1).getExplains()).containsExactly(TEMP, VIB);
    assertThat(modes.get(2).getExplains()).containsExactly(TEMP);

    assertThat(r.unmatched()).containsExactly("ZZ404");
  }

  /*
   * spindle-overheat: causes by share lubrication 0.5 > bearing-worn 0.3 > coolant-low 0.2.
   * Remedies:
   *   grease          direct 0.4; through lubrication 0.5 × 1.0 = 0.5 → max 0.5
   *   cool-down       direct 0.3
   *   replace-bearing through bearing-worn 0.3 × 0.9 = 0.27
   *   refill-coolant  through coolant-low 0.2 × 0.8 = 0.16
   * bearing-wear: causes bearing-worn 0.7 > lubrication 0.2.
   *   replace-bearing direct 1.0; through bearing-worn 0.7 × 0.9 = 0.63 → max 1.0
   *   grease          through lubrication 0.2 × 1.0 = 0.2
   */
  @Test
  void causesAndRemediesFollowEachMode() {
    Diagnoser.Result r = Diagnoser.diagnose(knowledge(), CNC1, List.of("SP1001", "spindle.vibration"), 10);
    DiagnosisFailureModesInner overheat = r.failureModes().get(0);
    DiagnosisFailureModesInner bearing = r.failureModes().get(1);
    assertThat(overheat.getFailureMode()).isEqualTo(OVERHEAT);
    assertThat(bearing.getFailureMode()).isEqualTo(BEARING);

    assertThat(ids(overheat.getCauses())).containsExactly("cause:lubrication", "cause:bearing-worn", "cause:coolant-low");
    assertThat(overheat.getCauses()).extracting(Ranked::getWeight).containsExactly(0.5, 0.3, 0.2);
    assertThat(overheat.getCauses().get(0).getName()).isEqualTo("润滑不足");

    assertThat(ids(overheat.getRemedies()))
        .containsExactly("remedy:grease", "remedy:cool-down", "remedy:replace-bearing", "remedy:refill-coolant");
    assertThat(overheat.getRemedies().get(0).getWeight()).isCloseTo(0.5, within(1e-6));
    assertThat(overheat.getRemedies().get(1).getWeight()).isCloseTo(0.3, within(1e-6));
    assertThat(overheat.getRemedies().get(2).getWeight()).isCloseTo(0.27, within(1e-6));
    assertThat(overheat.getRemedies().get(3).getWeight()).isCloseTo(0.16, within(1e-6));
    assertThat(overheat.getRemedies().get(0).getName()).isEqualTo("补充主轴润滑脂");

    assertThat(ids(bearing.getCauses())).containsExactly("cause:bearing-worn", "cause:lubrication");
    assertThat(ids(bearing.getRemedies())).containsExactly("remedy:replace-bearing", "remedy:grease");
    assertThat(bearing.getRemedies().get(0).getWeight()).isCloseTo(1.0, within(1e-6));
    assertThat(bearing.getRemedies().get(1).getWeight()).isCloseTo(0.2, within(1e-6));
  }

  /* Same scores as above; the limit cuts the list, not the normalisation: overheat keeps 54/87. */
  @Test
  void theLimitCutsTheRanking() {
    Diagnoser.Result r = Diagnoser.diagnose(knowledge(), CNC1, List.of("SP1001", "spindle.vibration"), 2);
    assertThat(r.failureModes()).extracting(DiagnosisFailureModesInner::getFailureMode)
        .containsExactly(OVERHEAT, BEARING);
    assertThat(r.failureModes().get(0).getProbability()).isCloseTo(54.0 / 87, within(1e-6));

    Diagnoser.Result one = Diagnoser.diagnose(knowledge(), CNC1, List.of("SP1001", "spindle.vibration"), 1);
    assertThat(one.failureModes()).extracting(DiagnosisFailureModesInner::getFailureMode).containsExactly(OVERHEAT);
  }

  /*
   * A symptom node id is matched as such. Observed: symptom:noise, HY3001 (pressure-low).
   *   hydraulic-low 0.05 × 0.02 (noise) × 0.95 (pressure) = 0.00095
   *   bearing-wear  0.1  × 0.6  (noise) × 0.02 (pressure) = 0.0012
   *   spindle-overheat and coolant-shortage explain neither → dropped
   *   total 0.00215 → bearing 120/215 ≈ 0.558140, hydraulic 95/215 ≈ 0.441860
   */
  @Test
  void matchesSymptomIdsAndAlarmCodes() {
    Diagnoser.Result r = Diagnoser.diagnose(knowledge(), CNC1, List.of(NOISE, "HY3001"), 10);
    assertThat(r.failureModes()).extracting(DiagnosisFailureModesInner::getFailureMode)
        .containsExactly(BEARING, HYDRAULIC);
    assertThat(r.failureModes().get(0).getProbability()).isCloseTo(120.0 / 215, within(1e-6));
    assertThat(r.failureModes().get(1).getProbability()).isCloseTo(95.0 / 215, within(1e-6));
    assertThat(r.failureModes().get(0).getExplains()).containsExactly(NOISE);
    assertThat(r.failureModes().get(1).getExplains()).containsExactly(PRESSURE);
    assertThat(r.failureModes().get(1).getVia()).isEqualTo(CNC1);
    assertThat(r.unmatched()).isEmpty();
  }

  /*
   * With nothing observed every candidate stays, ranked by prior: overheat 0.2, bearing 0.1 and coolant 0.1
   * (default; the tie goes by id: "failure-mode:bearing-wear" < "failure-mode:coolant-shortage"), hydraulic 0.05.
   * Total 0.45.
   */
  @Test
  void withoutSymptomsThePriorsRank() {
    Diagnoser.Result r = Diagnoser.diagnose(knowledge(), CNC1, List.of(), 10);
    assertThat(r.failureModes()).extracting(DiagnosisFailureModesInner::getFailureMode)
        .containsExactly(OVERHEAT, BEARING, COOLANT, HYDRAULIC);
    assertThat(r.failureModes()).extracting(DiagnosisFailureModesInner::getProbability)
        .containsExactly(0.444444, 0.222222, 0.222222, 0.111111);
    assertThat(r.unmatched()).isEmpty();
  }

  /*
   * CNC-2 sits on the same line, and its mode explains both observations with a high prior (0.9 × 0.9 × 0.99),
   * but it is not part of CNC-1: never a candidate, and XX9 (only it explains) stays unmatched.
   * CNC-1's scores: overheat 0.2 × 0.02 × 0.9 = 0.0036, coolant 0.1 × 0.02 × 0.5 = 0.001,
   * bearing 0.1 × 0.02 × 0.4 = 0.0008; total 0.0054 → overheat 2/3.
   */
  @Test
  void aFailureModeOfAnotherMachineIsNeverACandidate() {
    Diagnoser.Knowledge k = knowledge();
    Diagnoser.Result r = Diagnoser.diagnose(k, CNC1, List.of("XX9", "SP1001"), 10);
    assertThat(r.failureModes()).extracting(DiagnosisFailureModesInner::getFailureMode)
        .doesNotContain(CNC2_ONLY)
        .containsExactly(OVERHEAT, COOLANT, BEARING);
    assertThat(r.failureModes().get(0).getProbability()).isCloseTo(2.0 / 3, within(1e-6));
    assertThat(r.unmatched()).containsExactly("XX9");
    assertThat(Diagnoser.scope(k, CNC1)).containsExactlyInAnyOrder(CNC1, SPINDLE);

    // the same observations on CNC-2 do find it: the exclusion above is by scope, not by the data
    Diagnoser.Result other = Diagnoser.diagnose(k, CNC2, List.of("XX9", "SP1001"), 10);
    assertThat(other.failureModes()).extracting(DiagnosisFailureModesInner::getFailureMode)
        .containsExactly(CNC2_ONLY);
    assertThat(other.failureModes().get(0).getVia()).isEqualTo(CNC2);
    assertThat(other.failureModes().get(0).getProbability()).isCloseTo(1.0, within(1e-6));
    assertThat(other.unmatched()).isEmpty();
  }
}
