package org.enterprisebrain.assessment.evidence;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.enterprisebrain.assessment.catalogue.EvidenceRule;
import tools.jackson.databind.JsonNode;

/**
 * The models' evidence: deployments that score, models with a champion, components and the knowledge graph, read
 * from the registry.
 */
final class ModelChecks {

  /** The checks, by the name a rule's {@code check} gives. */
  static final Map<String, EvidenceCheck> CHECKS = Map.ofEntries(
      Map.entry("model-deployment", ModelChecks::modelDeployment),
      Map.entry("models", ModelChecks::models),
      Map.entry("components", ModelChecks::components),
      Map.entry("knowledge-graph", ModelChecks::knowledgeGraph));

  private ModelChecks() {
  }

  private static RuleResult modelDeployment(EvidenceReads r, EvidenceRule rule) {
    String entity = rule.params().getOrDefault("entity", "telemetry").toString();
    Set<String> active = new TreeSet<>();
    for (JsonNode d : r.get("registry", EvidenceReads.op("registry", "listDeployments"))) {
      boolean forPlant = !d.path("plants").isArray() || d.path("plants").isEmpty()
          || d.path("plants").valueStream().anyMatch(p -> p.asString().equals(r.plant()) || p.asString().equals("*"));
      if ("active".equals(d.path("status").asString()) && entity.equals(d.path("entity").asString()) && forPlant) {
        active.add(d.path("id").asString());
      }
    }
    Set<String> scoring = new TreeSet<>();
    if (!active.isEmpty()) {
      r.analytics(EvidenceReads.op("analytics", "listScores"), rule.intParam("withinHours", 24), "&size=500")
          .forEach(s -> scoring.add(s.path("deployment").asString()));
    }
    scoring.retainAll(active);
    // deployed but never scored is a configuration, not yet a capability
    double value = active.isEmpty() ? 0 : scoring.isEmpty() ? 0.5 : 1;
    return RuleResult.of(rule.id(), value, Map.of("activeDeployments", active, "scoring", scoring));
  }

  private static RuleResult models(EvidenceReads r, EvidenceRule rule) {
    Set<String> champions = new TreeSet<>();
    int models = 0;
    for (JsonNode m : r.get("registry", EvidenceReads.op("registry", "listModels"))) {
      models++;
      if (m.path("aliases").has("champion")) {
        champions.add(m.path("name").asString());
      }
    }
    return RuleResult.of(rule.id(), RuleResult.ratio(champions.size(), rule.intParam("minModels", 1)),
        Map.of("models", models, "withChampion", champions));
  }

  private static RuleResult components(EvidenceReads r, EvidenceRule rule) {
    int n = r.get("registry", EvidenceReads.op("registry", "listComponents")).size();
    return RuleResult.of(rule.id(), RuleResult.ratio(n, rule.intParam("minComponents", 1)), Map.of("components", n));
  }

  private static RuleResult knowledgeGraph(EvidenceReads r, EvidenceRule rule) {
    Map<String, Integer> byType = new LinkedHashMap<>();
    r.get("registry", EvidenceReads.op("registry", "exportGraph")).path("nodes")
        .forEach(n -> byType.merge(n.path("type").asString(), 1, Integer::sum));
    double value = 1;
    Map<String, Integer> required = rule.mapParam("types");
    for (Map.Entry<String, Integer> e : required.entrySet()) {
      value = Math.min(value, RuleResult.ratio(byType.getOrDefault(e.getKey(), 0), e.getValue()));
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    required.keySet().forEach(t -> facts.put(t, byType.getOrDefault(t, 0)));
    return RuleResult.of(rule.id(), value, facts);
  }
}
