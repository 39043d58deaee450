package org.enterprisebrain.assessment.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.assessment.catalogue.EvidenceRule;
import tools.jackson.databind.JsonNode;

/**
 * Security evidence: the gateway watching and refusing attacks.
 */
final class SecurityChecks {

  /** The checks, by the name a rule's {@code check} gives. */
  static final Map<String, EvidenceCheck> CHECKS = Map.ofEntries(
      Map.entry("attack-defence", SecurityChecks::attackDefence));

  private SecurityChecks() {
  }

  /**
   * 防范网络攻击: the gateway counts what it refuses per source and alerts past thresholds. The capability is the
   * watching of every kind the rule names; the counts and alerts of the last hours are the facts an assessor reads.
   */
  private static RuleResult attackDefence(EvidenceReads r, EvidenceRule rule) {
    int hours = rule.intParam("withinHours", 24);
    JsonNode events = r.get("gateway", EvidenceReads.op("gateway", "getSecurityEvents") + "?limit=5&hours=" + hours);
    List<String> kinds = rule.listParam("kinds");
    List<String> watched = events.path("watching").asBoolean(false)
        ? kinds.stream().filter(k -> events.path("thresholds").path(k).asInt(0) > 0).toList() : List.of();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("watching", events.path("watching").asBoolean(false));
    facts.put("notWatched", kinds.stream().filter(k -> !watched.contains(k)).toList());
    Map<String, Long> totals = new java.util.TreeMap<>();
    events.path("totals").properties().forEach(e -> totals.put(e.getKey(), e.getValue().asLong()));
    facts.put("refusedWithinHours", totals);
    facts.put("alertsWithinHours", events.path("alertsTotal").asLong(0));
    List<String> busiest = new ArrayList<>();
    events.path("sources").forEach(s -> busiest.add(s.path("kind").asString() + " " + s.path("address").asString()
        + " " + s.path("client").asString() + " ×" + s.path("count").asLong()));
    facts.put("busiestSources", busiest);
    facts.put("withinHours", hours);
    return RuleResult.of(rule.id(), RuleResult.ratio(watched.size(), kinds.size()), facts);
  }
}
