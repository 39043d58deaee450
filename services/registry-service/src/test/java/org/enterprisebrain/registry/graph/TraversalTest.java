package org.enterprisebrain.registry.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import org.enterprisebrain.registry.api.model.GraphEdge;
import org.junit.jupiter.api.Test;

class TraversalTest {

  /** Edges of an in-memory list: those touching any of the nodes, either direction, of the types (all if none). */
  record ListEdges(List<GraphEdge> all) implements Traversal.Edges {
    @Override
    public List<GraphEdge> touching(Collection<String> nodes, List<String> types) {
      return all.stream()
          .filter(e -> types.isEmpty() || types.contains(e.getType().getValue()))
          .filter(e -> nodes.contains(e.getFrom()) || nodes.contains(e.getTo()))
          .toList();
    }
  }

  static GraphEdge edge(String from, String type, String to) {
    return new GraphEdge(from, GraphEdge.TypeEnum.fromValue(type), to).weight(1d);
  }

  /*
   *  LINE ←part-of─ CNC ←part-of─ SPINDLE ─has-failure-mode→ OHE ─indicated-by→ TEMP
   *                  └─monitored-by→ MODEL
   *
   * From CNC: 1 hop reaches LINE, SPINDLE, MODEL; 2 hops add OHE; 3 hops add TEMP.
   */
  static final String CNC = "equipment:CNC-1", LINE = "equipment:LINE-1", SPINDLE = "component:spindle",
      OHE = "failure-mode:OHE", TEMP = "symptom:temp", MODEL = "model:spindle-failure";
  static final GraphEdge SPINDLE_PART = edge(SPINDLE, "part-of", CNC);
  static final GraphEdge CNC_PART = edge(CNC, "part-of", LINE);
  static final GraphEdge MONITORED = edge(CNC, "monitored-by", MODEL);
  static final GraphEdge HAS_MODE = edge(SPINDLE, "has-failure-mode", OHE);
  static final GraphEdge INDICATED = edge(OHE, "indicated-by", TEMP);
  static final ListEdges PLANT = new ListEdges(List.of(INDICATED, HAS_MODE, SPINDLE_PART, CNC_PART, MONITORED));

  @Test
  void oneHopReachesTheNeighboursInEitherDirection() {
    Traversal.Reach r = Traversal.within(PLANT, CNC, 1, List.of());
    assertThat(r.nodes()).containsExactlyInAnyOrder(CNC, LINE, SPINDLE, MODEL);
    assertThat(r.edges()).containsExactlyInAnyOrder(SPINDLE_PART, CNC_PART, MONITORED);
  }

  @Test
  void twoHopsReachTheNeighboursOfTheNeighbours() {
    Traversal.Reach r = Traversal.within(PLANT, CNC, 2, List.of());
    assertThat(r.nodes()).containsExactlyInAnyOrder(CNC, LINE, SPINDLE, MODEL, OHE);
    assertThat(r.edges()).containsExactlyInAnyOrder(SPINDLE_PART, CNC_PART, MONITORED, HAS_MODE);

    Traversal.Reach three = Traversal.within(PLANT, CNC, 3, List.of());
    assertThat(three.nodes()).contains(TEMP);
    assertThat(three.edges()).hasSize(5);
  }

  @Test
  void depthZeroIsTheStartAlone() {
    Traversal.Reach r = Traversal.within(PLANT, CNC, 0, List.of());
    assertThat(r.nodes()).containsExactly(CNC);
    assertThat(r.edges()).isEmpty();
  }

  @Test
  void onlyTheGivenEdgeTypesAreWalked() {
    Traversal.Reach r = Traversal.within(PLANT, CNC, 2, List.of("part-of", "has-failure-mode"));
    assertThat(r.nodes()).containsExactlyInAnyOrder(CNC, LINE, SPINDLE, OHE).doesNotContain(MODEL);
    assertThat(r.edges()).containsExactlyInAnyOrder(SPINDLE_PART, CNC_PART, HAS_MODE);

    Traversal.Reach monitoring = Traversal.within(PLANT, CNC, 3, List.of("monitored-by"));
    assertThat(monitoring.nodes()).containsExactlyInAnyOrder(CNC, MODEL);
    assertThat(monitoring.edges()).containsExactly(MONITORED);
  }

  /*
   * A diamond with mixed directions, plus a longer detour:
   *   A → B,  D → B        (A–B–D)
   *   A → C,  C → D        (A–C–D)
   *   A → E,  E → F, F → D (A–E–F–D, 3 edges: not shortest)
   */
  static final GraphEdge AB = edge("A", "uses", "B"), DB = edge("D", "uses", "B"), AC = edge("A", "uses", "C"),
      CD = edge("C", "uses", "D"), AE = edge("A", "uses", "E"), EF = edge("E", "uses", "F"),
      FD = edge("F", "uses", "D");
  static final ListEdges DIAMOND = new ListEdges(List.of(AB, AC, DB, CD, AE, EF, FD));

  @Test
  void allShortestPathsInWalkingOrder() {
    List<List<GraphEdge>> paths = Traversal.shortestPaths(DIAMOND, "A", "D", 5, 10);
    assertThat(paths).containsExactlyInAnyOrder(List.of(AB, DB), List.of(AC, CD));
    assertThat(paths).allSatisfy(p -> assertThat(p).hasSize(2));

    // and back: the same edges, walked the other way
    List<List<GraphEdge>> back = Traversal.shortestPaths(DIAMOND, "D", "A", 5, 10);
    assertThat(back).containsExactlyInAnyOrder(List.of(DB, AB), List.of(CD, AC));
  }

  @Test
  void aPathLongerThanMaxDepthIsNotFound() {
    assertThat(Traversal.shortestPaths(DIAMOND, "A", "D", 1, 10)).isEmpty();
    assertThat(Traversal.shortestPaths(DIAMOND, "A", "D", 2, 10)).hasSize(2);
    // B to F: B–A–E–F or B–D–F, the latter is the shortest (2 edges)
    assertThat(Traversal.shortestPaths(DIAMOND, "B", "F", 2, 10)).containsExactly(List.of(DB, FD));
    assertThat(Traversal.shortestPaths(DIAMOND, "A", "F", 1, 10)).isEmpty();
    assertThat(Traversal.shortestPaths(DIAMOND, "A", "nowhere", 5, 10)).isEmpty();
  }

  @Test
  void atMostMaxPaths() {
    List<List<GraphEdge>> paths = Traversal.shortestPaths(DIAMOND, "A", "D", 5, 1);
    assertThat(paths).hasSize(1);
    assertThat(paths.get(0)).isIn(List.of(AB, DB), List.of(AC, CD));
  }
}
