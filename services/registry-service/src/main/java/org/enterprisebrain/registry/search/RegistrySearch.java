package org.enterprisebrain.registry.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.enterprisebrain.registry.api.model.Component;
import org.enterprisebrain.registry.api.model.GraphNode;
import org.enterprisebrain.registry.api.model.Model;
import org.enterprisebrain.registry.api.model.SearchHit;
import org.enterprisebrain.registry.components.ComponentCreated;
import org.enterprisebrain.registry.components.ComponentStore;
import org.enterprisebrain.registry.graph.GraphStore;
import org.enterprisebrain.registry.graph.NodesChanged;
import org.enterprisebrain.registry.graph.PlantScope;
import org.enterprisebrain.registry.models.ModelEvents;
import org.enterprisebrain.registry.models.ModelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Full-text search over models, components and graph nodes, in one Elasticsearch index derived from
 * PostgreSQL. Documents are written after each commit (and visible when the request returns); if
 * Elasticsearch is unreachable then, the whole index is rebuilt from PostgreSQL until it succeeds, as it is
 * at every start. The standard analyzer splits Chinese into single characters, so 主轴 finds 主轴过热 with
 * no plugin.
 */
@Service
public class RegistrySearch {

  private static final Logger LOG = LoggerFactory.getLogger(RegistrySearch.class);

  /**
   * A searchable thing: what kind, its id in the API, a display name, its type, all its text, and the plant it
   * belongs to (null: every plant's).
   */
  public record Doc(String kind, String id, String name, String type, String text, String plant) {
  }

  private final RestClient es;
  private final JsonMapper json;
  private final String index;
  private final ModelStore models;
  private final ComponentStore components;
  private final GraphStore graph;
  private final AtomicBoolean stale = new AtomicBoolean(true);
  private final AtomicBoolean indexChecked = new AtomicBoolean();
  private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "registry-reindex");
    t.setDaemon(true);
    return t;
  });

  public RegistrySearch(RestClient es, JsonMapper json, @Value("${brain.registry.index}") String index,
      ModelStore models, ComponentStore components, GraphStore graph) {
    this.es = es;
    this.json = json;
    this.index = index;
    this.models = models;
    this.components = components;
    this.graph = graph;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    retry.scheduleWithFixedDelay(this::reindexIfStale, 0, 10, TimeUnit.SECONDS);
  }

  // the stores' events, indexed once their transaction commits
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onModel(ModelEvents.ModelCreated created) {
    indexNow(List.of(of(created.model())));
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onComponent(ComponentCreated created) {
    indexNow(List.of(of(created.component())));
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onNodes(NodesChanged changed) {
    indexNow(changed.nodes().stream().map(RegistrySearch::of).toList());
  }

  private void indexNow(List<Doc> docs) {
    if (docs.isEmpty()) {
      return;
    }
    try {
      bulk(docs);
    } catch (IOException | RuntimeException e) {
      stale.set(true); // PostgreSQL has it: the next rebuild brings the index up to date
      LOG.warn("search index not updated ({} documents), rebuilding from PostgreSQL: {}", docs.size(),
          e.getMessage());
    }
  }

  void reindexIfStale() {
    if (!stale.get()) {
      return;
    }
    try {
      ensureIndex();
      List<Doc> docs = new ArrayList<>();
      models.list(null).forEach(m -> docs.add(of(m)));
      components.latest(null).forEach(c -> docs.add(of(c)));
      graph.all(PlantScope.SYSTEM).getNodes().forEach(n -> docs.add(of(n)));
      for (int from = 0; from < docs.size(); from += 1000) {
        bulk(docs.subList(from, Math.min(docs.size(), from + 1000)));
      }
      stale.set(false);
      LOG.info("search index {} rebuilt: {} documents", index, docs.size());
    } catch (IOException | RuntimeException e) {
      LOG.warn("search index {} not rebuilt yet, retrying in 10 s: {}", index, e.getMessage());
    }
  }

  /** Hits {@code scope} sees: a graph node of a plant outside it is not found. */
  public List<SearchHit> search(String q, String kind, int size, PlantScope scope) {
    ObjectNode body = json.createObjectNode().put("size", size);
    ObjectNode bool = body.putObject("query").putObject("bool");
    bool.putArray("must").addObject().putObject("multi_match").put("query", q).put("operator", "and")
        .putArray("fields").add("name^3").add("id^2").add("text");
    var filter = bool.putArray("filter");
    if (kind != null) {
      filter.addObject().putObject("term").put("kind", kind);
    }
    if (!scope.everyPlant()) {
      var plants = filter.addObject().putObject("bool");
      plants.put("minimum_should_match", 1);
      var either = plants.putArray("should");
      either.addObject().putObject("bool").putArray("must_not").addObject().putObject("exists").put("field", "plant");
      var own = either.addObject().putObject("terms").putArray("plant");
      scope.plants().forEach(own::add);
    }
    Request request = new Request("POST", "/" + index + "/_search");
    request.setJsonEntity(json.writeValueAsString(body));
    try {
      JsonNode hits = json.readTree(EntityUtils.toString(es.performRequest(request).getEntity())).path("hits").path("hits");
      List<SearchHit> found = new ArrayList<>();
      for (JsonNode h : hits) {
        JsonNode s = h.path("_source");
        found.add(new SearchHit(SearchHit.KindEnum.fromValue(s.path("kind").asString()), s.path("id").asString(), s.path("name").asString(),
            h.path("_score").asDouble()).type(s.path("type").asString()));
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch", e);
    }
  }

  /**
   * Creates the index with its mapping once per start, or makes it again when the one found has another mapping
   * (dynamic text fields, where the plant and kind filters find nothing: Elasticsearch made it from a document
   * written before the mapping; or a version's without plants). The index is derived from PostgreSQL, so nothing
   * is lost. Returns whether it was (re)made, i.e. is empty.
   */
  private boolean ensureIndex() throws IOException {
    // every write passes here: once checked, no lock
    return !indexChecked.get() && checkIndex();
  }

  private synchronized boolean checkIndex() throws IOException {
    if (indexChecked.get()) {
      return false;
    }
    boolean made = create();
    if (!made && !mapped()) {
      LOG.warn("search index {} has another mapping than the registry's: made again and rebuilt from PostgreSQL",
          index);
      es.performRequest(new Request("DELETE", "/" + index));
      made = create();
    }
    indexChecked.set(true);
    return made;
  }

  private boolean create() throws IOException {
    Request create = new Request("PUT", "/" + index);
    create.setJsonEntity("""
        {"mappings": {"dynamic": false, "properties": {
          "kind": {"type": "keyword"}, "id": {"type": "keyword"}, "type": {"type": "keyword"}, "plant": {"type": "keyword"},
          "name": {"type": "text", "fields": {"raw": {"type": "keyword"}}}, "text": {"type": "text"}}}}""");
    try {
      es.performRequest(create);
      return true;
    } catch (ResponseException e) {
      if (!EntityUtils.toString(e.getResponse().getEntity()).contains("resource_already_exists_exception")) {
        throw e;
      }
      return false;
    }
  }

  /** Whether the index's filtered fields are keywords, as {@link #create} maps them. */
  private boolean mapped() throws IOException {
    JsonNode mapping = json.readTree(EntityUtils.toString(es.performRequest(
        new Request("GET", "/" + index + "/_mapping")).getEntity()));
    JsonNode properties = mapping.path(index).path("mappings").path("properties");
    return List.of("kind", "id", "plant").stream()
        .allMatch(f -> "keyword".equals(properties.path(f).path("type").asString()));
  }

  private void bulk(List<Doc> docs) throws IOException {
    if (ensureIndex()) {
      stale.set(true); // an empty index: the rebuild fills it
    }
    StringBuilder body = new StringBuilder();
    for (Doc d : docs) {
      body.append(json.writeValueAsString(Map.of("index", Map.of("_index", index, "_id", d.kind() + "|" + d.id()))))
          .append('\n').append(json.writeValueAsString(d)).append('\n');
    }
    Request request = new Request("POST", "/_bulk");
    request.addParameter("refresh", "wait_for"); // searchable when the write's request returns
    request.setEntity(new org.apache.http.entity.StringEntity(body.toString(),
        org.apache.http.entity.ContentType.create("application/x-ndjson", StandardCharsets.UTF_8)));
    JsonNode result = json.readTree(EntityUtils.toString(es.performRequest(request).getEntity()));
    if (result.path("errors").asBoolean()) {
      throw new IOException("bulk indexing refused: " + result.path("items").get(0));
    }
  }

  public static Doc of(Model m) {
    return new Doc("model", m.getName(), m.getTitle() == null ? m.getName() : m.getTitle(), "model",
        String.join(" ", nonNull(m.getName(), m.getTitle(), m.getDescription(), String.join(" ", m.getTags()))), null);
  }

  public static Doc of(Component c) {
    return new Doc("component", c.getName(), c.getName(), c.getKind(),
        String.join(" ", nonNull(c.getName(), c.getKind(), c.getDescription())), null);
  }

  public static Doc of(GraphNode n) {
    List<String> text = new ArrayList<>(nonNull(n.getId(), n.getName()));
    if (n.getProperties() != null) {
      n.getProperties().values().forEach(v -> text.add(String.valueOf(v)));
    }
    return new Doc("node", n.getId(), n.getName(), n.getType().getValue(), String.join(" ", text), n.getPlant());
  }

  private static List<String> nonNull(String... values) {
    List<String> list = new ArrayList<>();
    for (String v : values) {
      if (v != null) {
        list.add(v);
      }
    }
    return list;
  }
}
