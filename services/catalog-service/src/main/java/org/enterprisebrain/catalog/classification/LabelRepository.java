package org.enterprisebrain.catalog.classification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.enterprisebrain.catalog.scheme.Grade;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class LabelRepository {

  private static final String COLUMNS = "id, entity, source_system, pointer, category, grade, personal, sensitive,"
      + " method, state, recognizer, sampled, matched, matched_share, confidence, reason, review_flag,"
      + " authority_reference, created_at, created_by, decided_at, decided_by, comment, proposed_grade,"
      + " proposed_category";

  private final JdbcClient jdbc;

  public LabelRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Files an automated suggestion; if the same recognizer already labels the field, refreshes its evidence
   * and keeps whatever a data engineer decided.
   */
  public Label suggest(Label.Proposal p) {
    return jdbc.sql("""
        insert into field_label (entity, source_system, pointer, category, grade, personal, sensitive, method, state,
          recognizer, sampled, matched, matched_share, confidence, reason, review_flag, created_by)
        values (:entity, :source, :pointer, :category, :grade, :personal, :sensitive, 'automated', 'suggested',
          :recognizer, :sampled, :matched, :share, :confidence, :reason, :flag, :by)
        on conflict (entity, coalesce(source_system, ''), pointer, coalesce(recognizer, '')) where state <> 'rejected'
        do update set sampled = excluded.sampled, matched = excluded.matched, matched_share = excluded.matched_share,
          confidence = excluded.confidence, reason = excluded.reason, review_flag = excluded.review_flag
        returning\s""" + COLUMNS)
        .param("entity", p.entity()).param("source", p.source()).param("pointer", p.pointer())
        .param("category", p.category()).param("grade", p.grade().name()).param("personal", p.personal())
        .param("sensitive", p.sensitive()).param("recognizer", p.recognizer()).param("sampled", p.sampled())
        .param("matched", p.matched()).param("share", p.matchedShare()).param("confidence", p.confidence())
        .param("reason", p.reason()).param("flag", p.reviewFlag()).param("by", p.createdBy())
        .query(LabelRepository::label).single();
  }

  public Optional<Label> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from field_label where id = ?").param(id)
        .query(LabelRepository::label).optional();
  }

  public List<Label> find(Label.State state, String entity) {
    return jdbc.sql("select " + COLUMNS + " from field_label"
            + " where (cast(:state as text) is null or state = :state)"
            + " and (cast(:entity as text) is null or entity = :entity)"
            + " order by confidence desc nulls last, id")
        .param("state", state == null ? null : state.code()).param("entity", entity)
        .query(LabelRepository::label).list();
  }

  /** Labels that protect the fields of an entity: everything not rejected. */
  public List<Label> protecting(String entity) {
    return find(null, entity).stream().filter(Label::protects).toList();
  }

  /** Empty if the label reached a final state (rejected, recognized) meanwhile. */
  public Optional<Label> decide(long id, Label.State state, Label.Method method, String category, Grade grade,
      String authorityReference, String decidedBy, String comment) {
    return jdbc.sql("update field_label set state = :state, method = :method, category = :category, grade = :grade,"
            + " authority_reference = :reference, decided_at = now(), decided_by = :by, comment = :comment,"
            + " proposed_grade = null, proposed_category = null"
            + " where id = :id and state not in ('rejected', 'recognized') returning " + COLUMNS)
        .param("state", state.code()).param("method", method.name().toLowerCase(Locale.ROOT))
        .param("category", category).param("grade", grade.name()).param("reference", authorityReference)
        .param("by", decidedBy).param("comment", comment).param("id", id)
        .query(LabelRepository::label).optional();
  }

  /**
   * The first data engineer's confirm at a lower grade: the label keeps its grade and category (and protects by
   * them), the proposal waits beside them. Empty if the label reached a final state meanwhile.
   */
  public Optional<Label> proposeDowngrade(long id, Grade grade, String category, String proposedBy,
      String comment) {
    return jdbc.sql("update field_label set state = 'downgrade-proposed', proposed_grade = :grade,"
            + " proposed_category = :category, decided_at = now(), decided_by = :by, comment = :comment"
            + " where id = :id and state not in ('rejected', 'recognized') returning " + COLUMNS)
        .param("grade", grade.name()).param("category", category).param("by", proposedBy)
        .param("comment", comment).param("id", id)
        .query(LabelRepository::label).optional();
  }

  /**
   * The second data engineer's confirm of the proposed lower grade: only of a proposal somebody else made, checked
   * in the update itself. Empty if the label is no longer so.
   */
  public Optional<Label> confirmDowngrade(long id, Label.Method method, String decidedBy, String comment) {
    return jdbc.sql("update field_label set state = 'confirmed', grade = proposed_grade,"
            + " category = proposed_category, method = :method, proposed_grade = null, proposed_category = null,"
            + " decided_at = now(), decided_by = :by, comment = coalesce(:comment, comment)"
            + " where id = :id and state = 'downgrade-proposed' and decided_by <> :by returning " + COLUMNS)
        .param("method", method.name().toLowerCase(Locale.ROOT)).param("by", decidedBy)
        .param("comment", comment).param("id", id)
        .query(LabelRepository::label).optional();
  }

  /**
   * The second data engineer's rejection: only of a rejection somebody else proposed, checked in the update itself
   * so two requests of the proposer cannot both pass. Empty if the label is no longer so.
   */
  public Optional<Label> reject(long id, String decidedBy, String comment) {
    return jdbc.sql("update field_label set state = 'rejected', decided_at = now(), decided_by = :by,"
            + " comment = coalesce(:comment, comment)"
            + " where id = :id and state = 'rejection-proposed' and decided_by <> :by returning " + COLUMNS)
        .param("by", decidedBy).param("comment", comment).param("id", id)
        .query(LabelRepository::label).optional();
  }

  private static Label label(ResultSet rs, int row) throws SQLException {
    return new Label(rs.getLong("id"), rs.getString("entity"), rs.getString("source_system"), rs.getString("pointer"),
        rs.getString("category"), Grade.valueOf(rs.getString("grade")), rs.getBoolean("personal"),
        rs.getBoolean("sensitive"), Label.Method.valueOf(rs.getString("method").toUpperCase(Locale.ROOT)),
        Label.State.of(rs.getString("state")), rs.getString("recognizer"),
        (Integer) rs.getObject("sampled"), (Integer) rs.getObject("matched"), (Double) rs.getObject("matched_share"),
        (Double) rs.getObject("confidence"), rs.getString("reason"), rs.getString("review_flag"),
        rs.getString("authority_reference"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
        instant(rs.getTimestamp("decided_at")), rs.getString("decided_by"), rs.getString("comment"),
        rs.getString("proposed_grade") == null ? null : Grade.valueOf(rs.getString("proposed_grade")),
        rs.getString("proposed_category"));
  }

  private static java.time.Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
