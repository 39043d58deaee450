package org.enterprisebrain.registry.graph;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
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
import org.enterprisebrain.registry.search.RegistrySearch;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/** Nodes and edges in PostgreSQL; traversals read one hop (one query) at a time. */
@Repository
public class GraphStore implements Traversal.Edges {

  private final JdbcClient db;
  private final Jsonb json;
  private final ApplicationEventPublisher events;

  public GraphStore(JdbcClient db, Jsonb json, ApplicationEventPublisher events) {
    this.db = db;
    this.json = json;
    this.events = events;
  }

  /** Nodes first, then edges whose ends must exist (among the nodes written or already stored). */
  @Transactional
  public void write(List<GraphNode> nodes, List<GraphEdge> edges) {
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
      // properties merge key by key: FMEA imports and master data each add what they know about a node
      db.sql("insert into graph_node(id, type, name, properties) values (?, ?, ?, ?) on conflict (id) do update"
              + " set type = excluded.type, name = excluded.name,"
              + " properties = graph_node.properties || excluded.properties")
          .params(n.getId(), n.getType().getValue(), n.getName(), json.of(n.getProperties() == null ? Map.of()
              : n.getProperties()))
          .update();
    }
    if (!nodes.isEmpty()) { // as merged: the search document carries every property the node has now
      events.publishEvent(new RegistrySearch.Changed(nodes(nodes.stream().map(GraphNode::getId).toList()).values()
          .stream().map(RegistrySearch::of).toList()));
    }
    Set<String> known = new HashSet<>(db.sql("select id from graph_node where id = any(?)")
        .param(edges.stream().flatMap(e -> java.util.stream.Stream.of(e.getFrom(), e.getTo()))
            .filter(java.util.Objects::nonNull).distinct().toArray(String[]::new))
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
   * The model's node, and monitored-by edges from the equipment nodes its deployment selects (by the same
   * regular expression, PostgreSQL's flavour), so the graph says which machines a model watches.
   */
  @Transactional
  public int linkModel(String model, String title, String equipment) {
    String node = "model:" + model;
    write(List.of(new GraphNode(node, GraphNode.TypeEnum.MODEL, title == null ? model : title)
        .properties(Map.of("registry", model))), List.of());
    if (equipment == null) {
      return 0;
    }
    List<String> machines = db.sql("select id from graph_node where type = 'equipment' and substring(id from 11) ~ ?")
        .param("^(?:" + equipment + ")$").query(String.class).list();
    write(List.of(), machines.stream().map(m -> new GraphEdge(m, GraphEdge.TypeEnum.MONITORED_BY, node).weight(1d))
        .toList());
    return machines.size();
  }

  public Optional<GraphNode> node(String id) {
    return db.sql("select * from graph_node where id = ?").param(id).query((rs, i) -> node(rs)).optional();
  }

  public Map<String, GraphNode> nodes(Collection<String> ids) {
    Map<String, GraphNode> nodes = new LinkedHashMap<>();
    db.sql("select * from graph_node where id = any(?) order by id").param(ids.toArray(String[]::new))
        .query((rs, i) -> node(rs)).list().forEach(n -> nodes.put(n.getId(), n));
    return nodes;
  }

  @Override
  public List<GraphEdge> touching(Collection<String> ids, List<String> types) {
    String[] nodes = ids.toArray(String[]::new);
    return db.sql("select * from graph_edge where (source = any(?) or target = any(?))"
            + " and (cardinality(?::text[]) = 0 or type = any(?::text[])) order by source, type, target")
        .params(nodes, nodes, types.toArray(String[]::new), types.toArray(String[]::new))
        .query((rs, i) -> edge(rs)).list();
  }

  /** What a diagnosis of {@code equipment} reads: its parts, their failure modes, their symptoms, causes, remedies. */
  public Diagnoser.Knowledge knowledge(String equipment, List<String> observed) {
    List<String> scope = db.sql("with recursive s(id) as (select ?::text union select e.source from graph_edge e"
            + " join s on e.target = s.id where e.type = 'part-of') select id from s")
        .param(equipment).query(String.class).list();
    List<GraphEdge> edges = new ArrayList<>(touching(scope, List.of("part-of", "has-failure-mode")));
    List<String> modes = edges.stream().filter(e -> e.getType() == GraphEdge.TypeEnum.HAS_FAILURE_MODE)
        .map(GraphEdge::getTo).distinct().toList();
    List<GraphEdge> fromModes = outgoing(modes, List.of("indicated-by", "caused-by", "fixed-by"));
    edges.addAll(fromModes);
    edges.addAll(outgoing(fromModes.stream().filter(e -> e.getType() == GraphEdge.TypeEnum.CAUSED_BY)
        .map(GraphEdge::getTo).distinct().toList(), List.of("fixed-by")));
    Set<String> ids = new HashSet<>(scope);
    edges.forEach(e -> {
      ids.add(e.getFrom());
      ids.add(e.getTo());
    });
    Map<String, GraphNode> nodes = nodes(ids);
    String[] codes = observed.toArray(String[]::new);
    db.sql("select * from graph_node where type = 'symptom' and (id = any(?) or properties->>'alarmCode' = any(?)"
            + " or properties->>'signal' = any(?))")
        .params(codes, codes, codes).query((rs, i) -> node(rs)).list().forEach(n -> nodes.put(n.getId(), n));
    return new Diagnoser.Knowledge(nodes, edges.stream().distinct().toList());
  }

  private List<GraphEdge> outgoing(List<String> sources, List<String> types) {
    return db.sql("select * from graph_edge where source = any(?) and type = any(?) order by source, type, target")
        .params(sources.toArray(String[]::new), types.toArray(String[]::new)).query((rs, i) -> edge(rs)).list();
  }

  public Subgraph all() {
    return new Subgraph(db.sql("select * from graph_node order by id").query((rs, i) -> node(rs)).list(),
        db.sql("select * from graph_edge order by source, type, target").query((rs, i) -> edge(rs)).list());
  }

  private GraphNode node(ResultSet rs) throws SQLException {
    return new GraphNode(rs.getString("id"), GraphNode.TypeEnum.fromValue(rs.getString("type")), rs.getString("name"))
        .properties(json.read(rs.getString("properties"), new TypeReference<Map<String, Object>>() { }));
  }

  private GraphEdge edge(ResultSet rs) throws SQLException {
    return new GraphEdge(rs.getString("source"), GraphEdge.TypeEnum.fromValue(rs.getString("type")),
        rs.getString("target"))
        .weight(rs.getDouble("weight"))
        .properties(json.read(rs.getString("properties"), new TypeReference<Map<String, Object>>() { }));
  }
}
