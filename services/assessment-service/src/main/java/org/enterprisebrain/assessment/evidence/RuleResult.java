package org.enterprisebrain.assessment.evidence;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one automatic rule found: a satisfaction value in [0, 1] with the facts behind it, or unknown when
 * the service it reads did not answer (then {@code reason} says which and why).
 */
public record RuleResult(String rule, boolean known, double value, Map<String, Object> facts, String reason) {

  public RuleResult {
    facts = facts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  public static RuleResult of(String rule, double value, Map<String, Object> facts) {
    return new RuleResult(rule, true, Math.max(0, Math.min(1, value)), facts, null);
  }

  public static RuleResult unknown(String rule, String reason) {
    return new RuleResult(rule, false, 0, Map.of(), reason);
  }

  /** observed / required, capped at 1; a requirement of 0 is met by anything. */
  public static double ratio(double observed, double required) {
    return required <= 0 ? 1 : Math.min(1, observed / required);
  }
}
