package org.enterprisebrain.catalog.lineage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.enterprisebrain.catalog.scheme.Grade;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class LineageRepository {

  /** An edge as stored, with who registered and approved it. */
  public record StoredEdge(LineageGraph.Edge edge, String createdBy, Instant approvedAt) {
  }

  private static final String EDGE_COLUMNS =
      "id, from_node, to_node, transform, deidentifying, approved_by, created_by, approved_at";

  private final JdbcClient jdbc;

  public LineageRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates the node if it is new; never changes an existing node's label. */
  public void ensureNode(String id, String kind, String name, String by) {
    jdbc.sql("insert into lineage_node (id, kind, name, created_by) values (?, ?, ?, ?) on conflict (id) do nothing")
        .params(id, kind, name, by).update();
  }

  /** A lowering or clearing of a node's own grade waiting for a second data engineer ({@code grade} null: clear). */
  public record Proposal(Grade grade, String authorityReference, String by, Instant at) {
  }

  /** Sets a node's own grade; any proposal on it is void. */
  public void label(String id, Grade grade, String authorityReference) {
    jdbc.sql("update lineage_node set own_grade = ?, authority_reference = ?, proposed_grade = null,"
            + " proposed_reference = null, proposed_by = null, proposed_at = null where id = ?")
        .params(grade == null ? null : grade.name(), authorityReference, id).update();
  }

  /** The node's own grade as stored (a topic's entity grade not included); empty: none. */
  public Optional<Grade> ownGrade(String id) {
    return jdbc.sql("select own_grade from lineage_node where id = ? and own_grade is not null").param(id)
        .query((rs, i) -> Grade.valueOf(rs.getString(1))).optional();
  }

  /** Files {@code by}'s proposal, replacing any other one on the node. */
  public void propose(String id, Grade grade, String authorityReference, String by) {
    jdbc.sql("update lineage_node set proposed_grade = ?, proposed_reference = ?, proposed_by = ?, proposed_at = now()"
            + " where id = ?").params(grade == null ? null : grade.name(), authorityReference, by, id).update();
  }

  /**
   * Applies the proposal if it is for {@code grade} and somebody other than {@code by} made it, checked in the
   * update itself; false if the node has no such proposal (any more).
   */
  public boolean applyProposal(String id, Grade grade, String by) {
    return jdbc.sql("update lineage_node set own_grade = proposed_grade, authority_reference = proposed_reference,"
            + " proposed_grade = null, proposed_reference = null, proposed_by = null, proposed_at = null"
            + " where id = ? and proposed_by is not null and proposed_by <> ? and proposed_grade is not distinct from ?")
        .params(id, by, grade == null ? null : grade.name()).update() == 1;
  }

  /** Every node's pending proposal, by node id. */
  public java.util.Map<String, Proposal> proposals() {
    java.util.Map<String, Proposal> proposals = new java.util.HashMap<>();
    jdbc.sql(PROPOSALS).query((rs, i) -> proposals.put(rs.getString(1), proposal(rs))).list();
    return proposals;
  }

  /** The node's pending proposal, if any. */
  public Optional<Proposal> proposal(String id) {
    return jdbc.sql(PROPOSALS + " and id = ?").param(id).query((rs, i) -> proposal(rs)).optional();
  }

  private static final String PROPOSALS = "select id, proposed_grade, proposed_reference, proposed_by, proposed_at"
      + " from lineage_node where proposed_by is not null";

  private static Proposal proposal(ResultSet rs) throws SQLException {
    return new Proposal(rs.getString(2) == null ? null : Grade.valueOf(rs.getString(2)), rs.getString(3),
        rs.getString(4), rs.getTimestamp(5).toInstant());
  }

  public List<LineageGraph.Node> nodes() {
    return jdbc.sql("select id, kind, name, own_grade from lineage_node")
        .query((rs, i) -> new LineageGraph.Node(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4) == null ? null : Grade.valueOf(rs.getString(4))))
        .list();
  }

  /** Registers or updates an edge; a changed edge loses its approval (what was approved was another transform). */
  public StoredEdge upsertEdge(String from, String to, String transform, boolean deidentifying, String by) {
    return jdbc.sql("""
        insert into lineage_edge (from_node, to_node, transform, deidentifying, created_by)
        values (?, ?, ?, ?, ?)
        on conflict (from_node, to_node) do update set transform = excluded.transform,
          deidentifying = excluded.deidentifying,
          approved_by = case when lineage_edge.transform is not distinct from excluded.transform
            and lineage_edge.deidentifying = excluded.deidentifying then lineage_edge.approved_by end,
          approved_at = case when lineage_edge.transform is not distinct from excluded.transform
            and lineage_edge.deidentifying = excluded.deidentifying then lineage_edge.approved_at end,
          -- whoever defines the transform now is its author: they may not approve it themselves
          created_by = case when lineage_edge.transform is not distinct from excluded.transform
            and lineage_edge.deidentifying = excluded.deidentifying then lineage_edge.created_by
            else excluded.created_by end
        returning\s""" + EDGE_COLUMNS)
        .params(from, to, transform, deidentifying, by)
        .query(LineageRepository::edge).single();
  }

  /** Adds the edge unless it exists, leaving an existing one (and its approval) as it is. */
  public void ensureEdge(String from, String to, String transform, String by) {
    jdbc.sql("insert into lineage_edge (from_node, to_node, transform, created_by) values (?, ?, ?, ?)"
            + " on conflict (from_node, to_node) do nothing")
        .params(from, to, transform, by).update();
  }

  public Optional<StoredEdge> edge(long id) {
    return jdbc.sql("select " + EDGE_COLUMNS + " from lineage_edge where id = ?").param(id)
        .query(LineageRepository::edge).optional();
  }

  /** Empty if the edge changed hands meanwhile and {@code by} is now its author. */
  public Optional<StoredEdge> approve(long id, String by) {
    return jdbc.sql("update lineage_edge set approved_by = ?, approved_at = now() where id = ? and created_by <> ?"
            + " returning " + EDGE_COLUMNS)
        .params(by, id, by).query(LineageRepository::edge).optional();
  }

  public List<StoredEdge> edges() {
    return jdbc.sql("select " + EDGE_COLUMNS + " from lineage_edge order by id").query(LineageRepository::edge).list();
  }

  private static StoredEdge edge(ResultSet rs, int row) throws SQLException {
    return new StoredEdge(new LineageGraph.Edge(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getBoolean(5), rs.getString(6)), rs.getString(7),
        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant());
  }
}
