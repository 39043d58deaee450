package org.enterprisebrain.catalog.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.enterprisebrain.catalog.scheme.Grade;
import org.junit.jupiter.api.Test;

class LineageGraphTest {

  static LineageGraph.Node node(String id, Grade grade) {
    return new LineageGraph.Node(id, id.substring(0, id.indexOf(':')), id.substring(id.indexOf(':') + 1), grade);
  }

  static LineageGraph.Edge edge(long id, String from, String to, boolean deidentifying, String approvedBy) {
    return new LineageGraph.Edge(id, from, to, null, deidentifying, approvedBy);
  }

  @Test
  void derivedDataTakesTheHighestUpstreamGradeWithItsOrigin() {
    LineageGraph graph = new LineageGraph(
        List.of(node("topic:hr", Grade.L3), node("dataset:contracts", Grade.IMPORTANT), node("job:join", null),
            node("report:payroll", null)),
        List.of(edge(1, "topic:hr", "job:join", false, null), edge(2, "dataset:contracts", "job:join", false, null),
            edge(3, "job:join", "report:payroll", false, null)));
    Map<String, List<LineageGraph.Propagated>> reached = graph.propagate();
    List<LineageGraph.Propagated> report = reached.get("report:payroll");
    assertThat(report).extracting(LineageGraph.Propagated::origin).containsExactlyInAnyOrder("topic:hr",
        "dataset:contracts");
    assertThat(report).filteredOn(p -> p.origin().equals("topic:hr")).first()
        .extracting(LineageGraph.Propagated::path).isEqualTo(List.of("topic:hr", "job:join", "report:payroll"));
    assertThat(LineageGraph.effective(graph.nodes().get("report:payroll"), report)).isEqualTo(Grade.IMPORTANT);
  }

  @Test
  void withdrawingOneLabelWithdrawsOnlyWhatItPropagated() {
    LineageGraph without = new LineageGraph(
        List.of(node("topic:hr", Grade.L3), node("dataset:contracts", null), node("report:payroll", null)),
        List.of(edge(1, "topic:hr", "report:payroll", false, null),
            edge(2, "dataset:contracts", "report:payroll", false, null)));
    List<LineageGraph.Propagated> report = without.propagate().get("report:payroll");
    assertThat(report).extracting(LineageGraph.Propagated::origin).containsExactly("topic:hr");
    assertThat(LineageGraph.effective(without.nodes().get("report:payroll"), report)).isEqualTo(Grade.L3);
  }

  @Test
  void onlyAnApprovedDeidentifyingTransformStopsAGrade() {
    List<LineageGraph.Node> nodes = List.of(node("index:hr", Grade.L3), node("model:attrition", null),
        node("report:after", null));
    LineageGraph pending = new LineageGraph(nodes, List.of(edge(1, "index:hr", "model:attrition", true, null),
        edge(2, "model:attrition", "report:after", false, null)));
    assertThat(pending.propagate().get("report:after")).hasSize(1);
    LineageGraph approved = new LineageGraph(nodes, List.of(edge(1, "index:hr", "model:attrition", true, "admin"),
        edge(2, "model:attrition", "report:after", false, null)));
    assertThat(approved.propagate()).doesNotContainKeys("model:attrition", "report:after");
  }

  @Test
  void cyclesEndAndNeighbourhoodsGoBothWays() {
    LineageGraph graph = new LineageGraph(List.of(node("job:a", Grade.L2), node("job:b", null), node("job:c", null)),
        List.of(edge(1, "job:a", "job:b", false, null), edge(2, "job:b", "job:a", false, null),
            edge(3, "job:b", "job:c", false, null)));
    assertThat(graph.propagate().get("job:c")).hasSize(1);
    assertThat(graph.propagate()).doesNotContainKey("job:a");
    assertThat(graph.neighbourhood("job:c", 1)).containsExactlyInAnyOrder("job:c", "job:b");
    assertThat(graph.neighbourhood("job:c", 2)).containsExactlyInAnyOrder("job:c", "job:b", "job:a");
  }
}
