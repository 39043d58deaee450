package org.enterprisebrain.catalog.datasets;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.util.ObjectBuilder;
import java.io.IOException;
import java.util.function.Function;

/** Creates the catalog's indices with explicit mappings (one shard, no replica: a single local node). */
public final class Indices {

  private Indices() {
  }

  /** Creates the index unless it exists; another instance creating it at the same moment is fine. */
  public static void ensure(ElasticsearchClient es, String name,
      Function<TypeMapping.Builder, ObjectBuilder<TypeMapping>> mappings) throws IOException {
    if (es.indices().exists(e -> e.index(name)).value()) {
      return;
    }
    try {
      es.indices().create(c -> c.index(name)
          .settings(s -> s.numberOfShards("1").numberOfReplicas("0").refreshInterval(t -> t.time("1s")))
          .mappings(mappings));
    } catch (ElasticsearchException e) {
      if (!"resource_already_exists_exception".equals(e.error().type())) {
        throw e;
      }
    }
  }
}
