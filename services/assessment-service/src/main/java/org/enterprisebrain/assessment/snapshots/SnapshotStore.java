package org.enterprisebrain.assessment.snapshots;

import static org.enterprisebrain.web.PgColumns.instant;
import static org.enterprisebrain.web.PgColumns.jsonb;
import static org.enterprisebrain.web.PgColumns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.enterprisebrain.assessment.scoring.Evaluation;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Evaluations kept over time, whole (jsonb), with their headline in columns for listing. */
@Repository
public class SnapshotStore {

  private static final String SUMMARY = "id, plant, taken_at, taken_by, catalogue_version, profile_version, level, "
      + "score, score_low, score_high";

  private final JdbcClient db;
  private final JsonMapper json;

  public SnapshotStore(JdbcClient db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  public SnapshotSummary insert(Evaluation e, String takenBy) {
    long id = db.sql("insert into snapshot (plant, taken_at, taken_by, catalogue_version, profile_version, level, score, "
            + "score_low, score_high, evaluation) values (?,?,?,?,?,?,?,?,?,?) returning id")
        .params(e.plant(), utc(e.evaluatedAt()), takenBy, e.catalogueVersion(), e.profileVersion(), e.level(), e.score(),
            e.range().low(), e.range().high(), jsonb(json.writeValueAsString(e)))
        .query(Long.class).single();
    return new SnapshotSummary(id, e.plant(), e.evaluatedAt(), takenBy, e.catalogueVersion(), e.profileVersion(),
        e.level(), e.score(), e.range());
  }

  public List<SnapshotSummary> list(String plant, int limit) {
    return db.sql("select " + SUMMARY + " from snapshot where plant = ? order by taken_at desc, id desc limit ?")
        .params(plant, limit).query((rs, n) -> summary(rs)).list();
  }

  /** Snapshot {@code id} if the caller may act for its plant; otherwise 404 naming {@code field}, as if absent. */
  public Snapshot visible(long id, String field) {
    return find(id).filter(s -> Callers.current().mayActForPlant(s.summary().plant()))
        .orElseThrow(() -> ProblemException.notFound(field, "no snapshot " + id));
  }

  public Optional<Snapshot> find(long id) {
    return db.sql("select " + SUMMARY + ", evaluation::text as evaluation from snapshot where id = ?").param(id)
        .query((rs, n) -> new Snapshot(summary(rs), json.readValue(rs.getString("evaluation"), Evaluation.class)))
        .optional();
  }

  private static SnapshotSummary summary(ResultSet rs) throws SQLException {
    return new SnapshotSummary(rs.getLong("id"), rs.getString("plant"), instant(rs, "taken_at"),
        rs.getString("taken_by"), rs.getInt("catalogue_version"), rs.getInt("profile_version"), rs.getString("level"),
        rs.getDouble("score"), new Evaluation.Range(rs.getDouble("score_low"), rs.getDouble("score_high")));
  }
}
