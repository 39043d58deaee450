package org.enterprisebrain.assessment.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.enterprisebrain.assessment.catalogue.Catalogue;
import org.enterprisebrain.assessment.catalogue.Catalogue.ClauseItem;
import org.enterprisebrain.assessment.catalogue.Catalogue.EvidenceRef;
import org.enterprisebrain.assessment.catalogue.EvidenceRule;
import org.enterprisebrain.assessment.catalogue.RuleSet;
import org.enterprisebrain.assessment.evidence.RuleResult;
import org.enterprisebrain.assessment.scoring.Evaluation.EvidenceResult;
import org.enterprisebrain.assessment.scoring.Evaluation.ItemResult;
import org.enterprisebrain.assessment.scoring.Evaluation.LevelScore;
import org.enterprisebrain.assessment.scoring.Evaluation.Range;
import org.enterprisebrain.assessment.scoring.Evaluation.ScenarioScore;
import org.enterprisebrain.assessment.scoring.Evaluation.SubScenarioScore;

/**
 * Scores the catalogue from rule results and attestations; pure, so the numbers can be worked by hand.
 *
 * <p>A clause's raw value is the weighted mean of its evidence (a rule's value, an approved attestation's
 * satisfaction, 0 for anything missing or unknown), rounded down to the profile's scale. Sub-scenarios,
 * scenarios and levels are weighted means of their clauses (clause weight × scenario weight). A level passes
 * at the profile's threshold and is attained only if every lower level passes too.
 */
public final class Scorer {

  private final Catalogue catalogue;
  private final RuleSet rules;
  private final ScoringProfile profile;

  public Scorer(Catalogue catalogue, RuleSet rules, ScoringProfile profile) {
    this.catalogue = catalogue;
    this.rules = rules;
    this.profile = profile;
  }

  public Evaluation evaluate(String plant, Instant at, Map<String, RuleResult> results,
      Map<String, AttestationStatus> attestations) {
    List<ItemResult> items = new ArrayList<>();
    int automatic = 0;
    int attestationOnly = 0;
    int met = 0;
    int unknown = 0;
    int pending = 0;
    for (Catalogue.Scenario scenario : catalogue.scenarios()) {
      for (Catalogue.SubScenario sub : scenario.subScenarios()) {
        for (ClauseItem item : sub.items()) {
          ItemResult r = item(scenario, sub, item, results, attestations.getOrDefault(item.id(), AttestationStatus.NONE));
          items.add(r);
          boolean hasRule = item.evidence().stream().anyMatch(e -> e.rule() != null);
          automatic += hasRule ? 1 : 0;
          attestationOnly += hasRule ? 0 : 1;
          met += r.satisfaction() >= 1 ? 1 : 0;
          unknown += r.unknown() ? 1 : 0;
          pending += r.evidence().stream().anyMatch(e -> "pending".equals(e.status()) || "expired".equals(e.status())) ? 1 : 0;
        }
      }
    }
    List<LevelScore> levels = new ArrayList<>();
    boolean lowerPassed = true;
    String attained = null;
    String next = null;
    for (Catalogue.Level level : catalogue.levels()) {
      Predicate<ItemResult> in = i -> i.levels().contains(level.id());
      double score = mean(items, in, ItemResult::satisfaction);
      boolean passed = score + 1e-9 >= profile.passThreshold() && items.stream().anyMatch(in);
      boolean isAttained = lowerPassed && passed;
      if (isAttained) {
        attained = level.id();
      } else if (next == null) {
        next = level.id();
      }
      lowerPassed = isAttained;
      levels.add(new LevelScore(level.id(), level.zh(), level.en(), round(score),
          new Range(round(mean(items, in, i -> i.range().low())), round(mean(items, in, i -> i.range().high()))),
          passed, isAttained, (int) items.stream().filter(in).count()));
    }
    int targetRank = catalogue.rank(profile.target());
    List<ScenarioScore> scenarios = new ArrayList<>();
    for (Catalogue.Scenario scenario : catalogue.scenarios()) {
      Predicate<ItemResult> in = i -> i.scenario().equals(scenario.id());
      Predicate<ItemResult> upToTarget = in.and(i -> i.levels().stream().anyMatch(l -> catalogue.rank(l) <= targetRank));
      List<SubScenarioScore> subs = scenario.subScenarios().stream()
          .map(sub -> new SubScenarioScore(sub.id(), sub.zh(), sub.en(),
              round(mean(items, i -> i.subScenario().equals(sub.id()), ItemResult::satisfaction))))
          .toList();
      scenarios.add(new ScenarioScore(scenario.id(), scenario.zh(), scenario.en(), profile.scenarioWeight(scenario.id()),
          round(mean(items, in, ItemResult::satisfaction)), round(mean(items, upToTarget, ItemResult::satisfaction)),
          subs));
    }
    Predicate<ItemResult> all = i -> true;
    return new Evaluation(plant, at, 0, at, 0, catalogue.version(), profile.version(), attained, next,
        profile.target(), profile.passThreshold(), round(mean(items, all, ItemResult::satisfaction)),
        new Range(round(mean(items, all, i -> i.range().low())), round(mean(items, all, i -> i.range().high()))),
        levels, scenarios, items, new Evaluation.Counts(items.size(), automatic, attestationOnly, met, unknown, pending));
  }

  private ItemResult item(Catalogue.Scenario scenario, Catalogue.SubScenario sub, ClauseItem item,
      Map<String, RuleResult> results, AttestationStatus attested) {
    List<EvidenceResult> evidence = new ArrayList<>();
    double total = 0;
    double value = 0;
    double high = 0;
    boolean unknown = false;
    for (EvidenceRef ref : item.evidence()) {
      total += ref.weight();
      if (ref.rule() != null) {
        EvidenceRule rule = rules.rule(ref.rule());
        RuleResult result = results.getOrDefault(ref.rule(), RuleResult.unknown(ref.rule(), "not evaluated"));
        unknown |= !result.known();
        value += ref.weight() * result.value();
        high += ref.weight() * (result.known() ? result.value() : 1);
        evidence.add(new EvidenceResult(rule.kind(), rule.id(), rule.zh(), rule.en(), ref.weight(),
            result.known() ? "evaluated" : "unknown", round(result.value()), result.facts(), result.reason(), null));
      } else {
        double holding = attested.holding() == null ? 0 : attested.holding();
        double claimed = Math.max(holding, attested.pending() == null ? 0 : attested.pending());
        value += ref.weight() * holding;
        high += ref.weight() * claimed;
        String status = attested.holding() != null ? "approved"
            : attested.pending() != null ? (attested.expired() ? "expired" : "pending")
            : attested.rejected() ? "rejected" : "missing";
        Long id = attested.holdingId() != null ? attested.holdingId() : attested.pendingId();
        evidence.add(new EvidenceResult("attestation", null, ref.attestation().zh(), ref.attestation().en(),
            ref.weight(), status, round(holding), Map.of(), null, id));
      }
    }
    double raw = total == 0 ? 0 : value / total;
    ScoringProfile.ScaleStep step = profile.floor(raw);
    double highRaw = total == 0 ? 0 : high / total;
    return new ItemResult(item.id(), scenario.id(), sub.id(), item.text(), item.title(), item.levels(), item.weight(),
        round(raw), step.value(), step.zh(), step.en(), unknown,
        new Range(step.value(), profile.floor(highRaw).value()), evidence);
  }

  /** Mean of {@code f} over the selected items, weighted by clause weight × scenario weight; 0 when none. */
  private double mean(List<ItemResult> items, Predicate<ItemResult> in, ToDoubleFunction<ItemResult> f) {
    double sum = 0;
    double weights = 0;
    for (ItemResult i : items) {
      if (in.test(i)) {
        double w = i.weight() * profile.scenarioWeight(i.scenario());
        sum += w * f.applyAsDouble(i);
        weights += w;
      }
    }
    return weights == 0 ? 0 : sum / weights;
  }

  static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
