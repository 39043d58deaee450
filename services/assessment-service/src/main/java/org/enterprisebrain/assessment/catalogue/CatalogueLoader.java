package org.enterprisebrain.assessment.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the clause catalogue and the evidence rules from YAML and refuses an inconsistent pair: duplicate
 * ids, an unknown level or rule, an item without evidence, a weight that is not positive.
 */
public final class CatalogueLoader {

  public static final String CATALOGUE = "catalogue/guideline-v1.yaml";
  public static final String RULES = "catalogue/evidence-rules.yaml";

  private static final ObjectMapper YAML = YAMLMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private CatalogueLoader() {
  }

  public static Catalogue bundledCatalogue() {
    return readCatalogue(resource(CATALOGUE));
  }

  public static RuleSet bundledRules() {
    return readRules(resource(RULES));
  }

  public static Catalogue readCatalogue(InputStream in) {
    try (in) {
      return YAML.readValue(in, Catalogue.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RuleSet readRules(InputStream in) {
    try (in) {
      JsonNode root = YAML.readTree(in);
      Map<String, EvidenceRule> rules = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : root.path("rules").properties()) {
        JsonNode r = e.getValue();
        @SuppressWarnings("unchecked")
        Map<String, Object> params = r.has("params") ? YAML.convertValue(r.get("params"), Map.class) : Map.of();
        rules.put(e.getKey(), new EvidenceRule(e.getKey(), r.path("kind").asString(), r.path("check").asString(),
            params, r.path("zh").asString(), r.path("en").asString()));
      }
      return new RuleSet(root.path("version").asInt(), rules);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every inconsistency between the catalogue and the rules, as "id: what"; empty when consistent. */
  public static List<String> problems(Catalogue catalogue, RuleSet rules, Set<String> knownChecks) {
    List<String> problems = new ArrayList<>();
    Set<String> levels = new HashSet<>();
    catalogue.levels().forEach(l -> levels.add(l.id()));
    Set<String> ids = new HashSet<>();
    catalogue.items().forEach(item -> {
      if (!ids.add(item.id())) {
        problems.add(item.id() + ": duplicate id");
      }
      if (item.text() == null || item.text().isBlank()) {
        problems.add(item.id() + ": no text");
      }
      if (item.levels().isEmpty() || !levels.containsAll(item.levels())) {
        problems.add(item.id() + ": levels " + item.levels() + " not among " + levels);
      }
      if (!(item.weight() > 0)) {
        problems.add(item.id() + ": weight must be positive");
      }
      if (item.evidence().isEmpty()) {
        problems.add(item.id() + ": no evidence");
      }
      for (Catalogue.EvidenceRef ref : item.evidence()) {
        if ((ref.rule() == null) == (ref.attestation() == null)) {
          problems.add(item.id() + ": evidence must name a rule or an attestation, not both or neither");
        } else if (ref.rule() != null && rules.rule(ref.rule()) == null) {
          problems.add(item.id() + ": unknown rule " + ref.rule());
        }
        if (!(ref.weight() > 0)) {
          problems.add(item.id() + ": evidence weight must be positive");
        }
      }
    });
    rules.rules().values().forEach(r -> {
      if (!knownChecks.contains(r.check())) {
        problems.add(r.id() + ": unknown check " + r.check());
      }
      if (!Set.of("live-metric", "system-presence").contains(r.kind())) {
        problems.add(r.id() + ": kind must be live-metric or system-presence");
      }
    });
    return problems;
  }

  static InputStream resource(String path) {
    InputStream in = CatalogueLoader.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("missing resource " + path);
    }
    return in;
  }
}
