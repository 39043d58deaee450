package org.enterprisebrain.assessment.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.assessment.catalogue.Catalogue;
import org.enterprisebrain.assessment.catalogue.Catalogue.ClauseItem;
import org.enterprisebrain.assessment.catalogue.Catalogue.EvidenceRef;
import org.enterprisebrain.assessment.catalogue.Catalogue.Prompt;
import org.enterprisebrain.assessment.catalogue.EvidenceRule;
import org.enterprisebrain.assessment.catalogue.RuleSet;
import org.enterprisebrain.assessment.evidence.RuleResult;
import org.junit.jupiter.api.Test;

/** Scores of a small catalogue worked out by hand. */
class ScorerTest {

  static final Prompt ATTEST = new Prompt("举证", "attest");
  static final RuleSet RULES = new RuleSet(1, Map.of(
      "r.a", new EvidenceRule("r.a", "live-metric", "datasets", Map.of(), "甲", "A"),
      "r.b", new EvidenceRule("r.b", "system-presence", "jobs", Map.of(), "乙", "B")));

  static ClauseItem item(String id, String level, double weight, EvidenceRef... evidence) {
    return new ClauseItem(id, "a)", "应……" + id, "title " + id, List.of(level), "test", weight, List.of(evidence));
  }

  static EvidenceRef rule(String id, double w) {
    return new EvidenceRef(id, null, w);
  }

  static EvidenceRef attest(double w) {
    return new EvidenceRef(null, ATTEST, w);
  }

  // scenario 1 (weight 2): x.1.a lean [r.a], x.1.b lean [r.a 1, attest 1], x.1.c integrated [r.b]
  // scenario 2 (weight 1): y.1.a lean [attest], y.1.b leading [r.b] weight 0.5
  static final Catalogue CATALOGUE = new Catalogue("t", 3, "test", List.of(
      new Catalogue.Level("lean", "制造精益级", "Lean", ""),
      new Catalogue.Level("integrated", "集成优化级", "Integrated", ""),
      new Catalogue.Level("leading", "创新引领级", "Leading", "")), List.of(
      new Catalogue.Scenario("x", "甲", "X", List.of(new Catalogue.SubScenario("x.1", "甲一", "X1", List.of(
          item("x.1.a", "lean", 1, rule("r.a", 1)),
          item("x.1.b", "lean", 1, rule("r.a", 1), attest(1)),
          item("x.1.c", "integrated", 1, rule("r.b", 1)))))),
      new Catalogue.Scenario("y", "乙", "Y", List.of(new Catalogue.SubScenario("y.1", "乙一", "Y1", List.of(
          item("y.1.a", "lean", 1, attest(1)),
          item("y.1.b", "leading", 0.5, rule("r.b", 1))))))));

  static final ScoringProfile PROFILE = new ScoringProfile("p", 7, List.of(
      new ScoringProfile.ScaleStep(0.0, "不满足", "Not met"),
      new ScoringProfile.ScaleStep(0.5, "部分满足", "Partly met"),
      new ScoringProfile.ScaleStep(0.8, "大部分满足", "Largely met"),
      new ScoringProfile.ScaleStep(1.0, "全部满足", "Fully met")), 0.8, "integrated", Map.of("x", 2.0), "P30D");

  final Scorer scorer = new Scorer(CATALOGUE, RULES, PROFILE);

  @Test
  void rawValuesAreRoundedDownToTheScaleAndAggregatedByWeight() {
    // r.a = 0.9, r.b = 0.6; y.1.a approved at 1; x.1.b has no attestation
    Evaluation e = scorer.evaluate("p1", Instant.EPOCH, Map.of(
        "r.a", RuleResult.of("r.a", 0.9, Map.of("n", 9)), "r.b", RuleResult.of("r.b", 0.6, Map.of())),
        Map.of("y.1.a", new AttestationStatus(1.0, 11L, null, null, false, false)));

    Map<String, Evaluation.ItemResult> items = byId(e);
    assertThat(items.get("x.1.a").raw()).isEqualTo(0.9);
    assertThat(items.get("x.1.a").satisfaction()).isEqualTo(0.8);
    assertThat(items.get("x.1.a").scaleZh()).isEqualTo("大部分满足");
    assertThat(items.get("x.1.b").raw()).isEqualTo(0.45); // (0.9 + 0) / 2
    assertThat(items.get("x.1.b").satisfaction()).isEqualTo(0.0);
    assertThat(items.get("x.1.c").satisfaction()).isEqualTo(0.5);
    assertThat(items.get("y.1.a").satisfaction()).isEqualTo(1.0);
    assertThat(items.get("y.1.a").evidence().get(0).status()).isEqualTo("approved");
    assertThat(items.get("y.1.a").evidence().get(0).attestationId()).isEqualTo(11L);
    assertThat(items.get("x.1.a").evidence().get(0).facts()).containsEntry("n", 9);

    // lean: x.1.a 0.8·2, x.1.b 0·2, y.1.a 1·1 → 2.6 / 5 = 0.52: not passed, so nothing is attained
    Evaluation.LevelScore lean = e.levels().get(0);
    assertThat(lean.score()).isEqualTo(0.52);
    assertThat(lean.passed()).isFalse();
    assertThat(e.level()).isNull();
    assertThat(e.nextLevel()).isEqualTo("lean");
    // overall: (0.8·2 + 0·2 + 0.5·2 + 1·1 + 0.5·0.5) / (2 + 2 + 2 + 1 + 0.5) = 3.85 / 7.5
    assertThat(e.score()).isEqualTo(0.5133);
    // scenario x: (0.8 + 0 + 0.5) / 3; at target (integrated and below) the same clauses
    assertThat(e.scenarios().get(0).score()).isEqualTo(0.4333);
    // scenario y at target excludes the leading clause y.1.b: 1.0
    assertThat(e.scenarios().get(1).score()).isEqualTo(0.8333);
    assertThat(e.scenarios().get(1).atTarget()).isEqualTo(1.0);
    assertThat(e.counts().automatic()).isEqualTo(4);
    assertThat(e.counts().attestationOnly()).isEqualTo(1);
    assertThat(e.counts().met()).isEqualTo(1);
  }

  @Test
  void aLevelIsAttainedOnlyWhenEveryLowerLevelPasses() {
    // everything met except the integrated clause (r.b = 0.6 → 0.5): lean passes, integrated does not;
    // leading (y.1.b, also r.b) fails too
    Evaluation e = scorer.evaluate("p1", Instant.EPOCH, Map.of(
        "r.a", RuleResult.of("r.a", 1, Map.of()), "r.b", RuleResult.of("r.b", 0.6, Map.of())),
        Map.of("x.1.b", new AttestationStatus(1.0, 1L, null, null, false, false),
            "y.1.a", new AttestationStatus(1.0, 2L, null, null, false, false)));
    assertThat(e.level()).isEqualTo("lean");
    assertThat(e.nextLevel()).isEqualTo("integrated");
    assertThat(e.levels()).extracting(Evaluation.LevelScore::attained).containsExactly(true, false, false);

    // r.b fully met: lean and integrated pass → integrated; leading passes as well → leading
    Evaluation all = scorer.evaluate("p1", Instant.EPOCH, Map.of(
        "r.a", RuleResult.of("r.a", 1, Map.of()), "r.b", RuleResult.of("r.b", 1, Map.of())),
        Map.of("x.1.b", new AttestationStatus(1.0, 1L, null, null, false, false),
            "y.1.a", new AttestationStatus(1.0, 2L, null, null, false, false)));
    assertThat(all.level()).isEqualTo("leading");
    assertThat(all.nextLevel()).isNull();

    // a higher level passing does not count while a lower one fails: lean fails (y.1.a unattested)
    Evaluation gapInLean = scorer.evaluate("p1", Instant.EPOCH, Map.of(
        "r.a", RuleResult.of("r.a", 0.5, Map.of()), "r.b", RuleResult.of("r.b", 1, Map.of())), Map.of());
    assertThat(gapInLean.levels().get(1).passed()).isTrue();
    assertThat(gapInLean.levels().get(1).attained()).isFalse();
    assertThat(gapInLean.level()).isNull();
  }

  @Test
  void pendingAttestationsAndUnknownRulesWidenTheRangeOnly() {
    // r.b's service is down; y.1.a has a pending attestation at 0.8; x.1.b an expired one at 1
    Evaluation e = scorer.evaluate("p1", Instant.EPOCH, Map.of(
        "r.a", RuleResult.of("r.a", 1, Map.of()), "r.b", RuleResult.unknown("r.b", "analytics is failing")),
        Map.of("y.1.a", new AttestationStatus(null, null, 0.8, 5L, false, false),
            "x.1.b", new AttestationStatus(null, null, 1.0, 6L, true, false)));
    Map<String, Evaluation.ItemResult> items = byId(e);
    assertThat(items.get("x.1.c").unknown()).isTrue();
    assertThat(items.get("x.1.c").satisfaction()).isZero();
    assertThat(items.get("x.1.c").range()).isEqualTo(new Evaluation.Range(0, 1));
    assertThat(items.get("x.1.c").evidence().get(0).reason()).isEqualTo("analytics is failing");
    assertThat(items.get("y.1.a").evidence().get(0).status()).isEqualTo("pending");
    assertThat(items.get("y.1.a").range()).isEqualTo(new Evaluation.Range(0, 0.8));
    assertThat(items.get("x.1.b").evidence().get(1).status()).isEqualTo("expired");
    // x.1.b: raw (1 + 0) / 2 = 0.5 now, (1 + 1) / 2 = 1 if the expired one were renewed
    assertThat(items.get("x.1.b").range()).isEqualTo(new Evaluation.Range(0.5, 1));
    // lean now: (1·2 + 0.5·2 + 0) / 5 = 0.6; high: (2 + 2 + 0.8) / 5 = 0.96
    assertThat(e.levels().get(0).range()).isEqualTo(new Evaluation.Range(0.6, 0.96));
    assertThat(e.levels().get(0).score()).isEqualTo(0.6);
    assertThat(e.counts().unknown()).isEqualTo(2);
    assertThat(e.counts().pendingAttestations()).isEqualTo(2);
  }

  @Test
  void gapsBlockingTheNextLevelComeFirstThenByPriority() {
    Evaluation e = scorer.evaluate("p1", Instant.EPOCH, Map.of(
        "r.a", RuleResult.of("r.a", 0.9, Map.of()), "r.b", RuleResult.of("r.b", 0.6, Map.of())), Map.of());
    List<Gap> gaps = Gap.of(e, PROFILE);
    // next level is lean: x.1.b (gap 1 × 2 = 2), y.1.a (1 × 1), x.1.a (0.2 × 2 = 0.4); then x.1.c (0.5 × 2 = 1),
    // y.1.b (0.5 × 0.5 × 1 = 0.25)
    assertThat(gaps).extracting(Gap::id).containsExactly("x.1.b", "y.1.a", "x.1.a", "x.1.c", "y.1.b");
    assertThat(gaps).extracting(Gap::priority).containsExactly(2.0, 1.0, 0.4, 1.0, 0.25);
    assertThat(gaps.get(0).blocksNextLevel()).isTrue();
    assertThat(gaps.get(3).blocksNextLevel()).isFalse();
    // what would close x.1.b: its rule (0.9 < 1) and its missing attestation
    assertThat(gaps.get(0).toClose()).extracting(Evaluation.EvidenceResult::kind)
        .containsExactly("live-metric", "attestation");
  }

  @Test
  void theBundledProfileIsValidAndRoundsDown() {
    ScoringProfile bundled = ScoringProfile.bundled();
    assertThat(bundled.problems(List.of("lean", "integrated", "leading"))).isEmpty();
    assertThat(bundled.floor(0.99).zh()).isEqualTo("大部分满足");
    assertThat(bundled.floor(0.79).value()).isEqualTo(0.5);
    assertThat(bundled.floor(0.49).value()).isZero();
    assertThat(bundled.floor(1).value()).isEqualTo(1.0);
    assertThat(bundled.validity().toDays()).isEqualTo(365);
    ScoringProfile broken = new ScoringProfile("x", 1, List.of(new ScoringProfile.ScaleStep(0.8, "a", "b")), 1.5,
        "nowhere", Map.of("6.1", -1.0), "soon");
    assertThat(broken.problems(List.of("lean"))).extracting(p -> p[0])
        .contains("/scale", "/passThreshold", "/target", "/scenarioWeights/6.1", "/attestationValidity");
  }

  static Map<String, Evaluation.ItemResult> byId(Evaluation e) {
    Map<String, Evaluation.ItemResult> m = new java.util.HashMap<>();
    e.items().forEach(i -> m.put(i.id(), i));
    return m;
  }
}
