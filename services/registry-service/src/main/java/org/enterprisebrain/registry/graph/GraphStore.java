package org.enterprisebrain.registry.graph;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.enterprisebrain.registry.api.model.GraphEdge;
import org.enterprisebrain.registry.api.model.GraphNode;
import org.enterprisebrain.registry.api.model.Subgraph;
import org.enterprisebrain.registry.web.Jsonb;
import org.enterprisebrain.web.ProblemException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * Nodes and edges in PostgreSQL; traversals read one hop (one query) at a time. Every read and write takes a
 * {@link PlantScope}: a node of a plant outside it does not exist for the caller, nor does an edge touching one.
 */
@Repository
public class GraphStore {

  private final JdbcClient db;
  private final Jsonb json;
  private final ApplicationEventPublisher events;

  public GraphStore(JdbcClient db, Jsonb json, ApplicationEventPublisher events) {
    this.db = db;
    this.json = json;
    this.events = events;
  }

  /**
   * Nodes first, then edges whose ends must exist (among the nodes written or already stored) and be visible to
   * {@code scope}. A node of a plant is written by someone acting for it; a node's plant never changes (a write
   * without one keeps it), and a node of a plant the writer does not see is never merged into.
   */
  @Transactional
  public void write(List<GraphNode> nodes, List<GraphEdge> edges, PlantScope scope) {
    Map<String, Optional<String>> stored = new HashMap<>();
    db.sql("select id, plant from graph_node where id = any(?)")
        .param(nodes.stream().map(GraphNode::getId).filter(java.util.Objects::nonNull).toArray(String[]::new))
        .query((rs, i) -> Map.entry(rs.getString("id"), Optional.ofNullable(rs.getString("plant")))).list()
        .forEach(e -> stored.put(e.getKey(), e.getValue()));
    for (int i = 0; i < nodes.size(); i++) {
      GraphNode n = nodes.get(i);
      String at = "nodes[" + i + "]";
      if (n.getId() == null || n.getId().isBlank() || n.getType() == null || n.getName() == null || n.getName().isBlank()) {
        throw ProblemException.badRequest(at, "a node needs id, type and name");
      }
      if (n.getId().contains("/") || n.getId().contains("?") || n.getId().contains("#")) {
        // ids are path segments of this API (and of the gateway in front of it)
        throw ProblemException.badRequest(at + ".id", "'" + n.getId() + "': a node id has no '/', '?' or '#'");
      }
      if (!scope.sees(n.getPlant())) {
        throw ProblemException.forbidden(at + ".plant", "a node of plant '" + n.getPlant()
            + "' is written by someone acting for it, not by a token for " + scope.plants());
      }
      String plant = n.getPlant();
      if (stored.containsKey(n.getId())) {
        String was = stored.get(n.getId()).orElse(null);
        if (!scope.sees(was)) {
          throw ProblemException.conflict(at + ".id", "'" + n.getId() + "' is a node of another plant");
        }
        // the registry's own sources (the seed, master data) place a node written before nodes had plants; a
        // caller never moves a node between a plant and the shared knowledge
        boolean placing = was == null && plant != null && scope.equals(PlantScope.SYSTEM);
        if (plant != null && !plant.equals(was) && !placing) {
          throw ProblemException.conflict(at + ".plant", "'" + n.getId() + "' belongs to "
              + (was == null ? "every plant (shared knowledge)" : "plant '" + was + "'") + ": a node's plant never changes");
        }
        plant = placing ? plant : was;
      }
      // properties merge key by key: FMEA imports and master data each add what they know about a node
      db.sql("insert into graph_node(id, type, name, properties, plant) values (?, ?, ?, ?, ?) on conflict (id) do update"
              + " set type = excluded.type, name = excluded.name, plant = excluded.plant,"
              + " properties = graph_node.properties || excluded.properties")
          .params(n.getId(), n.getType().getValue(), n.getName(), json.of(n.getProperties() == null ? Map.of()
              : n.getProperties()), plant)
          .update();
      stored.put(n.getId(), Optional.ofNullable(plant));
    }
    if (!nodes.isEmpty()) { // as merged: the search document carries every property the node has now
      events.publishEvent(new NodesChanged(List.copyOf(nodes(nodes.stream().map(GraphNode::getId).toList(),
          PlantScope.SYSTEM).values())));
    }
    Set<String> known = new HashSet<>(db.sql("select id from graph_node n where id = any(?) and "
            + PlantScope.visible("n"))
        .params(edges.stream().flatMap(e -> java.util.stream.Stream.of(e.getFrom(), e.getTo()))
            .filter(java.util.Objects::nonNull).distinct().toArray(String[]::new), scope.params()[0],
            scope.params()[1])
        .query(String.class).list());
    for (int i = 0; i < edges.size(); i++) {
      GraphEdge e = edges.get(i);
      String at = "edges[" + i + "]";
      if (e.getType() == null) {
        throw ProblemException.badRequest(at + ".type", "an edge needs a type");
      }
      if (!known.contains(e.getFrom())) {
        throw ProblemException.badRequest(at + ".from", "no node '" + e.getFrom() + "'");
      }
      if (!known.contains(e.getTo())) {
        throw ProblemException.badRequest(at + ".to", "no node '" + e.getTo() + "'");
      }
      double weight = e.getWeight() == null ? 1 : e.getWeight();
      if (!(weight >= 0 && weight <= 1)) {
        throw ProblemException.badRequest(at + ".weight", "a weight is a probability or share: 0 to 1");
      }
      db.sql("insert into graph_edge(source, type, target, weight, properties) values (?, ?, ?, ?, ?)"
              + " on conflict (source, type, target) do update set weight = excluded.weight,"
              + " properties = excluded.properties")
          .params(e.getFrom(), e.getType().getValue(), e.getTo(), weight,
              json.of(e.getProperties() == null ? Map.of() : e.getProperties()))
          .update();
    }
  }

  /**
   * The model's node, and monitored-by edges from the equipment nodes its deployment selects (its equipment id by
   * the same regular expression, PostgreSQL's flavour; in the plants it scores, none: every plant), so the graph
   * says which machines a model watches.
   */
  @Transactional
  public int linkModel(String model, String title, String equipment, List<String> plants) {
    String node = "model:" + model;
    write(List.of(new GraphNode(node, GraphNode.TypeEnum.MODEL, title == null ? model : title)
        .properties(Map.of("registry", model))), List.of(), PlantScope.SYSTEM);
    if (equipment == null) {
      return 0;
    }
    String[] scored = plants == null ? new String[0] : plants.toArray(String[]::new);
    List<String> machines = db.sql("select id from graph_node where type = 'equipment'"
            + " and coalesce(properties->>'equipmentId', substring(id from 11)) ~ ?"
            + " and (cardinality(?::text[]) = 0 or plant = any(?::text[]))")
        .params("^(?:" + equipment + ")$", scored, scored).query(String.class).list();
    write(List.of(), machines.stream().map(m -> new GraphEdge(m, GraphEdge.TypeEnum.MONITORED_BY, node).weight(1d))
        .toList(), PlantScope.SYSTEM);
    return machines.size();
  }

  public Optional<GraphNode> node(String id, PlantScope scope) {
    return db.sql("select * from graph_node n where id = ? and " + PlantScope.visible("n"))
        .params(id, scope.params()[0], scope.params()[1]).query((rs, i) -> node(rs)).optional();
  }

  public Map<String, GraphNode> nodes(Collection<String> ids, PlantScope scope) {
    Map<String, GraphNode> nodes = new LinkedHashMap<>();
    db.sql("select * from graph_node n where id = any(?) and " + PlantScope.visible("n") + " order by id")
        .params(ids.toArray(String[]::new), scope.params()[0], scope.params()[1])
        .query((rs, i) -> node(rs)).list().forEach(n -> nodes.put(n.getId(), n));
    return nodes;
  }

  /**
   * The equipment node a diagnosis names: a node id, or an equipment id of a visible machine — a plant's machine
   * before a shared node of the same id (one written before nodes had plants). Several of the caller's plants
   * having that equipment id: 400 naming them, the caller names the node.
   */
  public String equipment(String given, PlantScope scope) {
    List<Map.Entry<String, Boolean>> found = db.sql("select id, plant is not null as owned from graph_node n"
            + " where type = 'equipment' and (id = ? or properties->>'equipmentId' = ? or id = 'equipment:' || ?)"
            + " and " + PlantScope.visible("n") + " order by id")
        .params(given, given, given, scope.params()[0], scope.params()[1])
        .query((rs, i) -> Map.entry(rs.getString("id"), rs.getBoolean("owned"))).list();
    if (found.stream().anyMatch(f -> f.getKey().equals(given))) {
      return given;
    }
    List<String> owned = found.stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    List<String> candidates = owned.isEmpty() ? found.stream().map(Map.Entry::getKey).toList() : owned;
    if (candidates.isEmpty()) {
      throw ProblemException.notFound("equipment", "no equipment '" + given + "'");
    }
    if (candidates.size() > 1) {
      throw ProblemException.badRequest("equipment", "'" + given + "' is a machine of several plants: name one of "
          + candidates);
    }
    return candidates.get(0);
  }

  /** The edges visible to {@code scope}: both their ends are. */
  public Traversal.Edges edges(PlantScope scope) {
    return (ids, types) -> {
      String[] nodes = ids.toArray(String[]::new);
      String[] only = types.toArray(String[]::new);
      return db.sql("select e.* from graph_edge e join graph_node a on a.id = e.source join graph_node b"
              + " on b.id = e.target where (e.source = any(?) or e.target = any(?))"
              + " and (cardinality(?::text[]) = 0 or e.type = any(?::text[])) and " + PlantScope.visible("a")
              + " and " + PlantScope.visible("b") + " order by e.source, e.type, e.target")
          .params(nodes, nodes, only, only, scope.params()[0], scope.params()[1], scope.params()[0],
              scope.params()[1])
          .query((rs, i) -> edge(rs)).list();
    };
  }

  /** What a diagnosis of {@code equipment} reads: its parts, their failure modes, their symptoms, causes, remedies. */
  public Diagnoser.Knowledge knowledge(String equipment, List<String> observed, PlantScope scope) {
    Traversal.Edges visible = edges(scope);
    // the machine and its parts, recursively (part-of points from the part to what it is part of)
    List<String> parts = db.sql("with recursive s(id) as (select ?::text union select e.source from graph_edge e"
            + " join s on e.target = s.id join graph_node n on n.id = e.source where e.type = 'part-of' and "
            + PlantScope.visible("n") + ") select id from s")
        .params(equipment, scope.params()[0], scope.params()[1]).query(String.class).list();
    List<GraphEdge> edges = new ArrayList<>(visible.touching(parts, List.of("part-of", "has-failure-mode")));
    List<String> modes = edges.stream().filter(e -> e.getType() == GraphEdge.TypeEnum.HAS_FAILURE_MODE)
        .map(GraphEdge::getTo).distinct().toList();
    List<GraphEdge> fromModes = outgoing(visible, modes, List.of("indicated-by", "caused-by", "fixed-by"));
    edges.addAll(fromModes);
    edges.addAll(outgoing(visible, fromModes.stream().filter(e -> e.getType() == GraphEdge.TypeEnum.CAUSED_BY)
        .map(GraphEdge::getTo).distinct().toList(), List.of("fixed-by")));
    Set<String> ids = new HashSet<>(parts);
    edges.forEach(e -> {
      ids.add(e.getFrom());
      ids.add(e.getTo());
    });
    Map<String, GraphNode> nodes = nodes(ids, scope);
    String[] codes = observed.toArray(String[]::new);
    db.sql("select * from graph_node n where type = 'symptom' and (id = any(?) or properties->>'alarmCode' = any(?)"
            + " or properties->>'signal' = any(?)) and " + PlantScope.visible("n"))
        .params(codes, codes, codes, scope.params()[0], scope.params()[1]).query((rs, i) -> node(rs)).list()
        .forEach(n -> nodes.put(n.getId(), n));
    return new Diagnoser.Knowledge(nodes, edges.stream().distinct().toList());
  }

  private static List<GraphEdge> outgoing(Traversal.Edges visible, List<String> sources, List<String> types) {
    return visible.touching(sources, types).stream().filter(e -> sources.contains(e.getFrom())).toList();
  }

  public Subgraph all(PlantScope scope) {
    Object[] p = scope.params();
    return new Subgraph(db.sql("select * from graph_node n where " + PlantScope.visible("n") + " order by id")
        .params(p[0], p[1]).query((rs, i) -> node(rs)).list(),
        db.sql("select e.* from graph_edge e join graph_node a on a.id = e.source join graph_node b on b.id = e.target"
                + " where " + PlantScope.visible("a") + " and " + PlantScope.visible("b")
                + " order by e.source, e.type, e.target")
            .params(p[0], p[1], p[0], p[1]).query((rs, i) -> edge(rs)).list());
  }

  private GraphNode node(ResultSet rs) throws SQLException {
    return new GraphNode(rs.getString("id"), GraphNode.TypeEnum.fromValue(rs.getString("type")), rs.getString("name"))
        .plant(rs.getString("plant"))
        .properties(json.read(rs.getString("properties"), new TypeReference<Map<String, Object>>() { }));
  }

  private GraphEdge edge(ResultSet rs) throws SQLException {
    return new GraphEdge(rs.getString("source"), GraphEdge.TypeEnum.fromValue(rs.getString("type")),
        rs.getString("target"))
        .weight(rs.getDouble("weight"))
        .properties(json.read(rs.getString("properties"), new TypeReference<Map<String, Object>>() { }));
  }
}
