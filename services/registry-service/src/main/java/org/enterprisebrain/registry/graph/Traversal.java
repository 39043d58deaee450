package org.enterprisebrain.registry.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enterprisebrain.registry.api.model.GraphEdge;

/** Breadth-first walks over edges in either direction, one hop (one read) at a time. */
public final class Traversal {

  /** The edges touching any of the given nodes, of the given types (all types when empty). */
  public interface Edges {
    List<GraphEdge> touching(Collection<String> nodes, List<String> types);
  }

  /** Node ids reached and the edges walked. */
  public record Reach(Set<String> nodes, List<GraphEdge> edges) {
  }

  private Traversal() {
  }

  public static Reach within(Edges graph, String start, int depth, List<String> types) {
    Set<String> reached = new LinkedHashSet<>(List.of(start));
    Set<GraphEdge> walked = new LinkedHashSet<>();
    List<String> frontier = List.of(start);
    for (int hop = 0; hop < depth && !frontier.isEmpty(); hop++) {
      List<String> next = new ArrayList<>();
      for (GraphEdge e : graph.touching(frontier, types)) {
        walked.add(e);
        for (String end : List.of(e.getFrom(), e.getTo())) {
          if (reached.add(end)) {
            next.add(end);
          }
        }
      }
      frontier = next;
    }
    return new Reach(reached, new ArrayList<>(walked));
  }

  /** Every shortest path from {@code from} to {@code to} (at most {@code max}), edges in walking order. */
  public static List<List<GraphEdge>> shortestPaths(Edges graph, String from, String to, int maxDepth, int max) {
    Map<String, List<GraphEdge>> arrivedBy = new HashMap<>(); // node → edges that reach it on a shortest path
    Set<String> visited = new LinkedHashSet<>(List.of(from));
    List<String> frontier = List.of(from);
    for (int hop = 0; hop < maxDepth && !frontier.isEmpty() && !visited.contains(to); hop++) {
      Set<String> current = new LinkedHashSet<>(frontier);
      Set<String> next = new LinkedHashSet<>();
      for (GraphEdge e : graph.touching(frontier, List.of())) {
        for (String[] step : List.of(new String[] {e.getFrom(), e.getTo()}, new String[] {e.getTo(), e.getFrom()})) {
          if (current.contains(step[0]) && !visited.contains(step[1])) {
            next.add(step[1]);
            arrivedBy.computeIfAbsent(step[1], n -> new ArrayList<>()).add(e);
          }
        }
      }
      visited.addAll(next);
      frontier = new ArrayList<>(next);
    }
    List<List<GraphEdge>> paths = new ArrayList<>();
    if (visited.contains(to) && !from.equals(to)) {
      unwind(to, from, arrivedBy, new ArrayList<>(), paths, max);
    }
    return paths;
  }

  private static void unwind(String node, String from, Map<String, List<GraphEdge>> arrivedBy, List<GraphEdge> suffix,
      List<List<GraphEdge>> paths, int max) {
    if (paths.size() >= max) {
      return;
    }
    if (node.equals(from)) {
      List<GraphEdge> path = new ArrayList<>(suffix);
      java.util.Collections.reverse(path);
      paths.add(path);
      return;
    }
    for (GraphEdge e : arrivedBy.getOrDefault(node, List.of())) {
      String previous = e.getTo().equals(node) ? e.getFrom() : e.getTo();
      suffix.add(e);
      unwind(previous, from, arrivedBy, suffix, paths, max);
      suffix.remove(suffix.size() - 1);
    }
  }
}
