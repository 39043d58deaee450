package org.enterprisebrain.registry.graph;

import java.util.List;
import org.enterprisebrain.registry.api.GraphApi;
import org.enterprisebrain.registry.api.model.DiagnoseRequest;
import org.enterprisebrain.registry.api.model.Diagnosis;
import org.enterprisebrain.registry.api.model.GraphEdge;
import org.enterprisebrain.registry.api.model.GraphNode;
import org.enterprisebrain.registry.api.model.GraphWrite;
import org.enterprisebrain.registry.api.model.Subgraph;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
public class GraphController implements GraphApi {

  private static final int MAX_PATHS = 10;

  private final GraphStore graph;
  private final JsonMapper json;

  public GraphController(GraphStore graph, JsonMapper json) {
    this.graph = graph;
    this.json = json;
  }

  @Override
  public ResponseEntity<GraphWrite> upsertNodes(List<GraphNode> nodes) {
    graph.write(nodes, List.of(), scope());
    return ResponseEntity.ok(new GraphWrite(nodes.size(), 0));
  }

  @Override
  public ResponseEntity<GraphWrite> upsertEdges(List<GraphEdge> edges) {
    graph.write(List.of(), edges, scope());
    return ResponseEntity.ok(new GraphWrite(0, edges.size()));
  }

  @Override
  public ResponseEntity<GraphNode> getNode(String id) {
    return ResponseEntity.ok(require(id));
  }

  @Override
  public ResponseEntity<Subgraph> neighbours(String id, Integer depth, List<String> edgeType) {
    require(id);
    if (depth < 1 || depth > 6) {
      throw ProblemException.badRequest("depth", "depth is 1 to 6");
    }
    List<String> types = edgeType == null ? List.of() : edgeType;
    types.forEach(t -> {
      try {
        GraphEdge.TypeEnum.fromValue(t);
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest("edgeType", "'" + t + "' is not an edge type");
      }
    });
    Traversal.Reach reach = Traversal.within(graph.edges(scope()), id, depth, types);
    return ResponseEntity.ok(new Subgraph(List.copyOf(graph.nodes(reach.nodes(), scope()).values()), reach.edges()));
  }

  @Override
  public ResponseEntity<List<List<GraphEdge>>> paths(String from, String to, Integer maxDepth) {
    require(from);
    require(to);
    if (maxDepth < 1 || maxDepth > 8) {
      throw ProblemException.badRequest("maxDepth", "maxDepth is 1 to 8");
    }
    return ResponseEntity.ok(Traversal.shortestPaths(graph.edges(scope()), from, to, maxDepth, MAX_PATHS));
  }

  @Override
  public ResponseEntity<Diagnosis> diagnose(DiagnoseRequest r) {
    if (r.getEquipment() == null || r.getEquipment().isBlank()) {
      throw ProblemException.badRequest("equipment", "the machine to diagnose");
    }
    if (r.getSymptoms() == null || r.getSymptoms().isEmpty()) {
      throw ProblemException.badRequest("symptoms", "at least one symptom or alarm code");
    }
    for (int i = 0; i < r.getSymptoms().size(); i++) {
      if (r.getSymptoms().get(i) == null || r.getSymptoms().get(i).isBlank()) {
        throw ProblemException.badRequest("symptoms[" + i + "]", "a symptom id, alarm code or signal name");
      }
    }
    int limit = r.getLimit() == null ? 5 : r.getLimit();
    if (limit < 1 || limit > 50) {
      throw ProblemException.badRequest("limit", "limit is 1 to 50");
    }
    PlantScope scope = scope();
    String equipment = graph.equipment(r.getEquipment(), scope);
    Diagnoser.Result result = Diagnoser.diagnose(graph.knowledge(equipment, r.getSymptoms(), scope), equipment,
        r.getSymptoms(), limit);
    return ResponseEntity.ok(new Diagnosis(equipment, result.unmatched(), result.failureModes()));
  }

  @Override
  public ResponseEntity<GraphWrite> importGraph(Subgraph g) {
    List<GraphNode> nodes = g.getNodes() == null ? List.of() : g.getNodes();
    List<GraphEdge> edges = g.getEdges() == null ? List.of() : g.getEdges();
    graph.write(nodes, edges, scope());
    return ResponseEntity.ok(new GraphWrite(nodes.size(), edges.size()));
  }

  @Override
  public ResponseEntity<GraphWrite> importGraphCsv(String body) {
    return importGraph(GraphCsv.read(body, json));
  }

  @Override
  public ResponseEntity<Subgraph> exportGraph() {
    return ResponseEntity.ok(graph.all(scope()));
  }

  @Override
  public ResponseEntity<String> exportGraphCsv() {
    return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .body(GraphCsv.write(graph.all(scope()), json));
  }

  /** A node of another plant is answered as absent: its existence is that plant's business. */
  private GraphNode require(String id) {
    return graph.node(id, scope()).orElseThrow(() -> ProblemException.notFound("id", "no node '" + id + "'"));
  }

  private static PlantScope scope() {
    return PlantScope.of(Callers.current());
  }
}
