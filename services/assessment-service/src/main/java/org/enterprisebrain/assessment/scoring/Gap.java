package org.enterprisebrain.assessment.scoring;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.enterprisebrain.assessment.scoring.Evaluation.EvidenceResult;
import org.enterprisebrain.assessment.scoring.Evaluation.ItemResult;

/**
 * A clause not fully met, with what would close it: the evidence entries still short of 1 (a rule says which
 * data or system is missing; an attestation prompt says what to attest). {@code priority} is the gap
 * (1 − satisfaction) × clause weight × scenario weight; {@code blocksNextLevel} when the clause counts in the
 * lowest level not yet attained.
 */
public record Gap(String id, String scenario, String subScenario, String title, String text, List<String> levels,
    double satisfaction, double gap, double priority, boolean blocksNextLevel, List<EvidenceResult> toClose) {

  /** Every gap, those blocking the next level first, then by priority, then in catalogue order. */
  public static List<Gap> of(Evaluation evaluation, ScoringProfile profile) {
    String next = evaluation.nextLevel();
    AtomicInteger order = new AtomicInteger();
    record Ordered(int index, Gap gap) {
    }
    return evaluation.items().stream()
        .filter(i -> i.satisfaction() < 1)
        .map(i -> new Ordered(order.getAndIncrement(), gap(i, next, profile)))
        .sorted(Comparator.comparing((Ordered o) -> !o.gap().blocksNextLevel())
            .thenComparing(o -> -o.gap().priority())
            .thenComparingInt(Ordered::index))
        .map(Ordered::gap)
        .toList();
  }

  private static Gap gap(ItemResult i, String next, ScoringProfile profile) {
    double gap = 1 - i.satisfaction();
    return new Gap(i.id(), i.scenario(), i.subScenario(), i.title(), i.text(), i.levels(), i.satisfaction(),
        Scorer.round(gap), Scorer.round(gap * i.weight() * profile.scenarioWeight(i.scenario())),
        next != null && i.levels().contains(next),
        i.evidence().stream().filter(e -> e.value() < 1).toList());
  }
}
