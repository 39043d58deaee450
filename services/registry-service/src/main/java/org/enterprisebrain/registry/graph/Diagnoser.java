package org.enterprisebrain.registry.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enterprisebrain.registry.api.model.DiagnosisFailureModesInner;
import org.enterprisebrain.registry.api.model.GraphEdge;
import org.enterprisebrain.registry.api.model.GraphNode;
import org.enterprisebrain.registry.api.model.Ranked;

/**
 * Diagnosis over the failure knowledge of one machine: the failure modes of the machine and its components
 * (has-failure-mode, components found through part-of), scored by naive Bayes over the observed symptoms —
 * prior (node property {@code prior}, else {@value #DEFAULT_PRIOR}) × Π P(symptom | mode), where the
 * indicated-by edge's weight is P(symptom | mode) and a symptom the mode does not explain counts
 * {@value #UNEXPLAINED}. Posteriors are normalised over the modes that explain at least one symptom.
 * Causes (caused-by, by share) and remedies (fixed-by on the mode, or on a cause weighted by its share)
 * follow each mode.
 */
public final class Diagnoser {

  static final double DEFAULT_PRIOR = 0.1;
  static final double UNEXPLAINED = 0.02;

  /** What the diagnosis reads: the nodes involved and the edges among them. */
  public record Knowledge(Map<String, GraphNode> nodes, List<GraphEdge> edges) {

    List<GraphEdge> from(String node, String type) {
      return edges.stream().filter(e -> e.getFrom().equals(node) && e.getType().getValue().equals(type)).toList();
    }

    List<GraphEdge> to(String node, String type) {
      return edges.stream().filter(e -> e.getTo().equals(node) && e.getType().getValue().equals(type)).toList();
    }
  }

  /** A diagnosis: modes ranked, and the observations no mode of this machine explains. */
  public record Result(List<DiagnosisFailureModesInner> failureModes, List<String> unmatched) {
  }

  private Diagnoser() {
  }

  /**
   * @param observed symptom node ids, or codes matched against a symptom's {@code alarmCode} or
   *                 {@code signal} property
   */
  public static Result diagnose(Knowledge k, String equipment, List<String> observed, int limit) {
    Map<String, String> candidates = new LinkedHashMap<>(); // failure mode → the node it belongs to
    for (String part : scope(k, equipment)) {
      k.from(part, "has-failure-mode").forEach(e -> candidates.putIfAbsent(e.getTo(), part));
    }
    Map<String, Set<String>> symptoms = new LinkedHashMap<>(); // observation → symptom nodes it names
    for (String o : observed) {
      Set<String> matched = new LinkedHashSet<>();
      k.nodes().values().stream().filter(n -> n.getType() == GraphNode.TypeEnum.SYMPTOM)
          .filter(n -> n.getId().equals(o) || o.equals(property(n, "alarmCode")) || o.equals(property(n, "signal")))
          .forEach(n -> matched.add(n.getId()));
      symptoms.put(o, matched);
    }
    Set<String> seen = new LinkedHashSet<>();
    symptoms.values().forEach(seen::addAll);

    List<DiagnosisFailureModesInner> ranked = new ArrayList<>();
    Map<String, Double> scores = new HashMap<>();
    Set<String> explainedAny = new LinkedHashSet<>();
    for (Map.Entry<String, String> c : candidates.entrySet()) {
      String mode = c.getKey();
      Map<String, Double> likelihood = new HashMap<>();
      k.from(mode, "indicated-by").forEach(e -> likelihood.put(e.getTo(), weight(e)));
      List<String> explains = seen.stream().filter(likelihood::containsKey).toList();
      if (explains.isEmpty() && !seen.isEmpty()) {
        continue;
      }
      double score = prior(k.nodes().get(mode));
      for (String s : seen) {
        score *= likelihood.getOrDefault(s, UNEXPLAINED);
      }
      scores.put(mode, score);
      explainedAny.addAll(explains);
      GraphNode node = k.nodes().get(mode);
      ranked.add(new DiagnosisFailureModesInner(mode, node == null ? mode : node.getName(), 0d, explains,
          causes(k, mode), remedies(k, mode))
          .via(c.getValue()).iso14224(node == null ? null : property(node, "iso14224")));
    }
    double total = scores.values().stream().mapToDouble(Double::doubleValue).sum();
    ranked.forEach(r -> r.setProbability(total > 0 ? round(scores.get(r.getFailureMode()) / total) : 0));
    ranked.sort(Comparator.comparing((DiagnosisFailureModesInner r) -> -scores.get(r.getFailureMode()))
        .thenComparing(DiagnosisFailureModesInner::getFailureMode));
    List<String> unmatched = symptoms.entrySet().stream()
        .filter(e -> e.getValue().stream().noneMatch(explainedAny::contains)).map(Map.Entry::getKey).toList();
    return new Result(ranked.subList(0, Math.min(limit, ranked.size())), unmatched);
  }

  /** The machine and everything that is part of it, transitively. */
  static Set<String> scope(Knowledge k, String equipment) {
    Set<String> scope = new LinkedHashSet<>(List.of(equipment));
    List<String> frontier = List.of(equipment);
    while (!frontier.isEmpty()) {
      List<String> next = new ArrayList<>();
      for (String n : frontier) {
        k.to(n, "part-of").forEach(e -> {
          if (scope.add(e.getFrom())) {
            next.add(e.getFrom());
          }
        });
      }
      frontier = next;
    }
    return scope;
  }

  private static List<Ranked> causes(Knowledge k, String mode) {
    return k.from(mode, "caused-by").stream().map(e -> ranked(k, e.getTo(), weight(e)))
        .sorted(Comparator.comparing(Ranked::getWeight).reversed().thenComparing(Ranked::getId)).toList();
  }

  private static List<Ranked> remedies(Knowledge k, String mode) {
    Map<String, Double> remedies = new HashMap<>();
    k.from(mode, "fixed-by").forEach(e -> remedies.merge(e.getTo(), weight(e), Math::max));
    for (GraphEdge cause : k.from(mode, "caused-by")) {
      k.from(cause.getTo(), "fixed-by").forEach(e -> remedies.merge(e.getTo(), weight(cause) * weight(e), Math::max));
    }
    return remedies.entrySet().stream().map(e -> ranked(k, e.getKey(), e.getValue()))
        .sorted(Comparator.comparing(Ranked::getWeight).reversed().thenComparing(Ranked::getId)).toList();
  }

  private static Ranked ranked(Knowledge k, String id, double weight) {
    GraphNode n = k.nodes().get(id);
    return new Ranked(id, n == null ? id : n.getName(), round(weight));
  }

  private static double prior(GraphNode mode) {
    Object p = mode == null || mode.getProperties() == null ? null : mode.getProperties().get("prior");
    return p instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : DEFAULT_PRIOR;
  }

  private static double weight(GraphEdge e) {
    return e.getWeight() == null ? 1 : e.getWeight();
  }

  static String property(GraphNode n, String name) {
    Object v = n.getProperties() == null ? null : n.getProperties().get(name);
    return v == null ? null : v.toString();
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
