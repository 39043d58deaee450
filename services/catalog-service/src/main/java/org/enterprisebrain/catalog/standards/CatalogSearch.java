package org.enterprisebrain.catalog.standards;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.catalog.datasets.Indices;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.EntityStandard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Discovery: every entity and field of the standard (titles and descriptions in Chinese and English,
 * with their grades) and every dataset, in one Elasticsearch index. The standard analyzer indexes Han
 * characters one by one, which finds 身份证 in 居民身份证号码 without a Chinese analysis plugin.
 */
@Component
public class CatalogSearch {

  /** What a search found. */
  public record Hit(String kind, String id, String entity, String pointer, String title, String description,
      Grade grade, Boolean personal, String plant, String sourceSystem, double score) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(CatalogSearch.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ElasticsearchClient es;
  private final DataStandard standard;
  private final EffectiveFields fields;
  private final String index;
  private volatile boolean standardIndexed;

  public CatalogSearch(ElasticsearchClient es, DataStandard standard, EffectiveFields fields,
      @Value("${brain.catalog.index-prefix}") String prefix) {
    this.es = es;
    this.standard = standard;
    this.fields = fields;
    this.index = prefix + "catalog";
  }

  /** The standard is (re)indexed at every start: ids are stable, so this overwrites, never duplicates. */
  @EventListener(ApplicationReadyEvent.class)
  public void indexStandard() {
    try {
      ensureIndex();
      BulkRequest.Builder bulk = new BulkRequest.Builder();
      for (EntityStandard entity : standard.entities()) {
        JsonNode schema = JSON.readTree(entity.versions().get(entity.newestVersion()));
        List<EffectiveField> effective = fields.of(entity);
        Map<String, Object> doc = doc("entity", entity.entity(), null, entity.title() + " " + entity.titleZh(),
            schema.path("description").asString(""), EffectiveFields.highest(effective),
            effective.stream().anyMatch(EffectiveField::personal));
        bulk.operations(op -> op.index(i -> i.index(index).id("entity:" + entity.entity()).document(doc)));
        for (EffectiveField field : effective) {
          Map<String, Object> f = doc("field", entity.entity(), field.pointer(),
              field.pointer().substring(field.pointer().lastIndexOf('/') + 1),
              description(schema, field.pointer()), field.grade(), field.personal());
          bulk.operations(op -> op.index(i -> i.index(index).id("field:" + entity.entity() + field.pointer())
              .document(f)));
        }
      }
      bulk.refresh(co.elastic.clients.elasticsearch._types.Refresh.WaitFor);
      if (es.bulk(bulk.build()).errors()) {
        throw new IllegalStateException("Elasticsearch refused catalog documents");
      }
      standardIndexed = true;
    } catch (IOException | ElasticsearchException e) {
      // the service starts without search; the first search tries again (and fails with 503 if it must)
      LOG.warn("catalog search index not built yet (Elasticsearch unavailable?): {}", e.toString());
    }
  }

  /** A new dataset becomes findable (called once per dataset and service run). */
  public void indexDataset(String sourceSystem, String entity, String plant, String topic) {
    try {
      ensureIndex();
      Map<String, Object> doc = doc("dataset", entity, null, sourceSystem + " " + entity + " " + plant,
          topic + " " + standard.entity(entity).map(e -> e.title() + " " + e.titleZh()).orElse(""), null, null);
      doc.put("plant", plant);
      doc.put("sourceSystem", sourceSystem);
      // wait for the refresh: a dataset is findable as soon as its first records are
      es.index(i -> i.index(index).id("dataset:" + sourceSystem + "/" + entity + "/" + plant).document(doc)
          .refresh(co.elastic.clients.elasticsearch._types.Refresh.WaitFor));
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch unreachable", e);
    }
  }

  public List<Hit> search(String q, String kind, int limit) {
    if (!standardIndexed) {
      indexStandard();
    }
    List<Query> filters = new ArrayList<>();
    if (kind != null) {
      filters.add(Query.of(f -> f.term(t -> t.field("kind").value(kind))));
    }
    try {
      @SuppressWarnings({"rawtypes", "unchecked"})
      List<co.elastic.clients.elasticsearch.core.search.Hit<Map>> hits = es.search(s -> s.index(index)
          .ignoreUnavailable(true).allowNoIndices(true).size(limit)
          .query(query -> query.bool(b -> b.filter(filters).must(m -> m.multiMatch(mm -> mm.query(q)
              .fields("title^3", "pointer^2", "description").type(TextQueryType.BestFields)
              .operator(co.elastic.clients.elasticsearch._types.query_dsl.Operator.And))))), Map.class)
          .hits().hits();
      List<Hit> found = new ArrayList<>();
      for (@SuppressWarnings("rawtypes") co.elastic.clients.elasticsearch.core.search.Hit<Map> hit : hits) {
        Map<?, ?> d = hit.source();
        found.add(new Hit((String) d.get("kind"), hit.id(), (String) d.get("entity"), (String) d.get("pointer"),
            (String) d.get("title"), (String) d.get("description"),
            d.get("grade") == null ? null : Grade.valueOf((String) d.get("grade")), (Boolean) d.get("personal"),
            (String) d.get("plant"), (String) d.get("sourceSystem"), hit.score() == null ? 0 : hit.score()));
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch unreachable", e);
    }
  }

  private static Map<String, Object> doc(String kind, String entity, String pointer, String title, String description,
      Grade grade, Boolean personal) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", kind);
    doc.put("entity", entity);
    doc.put("pointer", pointer);
    doc.put("title", title);
    doc.put("description", description);
    doc.put("grade", grade == null ? null : grade.name());
    doc.put("personal", personal);
    return doc;
  }

  /** The description the schema gives the field at {@code pointer} ("-" = array items). */
  private static String description(JsonNode schema, String pointer) {
    JsonNode node = schema;
    for (String segment : pointer.substring(1).split("/")) {
      node = "-".equals(segment) ? node.path("items") : node.path("properties").path(segment);
    }
    return node.path("description").asString("");
  }

  private void ensureIndex() throws IOException {
    Indices.ensure(es, index, m -> m
        .properties("kind", p -> p.keyword(k -> k))
        .properties("entity", p -> p.keyword(k -> k))
        .properties("pointer", p -> p.text(t -> t))
        .properties("title", p -> p.text(t -> t))
        .properties("description", p -> p.text(t -> t))
        .properties("grade", p -> p.keyword(k -> k))
        .properties("personal", p -> p.boolean_(b -> b))
        .properties("plant", p -> p.keyword(k -> k))
        .properties("sourceSystem", p -> p.keyword(k -> k)));
  }
}
