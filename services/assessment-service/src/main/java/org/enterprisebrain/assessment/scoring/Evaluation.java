package org.enterprisebrain.assessment.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The guideline scored for one plant at one moment. {@code level} is the highest level attained (null when
 * even 制造精益级 does not pass); {@code range} is the score if every pending attestation held and every
 * unknown rule were met (high) and if none did (low). The rules' results are those gathered at
 * {@code evidenceAt}; attestations are those in force at {@code evaluatedAt}.
 */
public record Evaluation(String plant, Instant evaluatedAt, long durationMs, Instant evidenceAt, long evidenceMs,
    int catalogueVersion, int profileVersion, String level, String nextLevel, String target, double passThreshold,
    double score, Range range, List<LevelScore> levels, List<ScenarioScore> scenarios, List<ItemResult> items,
    Counts counts) {

  /**
   * The same evaluation, saying how long it took to answer ({@code ms}), and when its evidence was gathered and
   * how long that took (in the background, or within {@code ms} when the request had to wait for it).
   */
  public Evaluation took(long ms, Instant evidenceAt, long evidenceMs) {
    return new Evaluation(plant, evaluatedAt, ms, evidenceAt, evidenceMs, catalogueVersion, profileVersion, level,
        nextLevel, target, passThreshold, score, range, levels, scenarios, items, counts);
  }

  public record Range(double low, double high) {
  }

  public record LevelScore(String id, String zh, String en, double score, Range range, boolean passed,
      boolean attained, int items) {
  }

  /** {@code atTarget}: the score over the clauses of the target level and below (the radar's series). */
  public record ScenarioScore(String id, String zh, String en, double weight, double score, double atTarget,
      List<SubScenarioScore> subScenarios) {
  }

  public record SubScenarioScore(String id, String zh, String en, double score) {
  }

  /**
   * One clause: {@code raw} is the weighted mean of its evidence, {@code satisfaction} that rounded down to the
   * scale; {@code unknown} when a rule could not be evaluated (it counts as not met).
   */
  public record ItemResult(String id, String scenario, String subScenario, String text, String title,
      List<String> levels, double weight, double raw, double satisfaction, String scaleZh, String scaleEn,
      boolean unknown, Range range, List<EvidenceResult> evidence) {
  }

  /**
   * One evidence entry of a clause. {@code kind}: live-metric, system-presence or attestation. {@code status}:
   * evaluated or unknown (rules); approved, pending, expired, rejected or missing (attestations).
   */
  public record EvidenceResult(String kind, String rule, String zh, String en, double weight, String status,
      double value, Map<String, Object> facts, String reason, Long attestationId) {
  }

  /** How many clauses are evidenced automatically, by attestation only, and how many are met. */
  public record Counts(int items, int automatic, int attestationOnly, int met, int unknown, int pendingAttestations) {
  }
}
