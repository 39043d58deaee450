package org.enterprisebrain.assessment.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An automatic evidence rule: which check reads the platform ({@code check}), its settings, and what it
 * proves. {@code kind} is live-metric (a measured quantity of live data) or system-presence (a capability
 * is configured and running); attestations are the third kind and live in the catalogue items.
 */
public record EvidenceRule(String id, String kind, String check, Map<String, Object> params, String zh, String en) {

  public EvidenceRule {
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  public int intParam(String name, int fallback) {
    Object v = params.get(name);
    return v instanceof Number n ? n.intValue() : fallback;
  }

  public double doubleParam(String name, double fallback) {
    Object v = params.get(name);
    return v instanceof Number n ? n.doubleValue() : fallback;
  }

  @SuppressWarnings("unchecked")
  public List<String> listParam(String name) {
    Object v = params.get(name);
    return v instanceof List<?> l ? (List<String>) l : List.of();
  }

  @SuppressWarnings("unchecked")
  public Map<String, Integer> mapParam(String name) {
    Object v = params.get(name);
    if (!(v instanceof Map<?, ?> m)) {
      return Map.of();
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    ((Map<String, Object>) m).forEach((k, x) -> out.put(k, ((Number) x).intValue()));
    return out;
  }
}
