package org.enterprisebrain.assessment.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.enterprisebrain.assessment.catalogue.Catalogue;
import org.enterprisebrain.assessment.snapshots.SnapshotSummary;
import org.enterprisebrain.assessment.scoring.Evaluation;
import org.enterprisebrain.assessment.scoring.Gap;

/**
 * What a report says, independent of its format: a summary and four tables (level ladder, scenarios, gaps,
 * every clause). The PDF and the workbook render the same content, so they never disagree.
 */
public record Report(ReportLanguage lang, String title, List<String[]> summary, Table ladder, Table scenarios,
    Table gaps, Table clauses, String disclaimer) {

  /** A table: a heading, its column headers and rows of cells, numbers already formatted. */
  public record Table(String heading, List<String> columns, List<List<String>> rows) {
  }

  /**
   * @param snapshot the stored snapshot {@code e} comes from, or null for the live evaluation
   */
  public static Report of(Evaluation e, List<Gap> gaps, Catalogue catalogue, ReportLanguage lang,
      SnapshotSummary snapshot) {
    String level = e.level() == null ? lang.label("none") : levelName(catalogue, e.level(), lang);
    List<String[]> summary = List.of(
        new String[] {lang.label("plant"), e.plant()},
        new String[] {lang.label("source"), snapshot == null ? lang.label("live")
            : lang.label("snapshot") + " #" + snapshot.id() + " (" + snapshot.takenBy() + ")"},
        new String[] {lang.label("evaluatedAt"), e.evaluatedAt().toString()},
        new String[] {lang.label("evidenceAt"), e.evidenceAt() == null ? "—" : e.evidenceAt().toString()},
        new String[] {lang.label("versions"), e.catalogueVersion() + " / " + e.profileVersion()},
        new String[] {lang.label("level"), level},
        new String[] {lang.label("target"), levelName(catalogue, e.target(), lang)},
        new String[] {lang.label("score"), pct(e.score())},
        new String[] {lang.label("range"), pct(e.range().low()) + " – " + pct(e.range().high())},
        new String[] {lang.label("counts"), e.counts().items() + " (" + e.counts().automatic() + " / "
            + e.counts().attestationOnly() + " / " + e.counts().met() + " / " + e.counts().unknown() + ")"});

    List<List<String>> ladder = new ArrayList<>();
    for (Evaluation.LevelScore l : e.levels()) {
      String state = l.attained() ? lang.label("attained") : l.passed() ? lang.label("passed") : lang.label("notPassed");
      ladder.add(List.of(lang.pick(l.zh(), l.en()), pct(l.score()), pct(l.range().low()) + " – " + pct(l.range().high()),
          String.valueOf(l.items()), state));
    }
    List<List<String>> scenarios = new ArrayList<>();
    for (Evaluation.ScenarioScore s : e.scenarios()) {
      scenarios.add(List.of(s.id() + " " + lang.pick(s.zh(), s.en()), pct(s.score()), pct(s.atTarget()),
          num(s.weight())));
    }
    List<List<String>> gapRows = new ArrayList<>();
    for (Gap g : gaps) {
      gapRows.add(List.of(g.id(), g.title(), levels(catalogue, g.levels(), lang), num(g.satisfaction()),
          num(g.priority()), g.blocksNextLevel() ? lang.label("yes") : lang.label("no"),
          g.toClose().stream().map(ev -> lang.pick(ev.zh(), ev.en())).collect(Collectors.joining("; "))));
    }
    List<List<String>> clauses = new ArrayList<>();
    for (Evaluation.ItemResult i : e.items()) {
      clauses.add(List.of(i.id(), i.text(), i.title(), levels(catalogue, i.levels(), lang), num(i.satisfaction()),
          lang.pick(i.scaleZh(), i.scaleEn()),
          i.evidence().stream().map(ev -> (ev.rule() != null ? ev.rule() : lang.pick("人工举证", "attestation"))
              + " " + ev.status() + " " + num(ev.value())).collect(Collectors.joining("; "))));
    }
    return new Report(lang, lang.label("title"), summary,
        new Table(lang.label("ladder"), List.of(lang.label("levelOf"), lang.label("score"), lang.label("range"),
            lang.label("clauses"), lang.label("status")), ladder),
        new Table(lang.label("scenarios"), List.of(lang.label("scenario"), lang.label("score"),
            lang.label("atTarget"), "×"), scenarios),
        new Table(lang.label("gaps"), List.of(lang.label("clause"), lang.label("clauseTitle"), lang.label("levelOf"),
            lang.label("satisfaction"), lang.label("priority"), lang.label("blocks"), lang.label("toClose")), gapRows),
        new Table(lang.label("clauses"), List.of(lang.label("clause"), lang.label("text"), lang.label("clauseTitle"),
            lang.label("levelOf"), lang.label("satisfaction"), lang.label("scale"), lang.label("evidence")), clauses),
        lang.label("disclaimer"));
  }

  static String levelName(Catalogue catalogue, String id, ReportLanguage lang) {
    return catalogue.levels().stream().filter(l -> l.id().equals(id)).findFirst()
        .map(l -> lang.pick(l.zh(), l.en())).orElse(id);
  }

  static String levels(Catalogue catalogue, List<String> ids, ReportLanguage lang) {
    return ids.stream().map(id -> levelName(catalogue, id, lang)).collect(Collectors.joining(", "));
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
