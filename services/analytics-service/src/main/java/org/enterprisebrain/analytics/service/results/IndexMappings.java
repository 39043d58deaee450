package org.enterprisebrain.analytics.service.results;

import tools.jackson.databind.node.ObjectNode;

/** The mappings of an index the service keeps itself (settings versions, alert actions, dead letters, backfills). */
public final class IndexMappings {

  private final ObjectNode json = ResultStore.JSON.createObjectNode();
  private final ObjectNode properties = json.putObject("properties");

  private IndexMappings() {
  }

  /** Mappings that start with the given keyword fields. */
  public static IndexMappings keywords(String... fields) {
    return new IndexMappings().typed("keyword", fields);
  }

  /** Fields of an Elasticsearch type: keyword, date, text, integer, double, boolean. */
  public IndexMappings typed(String type, String... fields) {
    for (String field : fields) {
      properties.putObject(field).put("type", type);
    }
    return this;
  }

  /** Fields kept to be read, not searched (a refused record, a list of holidays). */
  public IndexMappings unindexed(String type, String... fields) {
    for (String field : fields) {
      properties.putObject(field).put("type", type).put("index", false);
    }
    return this;
  }

  /** Objects kept as they were given, not searched (a calendar's shifts, a tariff). */
  public IndexMappings unsearched(String... objects) {
    for (String field : objects) {
      properties.putObject(field).put("type", "object").put("enabled", false);
    }
    return this;
  }

  /** An object's own mappings, to add its fields to. */
  public IndexMappings object(String field) {
    IndexMappings inner = new IndexMappings();
    properties.set(field, inner.json);
    return inner;
  }

  public ObjectNode json() {
    return json;
  }
}
