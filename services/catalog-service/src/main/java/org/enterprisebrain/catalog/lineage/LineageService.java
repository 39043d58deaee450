package org.enterprisebrain.catalog.lineage;

import org.enterprisebrain.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.catalog.standards.EffectiveFields;
import org.enterprisebrain.standard.DataStandard;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lineage of the platform's data. The ingestion path registers itself (source system → topic → the
 * catalog's indexer → the entity's index); analytics jobs and models register their edges through the API.
 * A topic's own grade is its entity's highest field grade, read live from the catalog's labels.
 */
@Service
public class LineageService {

  /** A node as shown: its label, what it is protected by, and where that comes from. */
  public record NodeView(LineageGraph.Node node, Grade effective, List<LineageGraph.Propagated> propagated,
      LineageRepository.Proposal proposal) {
  }

  public record View(List<NodeView> nodes, List<LineageRepository.StoredEdge> edges) {
  }

  static final Pattern NODE_ID = Pattern.compile("^(source|device|topic|job|index|model|report|dataset):(\\S{1,200})$");
  private static final Pattern TOPIC = Pattern.compile("^brain\\.[a-z0-9-]+\\.([a-z0-9-]+)\\.v[0-9]+$");
  static final String INDEXER = "job:catalog-indexer";

  private final LineageRepository repository;
  private final DataStandard standard;
  private final EffectiveFields fields;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  public LineageService(LineageRepository repository, DataStandard standard, EffectiveFields fields) {
    this.repository = repository;
    this.standard = standard;
    this.fields = fields;
  }

  /**
   * The ingestion path of one dataset, registered once per service run; true the first time. Records a connector
   * made ({@code ingestedBy} connector:&lt;connection&gt;) pass through their device connection: source system →
   * device → topic, the protocol conversion of 5.4.2.1 a in the graph.
   */
  @Transactional
  public boolean registerIngestionPath(String sourceSystem, String topic, String index, String ingestedBy) {
    String connection = ingestedBy != null && ingestedBy.startsWith("connector:")
        ? ingestedBy.substring("connector:".length()) : null;
    if (!registered.add(sourceSystem + "\u0000" + topic + "\u0000" + connection)) {
      return false;
    }
    String by = "catalog-service";
    String source = "source:" + sourceSystem;
    String topicNode = "topic:" + topic;
    String indexNode = "index:" + index;
    repository.ensureNode(source, "source", sourceSystem, by);
    repository.ensureNode(topicNode, "topic", topic, by);
    repository.ensureNode(INDEXER, "job", "catalog-indexer", by);
    repository.ensureNode(indexNode, "index", index, by);
    if (connection == null) {
      repository.ensureEdge(source, topicNode, "ingestion-service: standard API, validated", by);
    } else {
      String device = "device:" + connection;
      repository.ensureNode(device, "device", connection, by);
      repository.ensureEdge(source, device, "read by connector-service over the device's protocol", by);
      repository.ensureEdge(device, topicNode, "connector-service: protocol converted to the data standard, validated",
          by);
    }
    repository.ensureEdge(topicNode, INDEXER, null, by);
    repository.ensureEdge(INDEXER, indexNode, "copy (masked on read)", by);
    return true;
  }

  @Transactional
  public LineageRepository.StoredEdge register(String from, String to, String transform, boolean deidentifying,
      String by) {
    String[] fromParts = parse("from", from);
    String[] toParts = parse("to", to);
    if (from.equals(to)) {
      throw ProblemException.badRequest("to", "an edge needs two different nodes");
    }
    repository.ensureNode(from, fromParts[0], fromParts[1], by);
    repository.ensureNode(to, toParts[0], toParts[1], by);
    return repository.upsertEdge(from, to, transform, deidentifying, by);
  }

  /** Four eyes: a de-identifying transform stops grades only once someone else approved it. */
  @Transactional
  public LineageRepository.StoredEdge approve(long edgeId, String by) {
    LineageRepository.StoredEdge edge = repository.edge(edgeId)
        .orElseThrow(() -> ProblemException.notFound("edgeId", "no lineage edge " + edgeId));
    if (!edge.edge().deidentifying()) {
      throw ProblemException.badRequest("edgeId", "only a de-identifying transform is approved; this edge passes"
          + " grades on as it is");
    }
    if (by.equals(edge.createdBy())) {
      throw ProblemException.conflict("edgeId", "the engineer who registered a transform cannot approve it");
    }
    return repository.approve(edgeId, by).orElseThrow(() -> ProblemException.conflict("edgeId",
        "the engineer who registered a transform cannot approve it"));
  }

  /**
   * Sets a node's own grade. Raising one (or labelling a node that has none) applies at once; lowering or clearing
   * one is a proposal until another data engineer makes the same request.
   */
  @Transactional
  public NodeView label(String id, Grade grade, String authorityReference, String by) {
    String[] parts = parse("id", id);
    if (grade != null && grade.authorityOnly() && (authorityReference == null || authorityReference.isBlank())) {
      throw ProblemException.badRequest("authorityReference", "重要/核心 is the authority's identification: give"
          + " its notice or catalogue reference");
    }
    repository.ensureNode(id, parts[0], parts[1], by);
    String reference = grade == null ? null : authorityReference;
    Grade current = repository.ownGrade(id).orElse(null);
    if (current == null || (grade != null && !current.above(grade))) {
      repository.label(id, grade, reference);
    } else {
      // lowering or clearing lifts protection downstream: four eyes, each a person's
      org.enterprisebrain.web.Callers.person("Lowering or clearing a lineage node's grade");
      LineageRepository.Proposal pending = repository.proposal(id).orElse(null);
      boolean same = pending != null && pending.grade() == grade;
      if (same && pending.by().equals(by)) {
        throw ProblemException.conflict("ownGrade", "you proposed " + (grade == null ? "clearing" : "lowering to "
            + grade) + " the grade of '" + id + "'; another data engineer makes the same request to apply it");
      }
      if (!same) {
        repository.propose(id, grade, reference, by);
      } else if (!repository.applyProposal(id, grade, by)) {
        throw ProblemException.conflict("ownGrade", "the proposal on '" + id + "' changed meanwhile");
      }
    }
    return view(id, 1).nodes().stream().filter(n -> n.node().id().equals(id)).findFirst().orElseThrow();
  }

  public View view(String id, int depth) {
    parse("node", id);
    LineageGraph graph = graph();
    if (!graph.nodes().containsKey(id)) {
      throw ProblemException.notFound("node", "no lineage node '" + id + "'");
    }
    Set<String> around = graph.neighbourhood(id, depth);
    Map<String, List<LineageGraph.Propagated>> propagated = graph.propagate();
    Map<String, LineageRepository.Proposal> proposals = repository.proposals();
    List<NodeView> nodes = new ArrayList<>();
    for (LineageGraph.Node node : graph.nodes().values()) {
      if (around.contains(node.id())) {
        List<LineageGraph.Propagated> reaching = propagated.getOrDefault(node.id(), List.of());
        nodes.add(new NodeView(node, LineageGraph.effective(node, reaching), reaching, proposals.get(node.id())));
      }
    }
    List<LineageRepository.StoredEdge> edges = repository.edges().stream()
        .filter(e -> around.contains(e.edge().from()) && around.contains(e.edge().to())).toList();
    return new View(nodes, edges);
  }

  /** The stored graph, with each topic labelled by its entity's highest grade as the catalog knows it now. */
  private LineageGraph graph() {
    List<LineageGraph.Node> nodes = new ArrayList<>();
    for (LineageGraph.Node node : repository.nodes()) {
      Grade own = node.ownGrade();
      Matcher topic = TOPIC.matcher(node.name());
      if (node.kind().equals("topic") && topic.matches()) {
        Grade entityGrade = standard.entity(topic.group(1))
            .map(fields::of).map(EffectiveFields::highest)
            .orElse(null);
        own = own == null ? entityGrade : entityGrade == null ? own : Grade.max(own, entityGrade);
      }
      nodes.add(new LineageGraph.Node(node.id(), node.kind(), node.name(), own));
    }
    return new LineageGraph(nodes, repository.edges().stream().map(LineageRepository.StoredEdge::edge).toList());
  }

  private static String[] parse(String field, String id) {
    Matcher m = id == null ? null : NODE_ID.matcher(id);
    if (m == null || !m.matches()) {
      throw ProblemException.badRequest(field, "a lineage node is kind:name with kind one of source, device, topic,"
          + " job, index, model, report, dataset; got '" + id + "'");
    }
    return new String[] {m.group(1), m.group(2)};
  }
}
