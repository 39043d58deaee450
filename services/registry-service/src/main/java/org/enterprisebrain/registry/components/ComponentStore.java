package org.enterprisebrain.registry.components;

import org.enterprisebrain.web.PgColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.registry.api.model.Component;
import org.enterprisebrain.registry.api.model.FeatureBinding;
import org.enterprisebrain.registry.api.model.NewComponent;
import org.enterprisebrain.registry.web.Jsonb;
import org.enterprisebrain.registry.web.Names;
import org.enterprisebrain.web.ProblemException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * Versioned analytics components (模型组件). A version is never changed: a deployment that names
 * {@code recipe@3} scores with exactly what version 3 said, whatever is registered later.
 */
@Repository
public class ComponentStore {

  private final JdbcClient db;
  private final Jsonb json;
  private final ApplicationEventPublisher events;

  public ComponentStore(JdbcClient db, Jsonb json, ApplicationEventPublisher events) {
    this.db = db;
    this.json = json;
    this.events = events;
  }

  @Transactional
  public Component create(NewComponent c, String by) {
    Names.require("name", c.getName());
    if (c.getKind() == null || c.getSpec() == null) {
      throw ProblemException.badRequest(c.getKind() == null ? "kind" : "spec", "kind and spec are required");
    }
    if (c.getKind() == NewComponent.KindEnum.FEATURE_RECIPE) {
      bindingsOf(c.getSpec(), "spec.bindings");
    }
    // the advisory lock numbers concurrent registrations of one name one after the other
    db.sql("select pg_advisory_xact_lock(hashtext(?))").param("component:" + c.getName()).query().singleRow();
    int version = db.sql("select coalesce(max(version), 0) + 1 from component where name = ?").param(c.getName())
        .query(Integer.class).single();
    db.sql("insert into component(name, version, kind, description, spec, created_by) values (?, ?, ?, ?, ?, ?)")
        .params(c.getName(), version, c.getKind().getValue(), c.getDescription(), json.of(c.getSpec()), by).update();
    Component created = require(c.getName(), version);
    events.publishEvent(new ComponentCreated(created));
    return created;
  }

  public List<Component> latest(String kind) {
    return db.sql("select distinct on (name) * from component where ?::text is null or kind = ?::text"
            + " order by name, version desc")
        .params(kind, kind).query((rs, i) -> component(rs)).list();
  }

  public Component require(String name, int version) {
    return db.sql("select * from component where name = ? and version = ?").params(name, version)
        .query((rs, i) -> component(rs)).optional()
        .orElseThrow(() -> ProblemException.notFound("version", "no component " + name + "@" + version));
  }

  /** The bindings of a feature-recipe component named {@code name@version}. */
  public List<FeatureBinding> featureRecipe(String reference) {
    String[] parts = reference.split("@");
    if (parts.length != 2 || !parts[1].matches("[1-9][0-9]{0,8}")) {
      throw ProblemException.badRequest("featureRecipe", "'" + reference + "' is not name@version");
    }
    Component c;
    try {
      c = require(parts[0], Integer.parseInt(parts[1]));
    } catch (ProblemException e) {
      throw ProblemException.badRequest("featureRecipe", e.getMessage());
    }
    if (!"feature-recipe".equals(c.getKind())) {
      throw ProblemException.badRequest("featureRecipe", reference + " is a " + c.getKind() + ", not a feature-recipe");
    }
    return bindingsOf(c.getSpec(), "featureRecipe");
  }

  private List<FeatureBinding> bindingsOf(Map<String, Object> spec, String field) {
    Object bindings = spec.get("bindings");
    if (!(bindings instanceof List<?> list) || list.isEmpty()) {
      throw ProblemException.badRequest(field, "a feature recipe is {\"bindings\": [{\"feature\", \"signal\", \"center\", \"scale\"}…]}");
    }
    try {
      return json.mapper().convertValue(list, new TypeReference<List<FeatureBinding>>() { });
    } catch (RuntimeException e) {
      throw ProblemException.badRequest(field, "bindings are not feature bindings: " + e.getMessage());
    }
  }

  private Component component(ResultSet rs) throws SQLException {
    return new Component(rs.getString("name"), rs.getInt("version"), rs.getString("kind"),
        json.read(rs.getString("spec"), new TypeReference<Map<String, Object>>() { }), rs.getString("created_by"),
        PgColumns.utc(rs, "created_at"))
        .description(rs.getString("description"));
  }
}
