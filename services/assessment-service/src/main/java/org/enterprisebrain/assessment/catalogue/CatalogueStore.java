package org.enterprisebrain.assessment.catalogue;

import static org.enterprisebrain.web.PgColumns.jsonb;
import static org.enterprisebrain.web.PgColumns.utc;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.enterprisebrain.standard.FieldError;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue in force: the bundled file (version 1) or the newest version an admin made by editing an
 * item. An edit may change an item's title, level, reason, weight and evidence, never the guideline's text,
 * and is refused whole when the result would be inconsistent with the rules.
 */
public class CatalogueStore {

  private final JdbcClient db;
  private final JsonMapper json;
  private final Catalogue bundled;
  private final RuleSet rules;
  private final Set<String> checks;
  /** The last version read; re-read only when a newer one exists (evaluations ask on every request). */
  private volatile Catalogue cached;

  public CatalogueStore(JdbcClient db, JsonMapper json, Catalogue bundled, RuleSet rules, Set<String> checks) {
    this.db = db;
    this.json = json;
    this.bundled = bundled;
    this.rules = rules;
    this.checks = checks;
    this.cached = bundled;
  }

  public Catalogue current() {
    int newest = db.sql("select coalesce(max(version), 0) from catalogue_version").query(Integer.class).single();
    Catalogue c = cached;
    if (newest <= c.version()) {
      return newest == 0 ? bundled : c;
    }
    Catalogue read = db.sql("select body::text from catalogue_version where version = ?").param(newest)
        .query((rs, n) -> json.readValue(rs.getString(1), Catalogue.class)).single();
    cached = read;
    return read;
  }

  /** Replaces item {@code id} by {@code edit} (its text must stay the guideline's) as the next version. */
  @Transactional
  public Catalogue.ClauseItem edit(String id, Catalogue.ClauseItem edit, String by, Instant at) {
    db.sql("lock table catalogue_version in exclusive mode").update();
    Catalogue current = current();
    Catalogue.ClauseItem old = current.item(id).orElseThrow(() ->
        ProblemException.notFound("clauseId", "no clause " + id + " in catalogue version " + current.version()));
    if (edit.text() != null && !edit.text().equals(old.text())) {
      throw ProblemException.badRequest("text", "the guideline's wording is not editable; leave text out or unchanged");
    }
    if (edit.id() != null && !edit.id().equals(id)) {
      throw ProblemException.badRequest("id", "the clause is " + id + ", not " + edit.id());
    }
    Catalogue.ClauseItem item = new Catalogue.ClauseItem(id, old.marker(), old.text(),
        edit.title() == null || edit.title().isBlank() ? old.title() : edit.title(),
        edit.levels() == null ? List.of() : edit.levels(), edit.levelWhy() == null ? "" : edit.levelWhy(),
        edit.weight(), edit.evidence() == null ? List.of() : edit.evidence());
    Catalogue next = new Catalogue(current.catalogue(), current.version() + 1, current.source(), current.levels(),
        current.scenarios().stream().map(s -> new Catalogue.Scenario(s.id(), s.zh(), s.en(), s.subScenarios().stream()
            .map(sub -> new Catalogue.SubScenario(sub.id(), sub.zh(), sub.en(), sub.items().stream()
                .map(i -> i.id().equals(id) ? item : i).toList())).toList())).toList());
    List<String> problems = CatalogueLoader.problems(next, rules, checks);
    if (!problems.isEmpty()) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid clause",
          problems.size() + " problem(s); nothing was stored",
          problems.stream().map(p -> new FieldError(field(p), p)).toList());
    }
    db.sql("insert into catalogue_version (version, body, clause, created_by, created_at) values (?,?,?,?,?)")
        .params(next.version(), jsonb(json.writeValueAsString(next)), id, by, utc(at)).update();
    return item;
  }

  /** The body field a consistency problem is about ("6.2.3.c: unknown rule x" → evidence). */
  static String field(String problem) {
    if (problem.contains("levels")) {
      return "levels";
    }
    if (problem.contains("weight must")) {
      return problem.contains("evidence") ? "evidence" : "weight";
    }
    return problem.contains("text") ? "text" : "evidence";
  }
}
