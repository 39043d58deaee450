package org.enterprisebrain.catalog.backups;

import static org.enterprisebrain.web.PgColumns.instant;
import static org.enterprisebrain.web.PgColumns.utc;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reported backup runs, in PostgreSQL. */
@Repository
public class BackupLog {

  private static final String COLUMNS = "id, store, scope, kind, status, started_at, finished_at, bytes, items, location, "
      + "tool, detail, reported_by, reported_at, witnessed_by, witnessed_at";

  private final JdbcClient jdbc;

  public BackupLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public BackupRun record(BackupRun run) {
    return jdbc.sql("insert into backup_run (store, scope, kind, status, started_at, finished_at, bytes, items, "
            + "location, tool, detail, reported_by, reported_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?) returning " + COLUMNS)
        .params(run.store(), run.scope(), run.restoreTest() ? "restore-test" : "backup",
            run.succeeded() ? "succeeded" : "failed", utc(run.startedAt()),
            utc(run.finishedAt()), run.bytes(), run.items(), run.location(), run.tool(), run.detail(), run.reportedBy(),
            utc(run.reportedAt()))
        .query(BackupLog::row).single();
  }

  /**
   * Runs finished at or after {@code since}, of {@code store}, of {@code kind} ({@code backup} or
   * {@code restore-test}), newest first; a null filter is no filter.
   */
  public List<BackupRun> find(String store, Instant since, String kind, int limit) {
    return jdbc.sql("select " + COLUMNS + " from backup_run where (cast(:store as text) is null or store = :store) "
            + "and (cast(:since as timestamptz) is null or finished_at >= :since) "
            + "and (cast(:kind as text) is null or kind = :kind) "
            + "order by finished_at desc, id desc limit :limit")
        .param("store", store).param("since", since == null ? null : utc(since)).param("kind", kind)
        .param("limit", limit)
        .query(BackupLog::row).list();
  }

  public java.util.Optional<BackupRun> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from backup_run where id = ?").param(id).query(BackupLog::row).optional();
  }

  /**
   * {@code by} witnesses a restore test somebody else reported and nobody witnessed yet, checked in the update
   * itself; empty if the run is no longer such.
   */
  public java.util.Optional<BackupRun> witness(long id, String by) {
    return jdbc.sql("update backup_run set witnessed_by = :by, witnessed_at = now() where id = :id"
            + " and kind = 'restore-test' and witnessed_by is null and reported_by <> :by returning " + COLUMNS)
        .param("by", by).param("id", id).query(BackupLog::row).optional();
  }

  private static BackupRun row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new BackupRun(rs.getLong("id"), rs.getString("store"), rs.getString("scope"),
        "restore-test".equals(rs.getString("kind")), "succeeded".equals(rs.getString("status")), instant(rs, "started_at"), instant(rs, "finished_at"),
        (Long) rs.getObject("bytes"), (Integer) rs.getObject("items"), rs.getString("location"), rs.getString("tool"),
        rs.getString("detail"), rs.getString("reported_by"), instant(rs, "reported_at"), rs.getString("witnessed_by"),
        instant(rs, "witnessed_at"));
  }
}
