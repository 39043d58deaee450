package org.enterprisebrain.registry.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.enterprisebrain.registry.api.model.DiagnosisFailureModesInner;
import org.enterprisebrain.registry.api.model.GraphEdge;
import org.enterprisebrain.registry.api.model.GraphNode;
import org.enterprisebrain.registry.api.model.Subgraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The failure knowledge shipped for the demo plant (/graph/demo-plant.json) is consistent and diagnoses sensibly. */
class DemoGraphTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static Subgraph demo;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = DemoGraphTest.class.getResourceAsStream("/graph/demo-plant.json")) {
      assertThat(in).as("/graph/demo-plant.json on the classpath").isNotNull();
      demo = JSON.readValue(in, Subgraph.class);
    }
  }

  static Diagnoser.Knowledge knowledge() {
    Map<String, GraphNode> nodes = new LinkedHashMap<>();
    demo.getNodes().forEach(n -> nodes.put(n.getId(), n));
    return new Diagnoser.Knowledge(nodes, demo.getEdges());
  }

  @Test
  void nodesAreWellFormedAndUnique() {
    assertThat(demo.getNodes()).isNotEmpty();
    assertThat(demo.getNodes()).allSatisfy(n -> {
      assertThat(n.getId()).as("id").isNotBlank();
      assertThat(n.getType()).as("type of %s", n.getId()).isNotNull();
      assertThat(n.getName()).as("name of %s", n.getId()).isNotBlank();
      assertThat(n.getId()).as("id prefix of %s", n.getId()).startsWith(n.getType().getValue() + ":");
    });
    List<String> ids = demo.getNodes().stream().map(GraphNode::getId).toList();
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void everyEdgeJoinsKnownNodesWithAWeightInZeroToOne() {
    Set<String> ids = demo.getNodes().stream().map(GraphNode::getId).collect(Collectors.toSet());
    assertThat(demo.getEdges()).isNotEmpty();
    assertThat(demo.getEdges()).allSatisfy(e -> {
      assertThat(e.getType()).as("type of %s → %s", e.getFrom(), e.getTo()).isNotNull();
      assertThat(ids).as("from of %s %s %s", e.getFrom(), e.getType(), e.getTo()).contains(e.getFrom());
      assertThat(ids).as("to of %s %s %s", e.getFrom(), e.getType(), e.getTo()).contains(e.getTo());
      assertThat(e.getWeight()).as("weight of %s %s %s", e.getFrom(), e.getType(), e.getTo())
          .isNotNull().isBetween(0.0, 1.0);
    });
    // a mode's causes share at most the whole of it
    Map<String, Double> shares = new HashMap<>();
    demo.getEdges().stream().filter(e -> e.getType() == GraphEdge.TypeEnum.CAUSED_BY)
        .forEach(e -> shares.merge(e.getFrom(), e.getWeight(), Double::sum));
    assertThat(shares).isNotEmpty();
    assertThat(shares.values()).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(1.0 + 1e-9));
  }

  @Test
  void theNineMachinesAndTheSixAlarmCodesAreThere() {
    Map<String, GraphNode> nodes = knowledge().nodes();
    for (String m : List.of("CNC-A01", "CNC-A02", "CNC-A03", "CNC-A04", "CNC-A05",
        "ASM-B01", "ASM-B02", "ASM-B03", "ASM-B04")) {
      assertThat(nodes.get("equipment:hz-01:" + m)).as(m).isNotNull()
          .extracting(GraphNode::getType).isEqualTo(GraphNode.TypeEnum.EQUIPMENT);
    }
    assertThat(nodes.get("equipment:hz-01:CNC-A01").getName()).isEqualTo("立式加工中心 1#");
    assertThat(nodes.get("equipment:hz-01:ASM-B01").getName()).isEqualTo("装配工位 1#");
    // the demo plant's machines and their components are hz-01's; the failure knowledge is every plant's
    demo.getNodes().forEach(n -> assertThat(n.getPlant()).as(n.getId()).isEqualTo(
        n.getType() == GraphNode.TypeEnum.EQUIPMENT || n.getType() == GraphNode.TypeEnum.COMPONENT ? "hz-01" : null));
    Set<String> alarmCodes = demo.getNodes().stream().filter(n -> n.getType() == GraphNode.TypeEnum.SYMPTOM)
        .map(n -> Diagnoser.property(n, "alarmCode")).filter(c -> c != null).collect(Collectors.toSet());
    assertThat(alarmCodes).contains("SP1001", "T0102", "HY3001", "SV1001", "PR2002", "TQ4001");
    for (int i = 1; i <= 5; i++) {
      assertThat(demo.getEdges()).contains(new GraphEdge("equipment:hz-01:CNC-A0" + i, GraphEdge.TypeEnum.MONITORED_BY,
          "model:spindle-failure").weight(1d));
    }
  }

  /*
   * SP1001 names symptom:spindle-temperature-high. Of CNC-A01's modes, two explain it:
   *   spindle-overheat           prior 0.10 × P 0.95 = 0.095
   *   spindle-bearing-vibration  prior 0.08 × P 0.35 = 0.028
   * so the overheating mode comes first.
   */
  @Test
  void anOverheatingAlarmPointsToTheSpindleOverheating() {
    Diagnoser.Result r = Diagnoser.diagnose(knowledge(), "equipment:hz-01:CNC-A01", List.of("SP1001"), 5);
    assertThat(r.failureModes()).isNotEmpty();
    DiagnosisFailureModesInner top = r.failureModes().get(0);
    assertThat(top.getFailureMode()).isEqualTo("failure-mode:spindle-overheat");
    assertThat(top.getVia()).isEqualTo("component:CNC-A01.spindle");
    assertThat(top.getIso14224()).isEqualTo("OHE");
    assertThat(top.getExplains()).containsExactly("symptom:spindle-temperature-high");
    assertThat(top.getRemedies()).isNotEmpty();
    assertThat(r.unmatched()).isEmpty();
  }

  /*
   * spindle.vibration names symptom:spindle-vibration-high. Of CNC-A01's modes:
   *   spindle-bearing-vibration  0.08 × 0.90 = 0.072
   *   tool-breakage              0.12 × 0.50 = 0.060
   *   tool-wear-deviation        0.10 × 0.30 = 0.030
   *   spindle-overheat           0.10 × 0.25 = 0.025
   * so the bearing vibration mode comes first.
   */
  @Test
  void spindleVibrationPointsToTheBearing() {
    Diagnoser.Result r = Diagnoser.diagnose(knowledge(), "equipment:hz-01:CNC-A01", List.of("spindle.vibration"), 5);
    assertThat(r.failureModes()).isNotEmpty();
    DiagnosisFailureModesInner top = r.failureModes().get(0);
    assertThat(top.getFailureMode()).isEqualTo("failure-mode:spindle-bearing-vibration");
    assertThat(top.getVia()).isEqualTo("component:CNC-A01.spindle");
    assertThat(top.getIso14224()).isEqualTo("VIB");
    assertThat(top.getExplains()).containsExactly("symptom:spindle-vibration-high");
    assertThat(r.unmatched()).isEmpty();
  }

  /* The failure modes are shared by machine type, but an assembly station never gets a machining-centre mode. */
  @Test
  void aMachiningAlarmIsNotExplainedOnAnAssemblyStation() {
    Diagnoser.Result r = Diagnoser.diagnose(knowledge(), "equipment:hz-01:ASM-B01", List.of("T0102"), 5);
    assertThat(r.failureModes()).isEmpty();
    assertThat(r.unmatched()).containsExactly("T0102");
  }
}
