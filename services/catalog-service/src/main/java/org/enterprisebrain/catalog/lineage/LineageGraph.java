package org.enterprisebrain.catalog.lineage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enterprisebrain.catalog.scheme.Grade;

/**
 * Grade propagation along lineage, as Apache Atlas propagates classifications: derived data takes the grade
 * of everything upstream, unless an approved de-identifying transform blocks it at an edge. Each propagated
 * grade keeps its origin and path, so withdrawing one label withdraws only what it propagated.
 */
public final class LineageGraph {

  /** A node with its own label, if any. */
  public record Node(String id, String kind, String name, Grade ownGrade) {
  }

  public record Edge(long id, String from, String to, String transform, boolean deidentifying, String approvedBy) {

    /** Only an approved de-identifying transform stops propagation; a pending one does not. */
    public boolean blocks() {
      return deidentifying && approvedBy != null;
    }
  }

  /** A grade a node has because of an upstream node's own label. */
  public record Propagated(Grade grade, String origin, List<String> path) {
    public Propagated {
      path = List.copyOf(path);
    }
  }

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, List<Edge>> outgoing = new HashMap<>();
  private final List<Edge> edges;

  public LineageGraph(List<Node> nodes, List<Edge> edges) {
    nodes.forEach(n -> this.nodes.put(n.id(), n));
    this.edges = List.copyOf(edges);
    for (Edge e : edges) {
      outgoing.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
    }
  }

  public Map<String, Node> nodes() {
    return nodes;
  }

  public List<Edge> edges() {
    return edges;
  }

  /** For every node, the grades that reach it from upstream labels (its own label not included). */
  public Map<String, List<Propagated>> propagate() {
    Map<String, List<Propagated>> reached = new HashMap<>();
    for (Node origin : nodes.values()) {
      if (origin.ownGrade() == null) {
        continue;
      }
      // breadth first from the origin; a node reached twice keeps the shortest path
      Deque<List<String>> paths = new ArrayDeque<>();
      paths.add(List.of(origin.id()));
      Set<String> seen = new HashSet<>(Set.of(origin.id()));
      while (!paths.isEmpty()) {
        List<String> path = paths.poll();
        for (Edge edge : outgoing.getOrDefault(path.get(path.size() - 1), List.of())) {
          if (edge.blocks() || !seen.add(edge.to())) {
            continue;
          }
          List<String> next = new ArrayList<>(path);
          next.add(edge.to());
          reached.computeIfAbsent(edge.to(), k -> new ArrayList<>())
              .add(new Propagated(origin.ownGrade(), origin.id(), next));
          paths.add(next);
        }
      }
    }
    return reached;
  }

  /** The grade a node is protected by: its own label or the highest propagated one. */
  public static Grade effective(Node node, List<Propagated> propagated) {
    Grade grade = node.ownGrade();
    for (Propagated p : propagated) {
      grade = grade == null ? p.grade() : Grade.max(grade, p.grade());
    }
    return grade;
  }

  /** The ids within {@code depth} edges of {@code start}, up and down stream. */
  public Set<String> neighbourhood(String start, int depth) {
    Map<String, List<String>> adjacent = new HashMap<>();
    for (Edge e : edges) {
      adjacent.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
      adjacent.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
    }
    Set<String> found = new HashSet<>(Set.of(start));
    List<String> frontier = List.of(start);
    for (int d = 0; d < depth && !frontier.isEmpty(); d++) {
      List<String> next = new ArrayList<>();
      for (String id : frontier) {
        for (String n : adjacent.getOrDefault(id, List.of())) {
          if (found.add(n)) {
            next.add(n);
          }
        }
      }
      frontier = next;
    }
    return found;
  }
}
