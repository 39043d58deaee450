package org.enterprisebrain.registry.models;

import org.enterprisebrain.web.PgColumns;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enterprisebrain.registry.api.model.EwmaSpec;
import org.enterprisebrain.registry.api.model.Feature;
import org.enterprisebrain.registry.api.model.LinearSpec;
import org.enterprisebrain.registry.api.model.Model;
import org.enterprisebrain.registry.api.model.ModelOutput;
import org.enterprisebrain.registry.api.model.ModelVersion;
import org.enterprisebrain.registry.api.model.NewModel;
import org.enterprisebrain.registry.api.model.NewModelVersion;
import org.enterprisebrain.registry.api.model.ThresholdSpec;
import org.enterprisebrain.registry.api.model.TrainingField;
import org.enterprisebrain.registry.web.Jsonb;
import org.enterprisebrain.web.ProblemException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/** Models, their versions and the artifacts (content-addressed by SHA-256) in PostgreSQL. */
@Repository
public class ModelStore {

  private final JdbcClient db;
  private final Jsonb json;
  private final ApplicationEventPublisher events;

  public ModelStore(JdbcClient db, Jsonb json, ApplicationEventPublisher events) {
    this.db = db;
    this.json = json;
    this.events = events;
  }

  public Model create(NewModel m, String by) {
    try {
      db.sql("insert into model(name, title, description, tags, created_by) values (?, ?, ?, ?, ?)")
          .params(m.getName(), m.getTitle(), m.getDescription(), json.of(orEmpty(m.getTags())), by).update();
    } catch (DuplicateKeyException e) {
      throw ProblemException.conflict("name", "a model '" + m.getName() + "' is registered already");
    }
    Model created = require(m.getName());
    events.publishEvent(new ModelEvents.ModelCreated(created));
    return created;
  }

  @Transactional(readOnly = true)
  public List<Model> list(String tag) {
    return db.sql("select name from model where ?::text is null or jsonb_exists(tags, ?::text) order by name")
        .params(tag, tag).query(String.class).list().stream().map(this::require).toList();
  }

  @Transactional(readOnly = true)
  public Optional<Model> find(String name) {
    return db.sql("select m.*, (select coalesce(max(version), 0) from model_version v where v.model = m.name) latest"
            + " from model m where name = ?")
        .param(name).query((rs, i) -> model(rs)).optional();
  }

  public Model require(String name) {
    return find(name).orElseThrow(() -> ProblemException.notFound("name", "no model '" + name + "'"));
  }

  private Model model(ResultSet rs) throws SQLException {
    Map<String, Integer> aliases = new LinkedHashMap<>();
    db.sql("select alias, version from alias_assignment where model = ? and valid_until is null order by alias")
        .param(rs.getString("name"))
        .query(r -> {
          aliases.put(r.getString("alias"), r.getInt("version"));
        });
    return new Model(rs.getString("name"), rs.getString("created_by"),
        PgColumns.utc(rs, "created_at"), rs.getInt("latest"), aliases)
        .title(rs.getString("title")).description(rs.getString("description"))
        .tags(json.list(rs.getString("tags"), String.class));
  }

  /** The next version, numbered under a lock on the model row so concurrent registrations cannot collide. */
  public ModelVersion addVersion(String model, NewModelVersion v, byte[] artifact, ArtifactCheck.Inspected inspected,
      String by) {
    db.sql("select name from model where name = ? for update").param(model).query(String.class).optional()
        .orElseThrow(() -> ProblemException.notFound("name", "no model '" + model + "'"));
    int version = db.sql("select coalesce(max(version), 0) + 1 from model_version where model = ?").param(model)
        .query(Integer.class).single();
    String sha = null;
    if (artifact != null) {
      sha = sha256(artifact);
      db.sql("insert into artifact(sha256, bytes) values (?, ?) on conflict do nothing").params(sha, artifact).update();
    }
    db.sql("insert into model_version(model, version, kind, description, features, output, linear_spec, threshold_spec,"
            + " ewma_spec, metrics, trained_on, tags, artifact, artifact_bytes, input_tensor, created_by)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(model, version, v.getKind().getValue(), v.getDescription(), json.of(v.getFeatures()),
            json.of(v.getOutput()), json.of(v.getLinear()), json.of(v.getThreshold()), json.of(v.getEwma()),
            json.of(v.getMetrics() == null ? Map.of() : v.getMetrics()), json.of(orEmpty(v.getTrainedOn())),
            json.of(orEmpty(v.getTags())), sha, artifact == null ? null : (long) artifact.length,
            inspected == null ? null : inspected.inputTensor(), by)
        .update();
    events.publishEvent(new ModelEvents.VersionRegistered(model, version));
    return requireVersion(model, version);
  }

  public List<ModelVersion> versions(String model) {
    require(model);
    return db.sql("select * from model_version where model = ? order by version desc").param(model)
        .query((rs, i) -> version(rs)).list();
  }

  public Optional<ModelVersion> findVersion(String model, int version) {
    return db.sql("select * from model_version where model = ? and version = ?").params(model, version)
        .query((rs, i) -> version(rs)).optional();
  }

  public ModelVersion requireVersion(String model, int version) {
    require(model);
    return findVersion(model, version).orElseThrow(() -> ProblemException.notFound("version",
        "model '" + model + "' has no version " + version));
  }

  /** The version an alias points at now, if any. */
  public Optional<Integer> aliasVersion(String model, String alias) {
    return db.sql("select version from alias_assignment where model = ? and alias = ? and valid_until is null")
        .params(model, alias).query(Integer.class).optional();
  }

  public byte[] artifact(String sha256) {
    return db.sql("select bytes from artifact where sha256 = ?").param(sha256).query(byte[].class).single();
  }

  private ModelVersion version(ResultSet rs) throws SQLException {
    ModelVersion v = new ModelVersion(rs.getString("model"), rs.getInt("version"), rs.getString("kind"),
        json.list(rs.getString("features"), Feature.class), json.read(rs.getString("output"), ModelOutput.class),
        rs.getString("created_by"), PgColumns.utc(rs, "created_at"));
    long bytes = rs.getLong("artifact_bytes");
    return v.description(rs.getString("description"))
        .linear(json.read(rs.getString("linear_spec"), LinearSpec.class))
        .threshold(json.read(rs.getString("threshold_spec"), ThresholdSpec.class))
        .ewma(json.read(rs.getString("ewma_spec"), EwmaSpec.class))
        .metrics(json.read(rs.getString("metrics"), new TypeReference<Map<String, Double>>() { }))
        .trainedOn(json.list(rs.getString("trained_on"), TrainingField.class))
        .tags(json.list(rs.getString("tags"), String.class))
        .artifactSha256(rs.getString("artifact"))
        .artifactBytes(rs.wasNull() ? null : bytes)
        .inputTensor(rs.getString("input_tensor"));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
