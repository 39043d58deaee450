package org.enterprisebrain.catalog.datasets;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.ResponseBody;
import co.elastic.clients.json.JsonData;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Records in Elasticsearch, one index per entity. Document ids are {@code <plant>:<source system>:<record id>},
 * the standard's idempotency scope, so a redelivered or resent record overwrites itself instead of doubling, and
 * no source system's record overwrites another's (each integrator sends as its own source systems only).
 */
@Component
public class RecordStore {

  /** A record as indexed: envelope fields searchable, the payload kept as sent (not indexed). */
  public record Document(String entity, String plant, String sourceSystem, String id, Map<String, Object> source) {
    String documentId() {
      return RecordStore.documentId(plant, sourceSystem, id);
    }
  }

  static String documentId(Object plant, Object sourceSystem, Object id) {
    return plant + ":" + sourceSystem + ":" + id;
  }

  /**
   * An index's mapping {@code _meta} entry naming how its documents are keyed: set when this catalog creates an
   * index or has moved an older one's records, so a start does not read every record again to find none to move.
   */
  static final String RECORD_KEY_META = "recordKey";
  static final String RECORD_KEY = "plant:sourceSystem:id";

  private static final Logger LOG = LoggerFactory.getLogger(RecordStore.class);
  private final ElasticsearchClient es;
  private final String prefix;
  private final Set<String> ready = ConcurrentHashMap.newKeySet();
  private final Counter refused;

  public RecordStore(ElasticsearchClient es, @Value("${brain.catalog.index-prefix}") String prefix,
      MeterRegistry meters) {
    this.es = es;
    this.prefix = prefix;
    this.refused = meters.counter("brain.catalog.records.refused");
  }

  public String index(String entity) {
    return prefix + entity;
  }

  /**
   * Indexes a batch; fails as a whole if any document failed, so the consumer retries the batch.
   *
   * @return per document, whether its id was already indexed (a resent or replayed record)
   */
  public boolean[] write(List<Document> documents) {
    if (documents.isEmpty()) {
      return new boolean[0];
    }
    try {
      documents.stream().map(Document::entity).distinct().forEach(this::ensureIndex);
      BulkRequest.Builder bulk = new BulkRequest.Builder();
      for (Document d : documents) {
        bulk.operations(op -> op.index(ix -> ix.index(index(d.entity())).id(d.documentId()).document(d.source())));
      }
      BulkResponse response = es.bulk(bulk.build());
      boolean[] existed = new boolean[documents.size()];
      List<String> transientErrors = new ArrayList<>();
      for (int i = 0; i < existed.length; i++) {
        BulkResponseItem item = response.items().get(i);
        if (item.error() == null) {
          existed[i] = "updated".equals(item.result());
        } else if (item.status() == 429 || item.status() >= 500) {
          transientErrors.add(item.id() + ": " + item.error().reason());
        } else {
          // this document can never be indexed (e.g. a value its mapping refuses): retrying would block
          // every record behind it, so it is counted and logged, and the batch goes on
          refused.increment();
          LOG.warn("Elasticsearch refused record {} of {}: {}", item.id(), documents.get(i).entity(),
              item.error().reason());
        }
      }
      if (!transientErrors.isEmpty()) {
        throw new IllegalStateException("Elasticsearch could not take documents now: "
            + transientErrors.subList(0, Math.min(3, transientErrors.size())));
      }
      return existed;
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch unreachable", e);
    }
  }

  /**
   * Rewrites the payload of every stored record of an entity where {@code transform} changes it. Each write
   * is conditional on the version read: a record the consumer re-indexed meanwhile (with current labels
   * already applied) is left as it is.
   *
   * @return records rewritten
   */
  public int rewritePayloads(String entity, UnaryOperator<Map<String, Object>> transform) {
    String name = index(entity);
    return eachPage(name, true, hits -> rewrite(name, hits, transform));
  }

  /** What is done with one page of an index's documents; answers how many it changed. */
  @FunctionalInterface
  private interface PageAction {
    @SuppressWarnings("rawtypes")
    int apply(List<Hit<Map>> hits) throws IOException;
  }

  /** Every document of an index (none if it does not exist), a scrolled page of 500 at a time. */
  @SuppressWarnings("rawtypes")
  private int eachPage(String name, boolean versions, PageAction action) {
    try {
      if (!es.indices().exists(e -> e.index(name)).value()) {
        return 0;
      }
      int done = 0;
      ResponseBody<Map> page = es.search(s -> s.index(name).scroll(t -> t.time("2m")).size(500)
          .seqNoPrimaryTerm(versions).query(q -> q.matchAll(m -> m)), Map.class);
      String scroll = page.scrollId();
      try {
        while (!page.hits().hits().isEmpty()) {
          done += action.apply(page.hits().hits());
          String id = scroll;
          page = es.scroll(r -> r.scrollId(id).scroll(t -> t.time("2m")), Map.class);
          scroll = page.scrollId();
        }
      } finally {
        String id = scroll;
        es.clearScroll(c -> c.scrollId(id));
      }
      return done;
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch unreachable", e);
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private int rewrite(String name, List<Hit<Map>> hits, UnaryOperator<Map<String, Object>> transform)
      throws IOException {
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    int operations = 0;
    for (Hit<Map> hit : hits) {
      Map<String, Object> source = hit.source();
      Map<String, Object> payload = source.get("payload") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
      Map<String, Object> next = transform.apply(payload);
      if (!next.equals(payload)) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(source);
        copy.put("payload", next);
        bulk.operations(op -> op.index(ix -> ix.index(name).id(hit.id()).ifSeqNo(hit.seqNo())
            .ifPrimaryTerm(hit.primaryTerm()).document(copy)));
        operations++;
      }
    }
    if (operations == 0) {
      return 0;
    }
    int done = 0;
    for (BulkResponseItem item : es.bulk(bulk.build()).items()) {
      if (item.error() == null) {
        done++;
      } else if (item.status() != 409) {
        throw new IllegalStateException("Elasticsearch refused a rewrite of " + item.id() + ": " + item.error().reason());
      }
    }
    return done;
  }

  /**
   * Moves every record an older catalog stored as {@code <plant>:<id>} to its id with the source system, each
   * written under the new id unless a newer delivery is there already, then removed under the old one.
   *
   * @return records moved
   */
  public int rekeyLegacy(String entity) {
    String name = index(entity);
    try {
      if (!es.indices().exists(e -> e.index(name)).value() || keyedWithSourceSystem(name)) {
        return 0;
      }
      int moved = eachPage(name, false, hits -> rekey(name, hits));
      es.indices().putMapping(m -> m.index(name).meta(RECORD_KEY_META, JsonData.of(RECORD_KEY)));
      return moved;
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch unreachable", e);
    }
  }

  private boolean keyedWithSourceSystem(String name) throws IOException {
    TypeMapping mapping = es.indices().getMapping(g -> g.index(name)).result().get(name).mappings();
    JsonData key = mapping.meta().get(RECORD_KEY_META);
    return key != null && RECORD_KEY.equals(key.to(String.class));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private int rekey(String name, List<Hit<Map>> hits) throws IOException {
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    int operations = 0;
    for (Hit<Map> hit : hits) {
      Map<String, Object> doc = hit.source();
      if (!hit.id().equals(doc.get("plant") + ":" + doc.get("id"))) {
        continue; // keyed with its source system already
      }
      String to = documentId(doc.get("plant"), doc.get("sourceSystem"), doc.get("id"));
      bulk.operations(op -> op.create(c -> c.index(name).id(to).document(doc)));
      bulk.operations(op -> op.delete(d -> d.index(name).id(hit.id())));
      operations++;
    }
    if (operations == 0) {
      return 0;
    }
    for (BulkResponseItem item : es.bulk(bulk.refresh(Refresh.True).build()).items()) {
      // 409: a newer delivery is under the new id already; the old one goes all the same
      if (item.error() != null && item.status() != 409) {
        throw new IllegalStateException("Elasticsearch refused moving " + item.id() + ": " + item.error().reason());
      }
    }
    return operations;
  }

  /** Newest records first; an entity never seen has no index yet and simply no records. */
  public List<Map<String, Object>> newest(String entity, String plant, String source, int limit) {
    List<Query> filters = new ArrayList<>();
    filters.add(Query.of(q -> q.term(t -> t.field("plant").value(plant))));
    if (source != null) {
      filters.add(Query.of(q -> q.term(t -> t.field("sourceSystem").value(source))));
    }
    try {
      @SuppressWarnings({"unchecked", "rawtypes"})
      List<Hit<Map>> hits = es.search(s -> s.index(index(entity)).ignoreUnavailable(true).allowNoIndices(true)
          .size(limit).query(q -> q.bool(b -> b.filter(filters)))
          .sort(o -> o.field(f -> f.field("occurredAt").order(SortOrder.Desc))), Map.class).hits().hits();
      List<Map<String, Object>> records = new ArrayList<>();
      for (@SuppressWarnings("rawtypes") Hit<Map> hit : hits) {
        @SuppressWarnings("unchecked")
        Map<String, Object> record = hit.source();
        records.add(record);
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch unreachable", e);
    }
  }

  private void ensureIndex(String entity) {
    String name = index(entity);
    if (ready.contains(name)) {
      return;
    }
    try {
      Indices.ensure(es, name, m -> m
          .meta(RECORD_KEY_META, JsonData.of(RECORD_KEY))
          .properties("id", p -> p.keyword(k -> k))
          .properties("entity", p -> p.keyword(k -> k))
          .properties("plant", p -> p.keyword(k -> k))
          .properties("sourceSystem", p -> p.keyword(k -> k))
          .properties("sourceKind", p -> p.keyword(k -> k))
          .properties("schemaVersion", p -> p.integer(i -> i))
          .properties("occurredAt", p -> p.date(d -> d))
          .properties("receivedAt", p -> p.date(d -> d))
          // payloads differ per source and carry graded data: kept, not indexed field by field
          .properties("payload", p -> p.object(o -> o.enabled(false))));
      ready.add(name);
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch unreachable", e);
    }
  }
}
