package org.enterprisebrain.assessment.snapshots;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.enterprisebrain.assessment.scoring.Evaluation;

/** What moved between two snapshots of one plant: the level, the score, each scenario, each clause. */
public record SnapshotDiff(SnapshotSummary from, SnapshotSummary to, boolean levelChanged, double scoreDelta,
    List<Change> scenarios, List<Change> clauses) {

  /** A scenario's or clause's value before and after ({@code title} is empty for scenarios' English name). */
  public record Change(String id, String title, double from, double to) {
  }

  public static SnapshotDiff of(Snapshot a, Snapshot b) {
    Evaluation x = a.evaluation();
    Evaluation y = b.evaluation();
    List<Change> scenarios = new ArrayList<>();
    Map<String, Evaluation.ScenarioScore> before = x.scenarios().stream()
        .collect(Collectors.toMap(Evaluation.ScenarioScore::id, Function.identity()));
    for (Evaluation.ScenarioScore s : y.scenarios()) {
      Evaluation.ScenarioScore old = before.get(s.id());
      scenarios.add(new Change(s.id(), s.en(), old == null ? 0 : old.score(), s.score()));
    }
    Map<String, Evaluation.ItemResult> items = x.items().stream()
        .collect(Collectors.toMap(Evaluation.ItemResult::id, Function.identity()));
    List<Change> clauses = new ArrayList<>();
    for (Evaluation.ItemResult i : y.items()) {
      Evaluation.ItemResult old = items.get(i.id());
      double was = old == null ? 0 : old.satisfaction();
      if (was != i.satisfaction()) {
        clauses.add(new Change(i.id(), i.title(), was, i.satisfaction()));
      }
    }
    return new SnapshotDiff(a.summary(), b.summary(), !Objects.equals(x.level(), y.level()),
        Math.round((y.score() - x.score()) * 10000) / 10000.0, scenarios, clauses);
  }
}
