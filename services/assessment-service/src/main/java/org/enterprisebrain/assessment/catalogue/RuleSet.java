package org.enterprisebrain.assessment.catalogue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every automatic evidence rule by id (evidence-rules.yaml). */
public record RuleSet(int version, Map<String, EvidenceRule> rules) {

  public RuleSet {
    rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
  }

  public EvidenceRule rule(String id) {
    return rules.get(id);
  }
}
