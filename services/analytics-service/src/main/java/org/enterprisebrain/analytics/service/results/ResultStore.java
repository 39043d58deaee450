package org.enterprisebrain.analytics.service.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result indices the analytics jobs write ({@code <prefix>oee}, {@code spc}, {@code energy},
 * {@code health}, {@code alerts}). An index that does not exist yet holds no results; an unreachable
 * Elasticsearch is an {@link UncheckedIOException} (503 to the caller).
 */
@Component
public class ResultStore {

  /** Results are documents the jobs wrote; fields this service does not know are simply not served. */
  public static final JsonMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final RestClient client;
  private final String prefix;

  public ResultStore(RestClient client, @Value("${brain.analytics.index-prefix}") String prefix) {
    this.client = client;
    this.prefix = prefix;
  }

  /** The sources of the documents of {@code analysis} matching {@code query}, in {@code sort} order. */
  public List<JsonNode> search(String analysis, ObjectNode query, String sortField, boolean ascending, int size) {
    ObjectNode body = JSON.createObjectNode().put("size", size);
    body.set("query", query);
    body.putArray("sort").addObject().putObject(sortField).put("order", ascending ? "asc" : "desc");
    Request request = new Request("POST", "/" + prefix + analysis + "/_search");
    request.addParameter("ignore_unavailable", "true");
    request.setJsonEntity(body.toString());
    try {
      JsonNode hits = JSON.readTree(EntityUtils.toString(client.performRequest(request).getEntity()))
          .path("hits").path("hits");
      List<JsonNode> sources = new ArrayList<>();
      hits.forEach(h -> sources.add(h.path("_source")));
      return sources;
    } catch (ResponseException e) {
      throw new UncheckedIOException("Elasticsearch refused the query (" + e.getResponse().getStatusLine() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch unreachable", e);
    }
  }

  public <T> T as(JsonNode source, Class<T> type) {
    return JSON.treeToValue(source, type);
  }
}
