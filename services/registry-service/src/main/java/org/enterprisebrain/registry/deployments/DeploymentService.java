package org.enterprisebrain.registry.deployments;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.enterprisebrain.web.PgColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.enterprisebrain.registry.api.model.Deployment;
import org.enterprisebrain.registry.api.model.DeploymentHistoryInner;
import org.enterprisebrain.registry.api.model.FeatureBinding;
import org.enterprisebrain.registry.api.model.ModelVersion;
import org.enterprisebrain.registry.api.model.NewDeployment;
import org.enterprisebrain.registry.components.ComponentStore;
import org.enterprisebrain.registry.graph.GraphStore;
import org.enterprisebrain.registry.models.ModelStore;
import org.enterprisebrain.registry.web.Jsonb;
import org.enterprisebrain.registry.web.Names;
import org.enterprisebrain.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deployments of model versions into the live stream. A deployment follows an alias (the version moves
 * when the alias does) or is pinned to a version (deployed so, or rolled back). Each change is written and
 * published in one transaction, and its history says which version scored when and why.
 */
@Service
public class DeploymentService {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentService.class);

  private final JdbcClient db;
  private final Jsonb json;
  private final ModelStore models;
  private final ComponentStore components;
  private final DeploymentPublisher publisher;
  private final GraphStore graph;

  public DeploymentService(JdbcClient db, Jsonb json, ModelStore models, ComponentStore components,
      DeploymentPublisher publisher, GraphStore graph) {
    this.db = db;
    this.json = json;
    this.models = models;
    this.components = components;
    this.publisher = publisher;
    this.graph = graph;
  }

  @Transactional
  public Deployment create(NewDeployment d, String by) {
    Names.require("id", d.getId());
    models.require(d.getModel());
    if ((d.getAlias() == null) == (d.getVersion() == null)) {
      throw ProblemException.badRequest("alias", "give either alias (the deployment follows it) or version");
    }
    int version = d.getVersion() != null ? models.requireVersion(d.getModel(), d.getVersion()).getVersion()
        : models.aliasVersion(d.getModel(), d.getAlias()).orElseThrow(() -> ProblemException.conflict("alias",
            "alias '" + d.getAlias() + "' of '" + d.getModel() + "' points at no version yet"));
    if (d.getVersion() != null && !heldAnAlias(d.getModel(), version)) {
      // the alias approval is the four-eyes step: a version nobody approved must not score by being named
      throw ProblemException.conflict("version", "version " + version + " of '" + d.getModel() + "' never held an"
          + " alias: request an alias for it (a second person approves) before deploying it pinned");
    }
    if (d.getEntity() != NewDeployment.EntityEnum.TELEMETRY) {
      throw ProblemException.badRequest("entity", "deployments score telemetry");
    }
    List<FeatureBinding> bindings = bindings(d);
    check(models.requireVersion(d.getModel(), version), bindings);
    if (d.getEquipment() != null) {
      // the score job matches it with RE2J, in linear time: what RE2 cannot (backreferences, lookaround) is refused
      if (d.getEquipment().length() > 200) {
        throw ProblemException.badRequest("equipment", "at most 200 characters");
      }
      try {
        Pattern.compile(d.getEquipment());
      } catch (PatternSyntaxException e) {
        throw ProblemException.badRequest("equipment", "not a regular expression RE2 accepts (no backreferences or "
            + "lookaround): " + e.getDescription());
      }
    }
    String bucket = d.getBucket() == null ? "PT1M" : d.getBucket();
    try {
      if (Duration.parse(bucket).toMillis() < 1000) {
        throw ProblemException.badRequest("bucket", "a bucket is at least PT1S");
      }
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest("bucket", "'" + bucket + "' is not an ISO-8601 duration such as PT1M");
    }
    try {
      db.sql("insert into deployment(id, model, alias, version, pinned, entity, plants, equipment, bindings, bucket,"
              + " threshold, status, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?)")
          .params(d.getId(), d.getModel(), d.getAlias(), version, d.getAlias() == null, d.getEntity().getValue(),
              json.of(d.getPlants() == null ? List.of() : d.getPlants()), d.getEquipment(), json.of(bindings), bucket,
              d.getThreshold(), by)
          .update();
    } catch (DuplicateKeyException e) {
      throw ProblemException.conflict("id", "a deployment '" + d.getId() + "' exists");
    }
    // the knowledge graph says which machines the model watches (equipment nodes the filter selects)
    graph.linkModel(d.getModel(), models.require(d.getModel()).getTitle(), d.getEquipment(), d.getPlants());
    return change(d.getId(), version, null, "deployed", by);
  }

  private boolean heldAnAlias(String model, int version) {
    return db.sql("select exists (select 1 from alias_assignment where model = ? and version = ?)")
        .params(model, version).query(Boolean.class).single();
  }

  /** Bindings given inline, or those of a feature-recipe component {@code name@version}. */
  private List<FeatureBinding> bindings(NewDeployment d) {
    if (d.getFeatureRecipe() != null) {
      if (d.getBindings() != null && !d.getBindings().isEmpty()) {
        throw ProblemException.badRequest("featureRecipe", "give bindings or a featureRecipe, not both");
      }
      return components.featureRecipe(d.getFeatureRecipe());
    }
    if (d.getBindings() == null || d.getBindings().isEmpty()) {
      throw ProblemException.badRequest("bindings", "bind every feature of the model to a signal");
    }
    return d.getBindings();
  }

  /** Every feature of the version bound exactly once, to a signal, with a usable scale. */
  static void check(ModelVersion v, List<FeatureBinding> bindings) {
    Set<String> wanted = new HashSet<>();
    v.getFeatures().forEach(f -> wanted.add(f.getName()));
    Set<String> bound = new HashSet<>();
    for (int i = 0; i < bindings.size(); i++) {
      FeatureBinding b = bindings.get(i);
      String at = "bindings[" + i + "]";
      if (!wanted.contains(b.getFeature())) {
        throw ProblemException.badRequest(at + ".feature", "'" + b.getFeature() + "' is not a feature of "
            + v.getModel() + " v" + v.getVersion() + "; its features are " + wanted);
      }
      if (!bound.add(b.getFeature())) {
        throw ProblemException.badRequest(at + ".feature", "'" + b.getFeature() + "' is bound twice");
      }
      if (b.getSignal() == null || b.getSignal().isBlank()) {
        throw ProblemException.badRequest(at + ".signal", "the signal whose value feeds '" + b.getFeature() + "'");
      }
      if (b.getScale() != null && !(b.getScale() != 0 && Double.isFinite(b.getScale()))) {
        throw ProblemException.badRequest(at + ".scale", "scale divides the value: finite and not 0");
      }
    }
    wanted.removeAll(bound);
    if (!wanted.isEmpty()) {
      throw ProblemException.badRequest("bindings", "features without a binding: " + wanted);
    }
  }

  /**
   * An alias moved: every active deployment that follows it (and was not rolled back) scores with the new
   * version. All are checked before any is published; if Kafka refuses one midway, those already published
   * are published again as they were, and the transaction rolls back.
   */
  @Transactional
  public void followAlias(String model, String alias, int version, String by) {
    List<String> following = db.sql("select id from deployment where model = ? and alias = ? and status = 'active'"
        + " and not pinned order by id for update").params(model, alias).query(String.class).list();
    ModelVersion next = models.requireVersion(model, version);
    List<Deployment> before = following.stream().map(this::require).toList();
    for (Deployment d : before) {
      try {
        check(next, d.getBindings());
      } catch (ProblemException e) {
        throw ProblemException.conflict("version", "deployment '" + d.getId() + "' follows '" + alias + "' but cannot"
            + " score with version " + version + ": " + e.getMessage());
      }
    }
    List<Deployment> published = new ArrayList<>();
    try {
      for (Deployment d : before) {
        change(d.getId(), version, null, "alias-moved", by);
        published.add(d);
      }
    } catch (ProblemException e) {
      published.forEach(this::restore);
      throw e;
    }
  }

  /** Best effort: the topic says again what the database (about to roll back) said before. */
  private void restore(Deployment d) {
    try {
      publisher.publish(d);
    } catch (ProblemException e) {
      LOG.error("deployment {} may score with version {} until the registry restarts and republishes: {}",
          d.getId(), d.getVersion(), e.getMessage());
    }
  }

  @Transactional
  public Deployment undeploy(String id, String by) {
    lock(id);
    Deployment d = require(id);
    if (d.getStatus() == Deployment.StatusEnum.UNDEPLOYED) {
      return d;
    }
    return change(id, d.getVersion(), "undeployed", "undeployed", by);
  }

  /** Back to the version that scored before the current one, pinned so the alias no longer moves it. */
  @Transactional
  public Deployment rollback(String id, String by) {
    lock(id);
    Deployment d = require(id);
    if (d.getStatus() != Deployment.StatusEnum.ACTIVE) {
      throw ProblemException.conflict("id", "deployment '" + id + "' is undeployed");
    }
    Integer previous = d.getHistory().stream().map(DeploymentHistoryInner::getVersion)
        .filter(v -> !v.equals(d.getVersion())).findFirst()
        .orElseThrow(() -> ProblemException.conflict("id", "deployment '" + id + "' has scored with no other version"));
    try {
      check(models.requireVersion(d.getModel(), previous), d.getBindings());
    } catch (ProblemException e) {
      throw ProblemException.conflict("id", "cannot roll back to version " + previous + ": " + e.getMessage());
    }
    db.sql("update deployment set pinned = true where id = ?").param(id).update();
    return change(id, previous, null, "rollback", by);
  }

  private Deployment change(String id, int version, String status, String reason, String by) {
    db.sql("update deployment set version = ?, status = coalesce(?, status) where id = ?").params(version, status, id)
        .update();
    db.sql("insert into deployment_history(deployment, version, reason, by_user) values (?, ?, ?, ?)")
        .params(id, version, reason, by).update();
    Deployment d = require(id);
    publisher.publish(d);
    LOG.info("deployment {} {}: {} v{}", id, reason, d.getModel(), version);
    return d;
  }

  /**
   * The topic is the job's only source: after a restart (or a lost send whose transaction still committed),
   * say again what every deployment is. Records are idempotent per key.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void republish() {
    List<Deployment> all = list();
    for (Deployment d : all) {
      try {
        publisher.publish(d);
      } catch (ProblemException e) {
        LOG.warn("deployment {} not republished, Kafka unavailable: {}", d.getId(), e.getMessage());
      }
    }
    LOG.info("{} deployments republished", all.size());
  }

  private void lock(String id) {
    db.sql("select id from deployment where id = ? for update").param(id).query(String.class).optional()
        .orElseThrow(() -> ProblemException.notFound("id", "no deployment '" + id + "'"));
  }

  @Transactional(readOnly = true)
  public List<Deployment> list() {
    return db.sql("select id from deployment order by status, id").query(String.class).list().stream()
        .map(this::require).toList();
  }

  @Transactional(readOnly = true)
  public Deployment require(String id) {
    return db.sql("select * from deployment where id = ?").param(id).query((rs, i) -> deployment(rs)).optional()
        .orElseThrow(() -> ProblemException.notFound("id", "no deployment '" + id + "'"));
  }

  private Deployment deployment(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    List<DeploymentHistoryInner> history = new ArrayList<>(db.sql("select * from deployment_history where deployment = ?"
            + " order by seq desc").param(id)
        .query((h, i) -> new DeploymentHistoryInner(h.getInt("version"), PgColumns.utc(h, "valid_from"),
            h.getString("reason")).by(h.getString("by_user")))
        .list());
    double threshold = rs.getDouble("threshold");
    Double t = rs.wasNull() ? null : threshold;
    return new Deployment(id, rs.getString("model"), rs.getInt("version"), rs.getString("entity"),
        json.list(rs.getString("bindings"), FeatureBinding.class), rs.getString("bucket"),
        Deployment.StatusEnum.fromValue(rs.getString("status")), rs.getString("created_by"),
        PgColumns.utc(rs, "created_at"), history)
        .alias(rs.getString("alias")).pinned(rs.getBoolean("pinned"))
        .plants(json.list(rs.getString("plants"), String.class)).equipment(rs.getString("equipment")).threshold(t);
  }

}
