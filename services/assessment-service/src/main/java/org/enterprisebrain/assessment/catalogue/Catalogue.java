package org.enterprisebrain.assessment.catalogue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The guideline as data: scenarios (6.2 智能化生产), sub-scenarios (6.2.3 质量管控) and their items
 * (6.2.3.c), each with the original Chinese text, the level it belongs to, a weight and its evidence.
 */
public record Catalogue(String catalogue, int version, String source, List<Level> levels, List<Scenario> scenarios) {

  public Catalogue {
    levels = List.copyOf(levels);
    scenarios = List.copyOf(scenarios);
  }

  public Stream<ClauseItem> items() {
    return scenarios.stream().flatMap(s -> s.subScenarios().stream()).flatMap(s -> s.items().stream());
  }

  public Optional<ClauseItem> item(String id) {
    return items().filter(i -> i.id().equals(id)).findFirst();
  }

  /** The scenario an item belongs to: its id's first two parts, or three for 5.4.2. */
  public Scenario scenarioOf(ClauseItem item) {
    return scenarios.stream().filter(s -> s.subScenarios().stream().anyMatch(sub -> sub.items().contains(item)))
        .findFirst().orElseThrow();
  }

  public SubScenario subScenarioOf(ClauseItem item) {
    return scenarios.stream().flatMap(s -> s.subScenarios().stream()).filter(sub -> sub.items().contains(item))
        .findFirst().orElseThrow();
  }

  /** Position of a level from the lowest (0); -1 when unknown. */
  public int rank(String level) {
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i).id().equals(level)) {
        return i;
      }
    }
    return -1;
  }

  public record Level(String id, String zh, String en, String builds) {
  }

  public record Scenario(String id, String zh, String en, List<SubScenario> subScenarios) {
    public Scenario {
      subScenarios = List.copyOf(subScenarios);
    }
  }

  public record SubScenario(String id, String zh, String en, List<ClauseItem> items) {
    public SubScenario {
      items = List.copyOf(items);
    }
  }

  /**
   * One lettered item. {@code text} is the guideline's wording verbatim (without its marker "a)" or "1.");
   * {@code levels} the level(s) whose score it counts in; {@code levelWhy} why it was put there.
   */
  public record ClauseItem(String id, String marker, String text, String title, List<String> levels,
      String levelWhy, double weight, List<EvidenceRef> evidence) {
    public ClauseItem {
      levels = List.copyOf(levels);
      evidence = List.copyOf(evidence);
    }

    public boolean attestable() {
      return evidence.stream().anyMatch(e -> e.attestation() != null);
    }
  }

  /** Either an automatic rule (by id, see evidence-rules.yaml) or what a manager must attest. */
  public record EvidenceRef(String rule, Prompt attestation, double weight) {
  }

  /** What an attestation states and what a reviewer should see, in both languages. */
  public record Prompt(String zh, String en) {
  }
}
