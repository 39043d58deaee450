package org.enterprisebrain.analytics.service.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.enterprisebrain.web.ProblemException;
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

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResultStore.class);

  /** Results are documents the jobs wrote; fields this service does not know are simply not served. */
  public static final JsonMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final int PAGE = 5000;
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
    // unmapped_type: an index just created by a job's first bulk may not have the field's mapping yet, and a
    // sort on an unmapped field is a 400 although nothing is wrong with the query
    body.putArray("sort").addObject().putObject(sortField).put("order", ascending ? "asc" : "desc")
        .put("unmapped_type", "date");
    Request request = new Request("POST", "/" + prefix + analysis + "/_search");
    request.addParameter("ignore_unavailable", "true");
    request.setJsonEntity(body.toString());
    List<JsonNode> sources = new ArrayList<>();
    perform(request).path("hits").path("hits").forEach(h -> sources.add(h.path("_source")));
    return sources;
  }

  /**
   * Every document matching {@code query}, oldest first by {@code sortField}, read page by page in one
   * point in time (so a summary adds exactly what the range holds, however many results that is).
   */
  public List<JsonNode> searchAll(String analysis, ObjectNode query, String sortField) {
    String pit;
    try {
      Request open = new Request("POST", "/" + prefix + analysis + "/_pit");
      open.addParameter("keep_alive", "1m");
      pit = JSON.readTree(EntityUtils.toString(client.performRequest(open).getEntity())).path("id").asString();
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return List.of(); // no results written yet
      }
      throw new UncheckedIOException("Elasticsearch refused the query (" + e.getResponse().getStatusLine() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch unreachable", e);
    }
    List<JsonNode> sources = new ArrayList<>();
    JsonNode after = null;
    try {
      while (true) {
        ObjectNode body = JSON.createObjectNode().put("size", PAGE);
        body.set("query", query);
        body.putObject("pit").put("id", pit).put("keep_alive", "1m");
        var sort = body.putArray("sort");
        sort.addObject().putObject(sortField).put("order", "asc").put("unmapped_type", "date");
        sort.addObject().putObject("_shard_doc").put("order", "asc");
        if (after != null) {
          body.set("search_after", after);
        }
        JsonNode hits = post("/_search", body).path("hits").path("hits");
        hits.forEach(h -> sources.add(h.path("_source")));
        if (hits.size() < PAGE) {
          return sources;
        }
        after = hits.get(hits.size() - 1).path("sort");
      }
    } finally {
      try {
        Request close = new Request("DELETE", "/_pit");
        close.setJsonEntity(JSON.createObjectNode().put("id", pit).toString());
        client.performRequest(close);
      } catch (IOException e) {
        // it expires by itself after a minute
      }
    }
  }

  /** One document by id, or empty when neither it nor its index exists. */
  public java.util.Optional<JsonNode> get(String analysis, String id) {
    Request request = new Request("GET", "/" + prefix + analysis + "/_doc/"
        + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
    try {
      return java.util.Optional.of(JSON.readTree(EntityUtils.toString(client.performRequest(request).getEntity()))
          .path("_source"));
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return java.util.Optional.empty();
      }
      throw new UncheckedIOException("Elasticsearch refused the read (" + e.getResponse().getStatusLine() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch unreachable", e);
    }
  }

  /**
   * Stores a document this service owns (a backfill request, a chart's settings version), visible to searches
   * when this returns; its index is created with {@code mappings} first when absent, so nothing depends on the
   * jobs' template.
   */
  public void put(String analysis, String id, ObjectNode document, ObjectNode mappings) {
    write(analysis, id, document, mappings, false);
  }

  /** As {@link #put}, but only if no document has the id yet: false when one has. */
  public boolean create(String analysis, String id, ObjectNode document, ObjectNode mappings) {
    return write(analysis, id, document, mappings, true);
  }

  public void delete(String analysis, String id) {
    Request delete = new Request("DELETE", "/" + prefix + analysis + "/_doc/"
        + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
    delete.addParameter("refresh", "wait_for");
    perform(delete);
  }

  private boolean write(String analysis, String id, ObjectNode document, ObjectNode mappings, boolean create) {
    Request index = new Request("PUT", "/" + prefix + analysis);
    index.setJsonEntity(JSON.createObjectNode().set("mappings", mappings).toString());
    try {
      client.performRequest(index);
    } catch (ResponseException e) {
      if (!reason(e).startsWith("resource_already_exists_exception")) {
        throw new UncheckedIOException("Elasticsearch refused the index (" + reason(e) + ")", e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch unreachable", e);
    }
    Request put = new Request("PUT", "/" + prefix + analysis + "/_doc/"
        + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
    put.addParameter("refresh", "wait_for");
    if (create) {
      put.addParameter("op_type", "create");
    }
    put.setJsonEntity(document.toString());
    try {
      client.performRequest(put);
      return true;
    } catch (ResponseException e) {
      if (create && e.getResponse().getStatusLine().getStatusCode() == 409) {
        return false;
      }
      throw refused(e);
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch unreachable", e);
    }
  }

  private JsonNode post(String path, ObjectNode body) {
    Request request = new Request("POST", path);
    request.setJsonEntity(body.toString());
    return perform(request);
  }

  private JsonNode perform(Request request) {
    try {
      return JSON.readTree(EntityUtils.toString(client.performRequest(request).getEntity()));
    } catch (ResponseException e) {
      throw refused(e);
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch unreachable", e);
    }
  }

  /** A 4xx from Elasticsearch is a query it cannot run (e.g. a date out of its range): the caller's to fix. */
  private static RuntimeException refused(ResponseException e) {
    int status = e.getResponse().getStatusLine().getStatusCode();
    if (status >= 400 && status < 500) {
      String reason = reason(e);
      LOG.warn("Elasticsearch refused a query ({}): {}", status, reason);
      return ProblemException.badRequest("", "Elasticsearch cannot run this query: check the range and filters ("
          + reason + ")");
    }
    return new UncheckedIOException("Elasticsearch refused the query (" + e.getResponse().getStatusLine() + ")", e);
  }

  /** Elasticsearch's own words for a refusal: the root cause's type and reason. */
  static String reason(ResponseException e) {
    try {
      JsonNode error = JSON.readTree(EntityUtils.toString(e.getResponse().getEntity())).path("error");
      JsonNode root = error.path("root_cause").path(0);
      JsonNode cause = root.isMissingNode() ? error : root;
      return cause.path("type").asString("") + ": " + cause.path("reason").asString("");
    } catch (IOException | RuntimeException unreadable) {
      return e.getResponse().getStatusLine().toString();
    }
  }

  public <T> T as(JsonNode source, Class<T> type) {
    return JSON.treeToValue(source, type);
  }
}
