package org.enterprisebrain.analytics.service.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mappings of an index the service keeps itself (settings versions, alert actions, dead letters, backfills),
 * as {@code api-specs/elasticsearch/analytics-service-indices.json} gives them.
 */
public final class IndexMappings {

  static final String SPEC = "/elasticsearch/analytics-service-indices.json";
  private static final JsonNode INDICES = read();

  private IndexMappings() {
  }

  /** A copy of the index's mappings; an index the spec does not name is a programming error. */
  public static ObjectNode of(String index) {
    JsonNode mappings = INDICES.path(index);
    if (!(mappings instanceof ObjectNode o)) {
      throw new IllegalArgumentException(SPEC + " has no mappings for the index " + index);
    }
    return o.deepCopy();
  }

  private static JsonNode read() {
    try (InputStream in = IndexMappings.class.getResourceAsStream(SPEC)) {
      if (in == null) {
        throw new IllegalStateException(SPEC + " is not on the class path (api-specs)");
      }
      return ResultStore.JSON.readTree(in).path("indices");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
