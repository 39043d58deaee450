package org.enterprisebrain.registry.aliases;

import static org.enterprisebrain.web.PgColumns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.enterprisebrain.registry.api.model.AliasAssignment;
import org.enterprisebrain.registry.api.model.AliasPolicy;
import org.enterprisebrain.registry.api.model.AliasRequest;
import org.enterprisebrain.registry.deployments.DeploymentService;
import org.enterprisebrain.registry.models.ModelStore;
import org.enterprisebrain.registry.web.Jsonb;
import org.enterprisebrain.registry.web.Names;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.security.Roles;
import org.enterprisebrain.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Aliases instead of fixed stages. A move is a request; unless the alias's policy waives approval, someone
 * other than the requester whom the policy names decides it. Every assignment is kept with the request that
 * made it, so "which version was champion on 3 March" has an answer. Deployments that follow the alias move
 * with it, in the same transaction: if the scoring job cannot be told, the alias does not move.
 */
@Service
public class AliasService {

  /** Without a policy of its own an alias needs approval by a data engineer or admin. */
  static final AliasPolicy DEFAULT_POLICY = new AliasPolicy(true)
      .approverRoles(List.of(Roles.DATA_ENGINEER, Roles.ADMIN)).approverUsers(List.of());

  private final JdbcClient db;
  private final Jsonb json;
  private final ModelStore models;
  private final DeploymentService deployments;

  public AliasService(JdbcClient db, Jsonb json, ModelStore models, DeploymentService deployments) {
    this.db = db;
    this.json = json;
    this.models = models;
    this.deployments = deployments;
  }

  public AliasPolicy policy(String model, String alias) {
    models.require(model);
    return db.sql("select * from alias_policy where model = ? and alias = ?").params(model, alias)
        .query((rs, i) -> new AliasPolicy(rs.getBoolean("requires_approval"))
            .approverRoles(json.list(rs.getString("approver_roles"), String.class))
            .approverUsers(json.list(rs.getString("approver_users"), String.class)))
        .optional().orElse(DEFAULT_POLICY);
  }

  @Transactional
  public AliasPolicy setPolicy(String model, String alias, AliasPolicy p) {
    models.require(model);
    Names.require("alias", alias);
    if (p.getRequiresApproval() == null) {
      throw ProblemException.badRequest("requiresApproval", "requiresApproval is required");
    }
    List<String> roles = p.getApproverRoles() == null ? List.of() : p.getApproverRoles();
    List<String> users = p.getApproverUsers() == null ? List.of() : p.getApproverUsers();
    if (p.getRequiresApproval() && roles.isEmpty() && users.isEmpty()) {
      throw ProblemException.badRequest("approverRoles", "an alias that needs approval needs someone who may approve");
    }
    db.sql("insert into alias_policy(model, alias, requires_approval, approver_roles, approver_users)"
            + " values (?, ?, ?, ?, ?) on conflict (model, alias) do update set requires_approval = excluded.requires_approval,"
            + " approver_roles = excluded.approver_roles, approver_users = excluded.approver_users")
        .params(model, alias, p.getRequiresApproval(), json.of(roles), json.of(users)).update();
    return policy(model, alias);
  }

  @Transactional
  public AliasRequest request(String model, String alias, int version, String comment, String by) {
    Names.require("alias", alias);
    models.requireVersion(model, version);
    Integer current = models.aliasVersion(model, alias).orElse(null);
    if (current != null && current == version) {
      throw ProblemException.conflict("version", "'" + alias + "' points at version " + version + " already");
    }
    long id;
    try {
      id = db.sql("insert into alias_request(model, alias, version, previous_version, status, comment, requested_by)"
              + " values (?, ?, ?, ?, 'pending', ?, ?) returning id")
          .params(model, alias, version, current, comment, by).query(Long.class).single();
    } catch (DuplicateKeyException e) {
      throw ProblemException.conflict("alias", "a request to move '" + alias + "' is pending: decide it first");
    }
    if (!policy(model, alias).getRequiresApproval()) {
      apply(id, by, "no approval required by the alias policy");
    }
    return require(id);
  }

  @Transactional
  public AliasRequest decide(long id, boolean approve, String comment, BrainPrincipal caller) {
    // one decision per request: concurrent deciders wait here and then find it decided
    db.sql("select id from alias_request where id = ? for update").param(id).query(Long.class).optional()
        .orElseThrow(() -> ProblemException.notFound("id", "no alias request " + id));
    AliasRequest r = require(id);
    if (r.getStatus() != AliasRequest.StatusEnum.PENDING) {
      throw ProblemException.conflict("id", "request " + id + " is " + r.getStatus().getValue() + " already");
    }
    if (r.getRequestedBy().equals(caller.name())) {
      if (!approve) { // withdrawn: a requester may take back a request, never approve it
        return reject(id, caller.name(), comment == null ? "withdrawn by the requester" : comment);
      }
      throw ProblemException.forbidden("id", "a request is approved by someone other than its requester");
    }
    AliasPolicy p = policy(r.getModel(), r.getAlias());
    boolean allowed = p.getApproverUsers().contains(caller.name())
        || p.getApproverRoles().stream().anyMatch(caller::hasRole);
    if (!allowed) {
      throw ProblemException.forbidden("id", "the policy of '" + r.getAlias() + "' lets roles "
          + p.getApproverRoles() + " and users " + p.getApproverUsers() + " decide; " + caller.name() + " is neither");
    }
    if (approve) {
      apply(id, caller.name(), comment);
      return require(id);
    }
    return reject(id, caller.name(), comment);
  }

  private AliasRequest reject(long id, String by, String comment) {
    db.sql("update alias_request set status = 'rejected', decided_by = ?, decision_comment = ?, decided_at = now()"
        + " where id = ? and status = 'pending'").params(by, comment, id).update();
    return require(id);
  }

  private void apply(long id, String by, String comment) {
    AliasRequest r = require(id);
    Integer previous = models.aliasVersion(r.getModel(), r.getAlias()).orElse(null);
    db.sql("update alias_assignment set valid_until = now() where model = ? and alias = ? and valid_until is null")
        .params(r.getModel(), r.getAlias()).update();
    db.sql("insert into alias_assignment(model, alias, version, valid_from, request_id) values (?, ?, ?, now(), ?)")
        .params(r.getModel(), r.getAlias(), r.getVersion(), id).update();
    db.sql("update alias_request set status = 'applied', previous_version = ?, decided_by = ?, decision_comment = ?,"
        + " decided_at = now() where id = ?").params(previous, by, comment, id).update();
    deployments.followAlias(r.getModel(), r.getAlias(), r.getVersion(), by);
  }

  public List<AliasRequest> requests(String status) {
    return db.sql("select * from alias_request where ?::text is null or status = ?::text order by id desc")
        .params(status, status).query((rs, i) -> request(rs)).list();
  }

  public List<AliasAssignment> history(String model, String alias) {
    models.require(model);
    return db.sql("select a.*, r.requested_by, r.decided_by, r.status, r.comment from alias_assignment a"
            + " join alias_request r on r.id = a.request_id where a.model = ? and a.alias = ?"
            + " order by a.valid_from desc, a.request_id desc")
        .params(model, alias)
        .query((rs, i) -> new AliasAssignment(rs.getString("alias"), rs.getInt("version"), utc(rs, "valid_from"),
            rs.getLong("request_id"))
            .until(utc(rs, "valid_until")).requestedBy(rs.getString("requested_by"))
            .approvedBy(rs.getString("decided_by")).comment(rs.getString("comment")))
        .list();
  }

  AliasRequest require(long id) {
    return db.sql("select * from alias_request where id = ?").param(id).query((rs, i) -> request(rs)).optional()
        .orElseThrow(() -> ProblemException.notFound("id", "no alias request " + id));
  }

  private static AliasRequest request(ResultSet rs) throws SQLException {
    int previous = rs.getInt("previous_version");
    Integer prev = rs.wasNull() ? null : previous;
    return new AliasRequest(rs.getLong("id"), rs.getString("model"), rs.getString("alias"), rs.getInt("version"),
        AliasRequest.StatusEnum.fromValue(rs.getString("status")), rs.getString("requested_by"),
        utc(rs, "requested_at"))
        .previousVersion(prev).comment(rs.getString("comment")).decidedBy(rs.getString("decided_by"))
        .decisionComment(rs.getString("decision_comment")).decidedAt(utc(rs, "decided_at"));
  }

}
