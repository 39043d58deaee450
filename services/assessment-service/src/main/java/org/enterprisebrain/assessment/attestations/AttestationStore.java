package org.enterprisebrain.assessment.attestations;

import static org.enterprisebrain.web.PgColumns.instant;
import static org.enterprisebrain.web.PgColumns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enterprisebrain.assessment.scoring.AttestationStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Attestations in PostgreSQL; the attachment bytes are read only when asked for. */
@Repository
public class AttestationStore {

  private static final String COLUMNS = "id, plant, clause, statement, satisfaction, attachment_name, attachment_type, "
      + "octet_length(attachment) as attachment_bytes, submitted_by, submitted_at, expires_at, state, reviewer, "
      + "reviewed_at, review_comment";

  private final JdbcClient db;

  public AttestationStore(JdbcClient db) {
    this.db = db;
  }

  public Attestation insert(String plant, String clause, String statement, double satisfaction, byte[] attachment,
      String attachmentName, String attachmentType, String submittedBy, Instant at, Instant expiresAt) {
    long id = db.sql("insert into attestation (plant, clause, statement, satisfaction, attachment, attachment_name, "
            + "attachment_type, submitted_by, submitted_at, expires_at, state) values (?,?,?,?,?,?,?,?,?,?,'pending') "
            + "returning id")
        .params(plant, clause, statement, satisfaction, attachment, attachmentName, attachmentType, submittedBy,
            utc(at), utc(expiresAt))
        .query(Long.class).single();
    return find(id, at).orElseThrow();
  }

  public Optional<Attestation> find(long id, Instant now) {
    return db.sql("select " + COLUMNS + " from attestation where id = ?").param(id)
        .query((rs, n) -> row(rs, now)).optional();
  }

  public List<Attestation> list(String plant, String clause, String state, Instant now) {
    return db.sql("select " + COLUMNS + " from attestation where plant = ? and (?::text is null or clause = ?) "
            + "and (?::text is null or state = ?) order by submitted_at desc, id desc")
        .params(plant, clause, clause, state, state)
        .query((rs, n) -> row(rs, now)).list();
  }

  public Optional<byte[]> attachment(long id) {
    return db.sql("select attachment from attestation where id = ? and attachment is not null").param(id)
        .query((rs, n) -> rs.getBytes(1)).optional();
  }

  /** Decides a pending attestation; false when it was decided meanwhile (the row is locked while checked). */
  @Transactional
  public boolean review(long id, String decision, String reviewer, String comment, Instant at) {
    return db.sql("update attestation set state = ?, reviewer = ?, reviewed_at = ?, review_comment = ? "
            + "where id = ? and state = 'pending'")
        .params(decision, reviewer, utc(at), comment, id).update() == 1;
  }

  /** Per clause of the plant: what holds now and what is pending or expired (see {@link AttestationStatus}). */
  public Map<String, AttestationStatus> status(String plant, Instant now) {
    Map<String, AttestationStatus> byClause = new HashMap<>();
    for (Attestation a : list(plant, null, null, now)) {
      AttestationStatus s = byClause.getOrDefault(a.clause(), AttestationStatus.NONE);
      if (Attestation.APPROVED.equals(a.state()) && !a.expired()) {
        if (s.holding() == null || a.satisfaction() > s.holding()) {
          s = new AttestationStatus(a.satisfaction(), a.id(), s.pending(), s.pendingId(), s.expired(), s.rejected());
        }
      } else if (Attestation.PENDING.equals(a.state()) || Attestation.APPROVED.equals(a.state())) {
        if (s.pending() == null || a.satisfaction() > s.pending()) {
          s = new AttestationStatus(s.holding(), s.holdingId(), a.satisfaction(), a.id(), a.expired(), s.rejected());
        }
      } else {
        s = new AttestationStatus(s.holding(), s.holdingId(), s.pending(), s.pendingId(), s.expired(), true);
      }
      byClause.put(a.clause(), s);
    }
    return byClause;
  }

  private static Attestation row(ResultSet rs, Instant now) throws SQLException {
    Instant expires = instant(rs, "expires_at");
    long bytes = rs.getLong("attachment_bytes");
    Long size = rs.wasNull() ? null : bytes;
    return new Attestation(rs.getLong("id"), rs.getString("plant"), rs.getString("clause"), rs.getString("statement"),
        rs.getDouble("satisfaction"), rs.getString("attachment_name"), rs.getString("attachment_type"), size,
        rs.getString("submitted_by"), instant(rs, "submitted_at"), expires, rs.getString("state"),
        !expires.isAfter(now), rs.getString("reviewer"), instant(rs, "reviewed_at"), rs.getString("review_comment"));
  }
}
