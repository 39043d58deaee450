package org.enterprisebrain.analytics.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.enterprisebrain.analytics.stream.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backfills the analytics API recorded in {@code <prefix>backfills}, run one at a time, oldest first. A
 * request is claimed with Elasticsearch's optimistic concurrency (so two runners never run the same one),
 * marked running, run, and marked succeeded or failed with the reason. One that was running when its runner
 * stopped is requested again at the next start: running it again changes nothing.
 */
public final class BackfillQueue {

  /** Runs the jobs over the range until they finish; throws why they failed. */
  @FunctionalInterface
  public interface Runner {
    void run(String id, BackfillRange range, List<String> jobs) throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(BackfillQueue.class);
  private final RestClient es;
  private final String index;
  private final Runner runner;
  private final Clock clock;

  public BackfillQueue(RestClient es, String indexPrefix, Runner runner) {
    this.es = es;
    this.index = indexPrefix + "backfills";
    this.runner = runner;
    this.clock = Clock.systemUTC();
  }

  /** Requests again what was left running (call once, before the first {@link #runNext}). */
  public int requeueInterrupted() throws IOException {
    int requeued = 0;
    for (JsonNode hit : oldest("running", 100)) {
      if (update(hit, "requested", n -> n.remove(List.of("startedAt")))) {
        requeued++;
      }
    }
    return requeued;
  }

  /** Runs the oldest requested backfill, if one waits; false when none does. */
  public boolean runNext() throws IOException {
    List<JsonNode> next = oldest("requested", 1);
    if (next.isEmpty()) {
      return false;
    }
    JsonNode hit = next.get(0);
    if (!update(hit, "running", n -> n.put("startedAt", clock.instant().toString()))) {
      return true; // another runner took it: look again
    }
    JsonNode source = hit.path("_source");
    String id = hit.path("_id").asText();
    List<String> jobs = new ArrayList<>();
    source.path("jobs").forEach(j -> jobs.add(j.asText()));
    ObjectNode done = ((ObjectNode) source.deepCopy()).put("status", "running")
        .put("startedAt", clock.instant().toString());
    try {
      BackfillRange range = new BackfillRange(source.path("plant").asText(), Instant.parse(source.path("from").asText()),
          Instant.parse(source.path("to").asText()));
      LOG.info("backfill {}: {} of {} from {} to {}", id, jobs, range.plant(), range.from(), range.to());
      runner.run(id, range, jobs);
      done.put("status", "succeeded");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false; // stopping: left running, requested again at the next start
    } catch (Exception e) {
      LOG.warn("backfill {} failed", id, e);
      done.put("status", "failed").put("message", String.valueOf(rootCause(e).getMessage()));
    }
    done.put("finishedAt", clock.instant().toString());
    put(id, done, null);
    return true;
  }

  private List<JsonNode> oldest(String status, int size) throws IOException {
    Request search = new Request("POST", "/" + index + "/_search");
    search.addParameter("ignore_unavailable", "true");
    ObjectNode body = Envelope.JSON.createObjectNode().put("size", size).put("seq_no_primary_term", true);
    body.putObject("query").putObject("term").put("status", status);
    body.putArray("sort").addObject().putObject("requestedAt").put("order", "asc").put("unmapped_type", "date");
    search.setJsonEntity(body.toString());
    List<JsonNode> hits = new ArrayList<>();
    Envelope.JSON.readTree(EntityUtils.toString(es.performRequest(search).getEntity())).path("hits").path("hits")
        .forEach(hits::add);
    return hits;
  }

  /** Sets the status if nobody changed the document since it was read; false when somebody did. */
  private boolean update(JsonNode hit, String status, java.util.function.Consumer<ObjectNode> change) throws IOException {
    ObjectNode source = ((ObjectNode) hit.path("_source").deepCopy()).put("status", status);
    change.accept(source);
    return put(hit.path("_id").asText(), source, hit);
  }

  private boolean put(String id, ObjectNode source, JsonNode readAs) throws IOException {
    Request put = new Request("PUT", "/" + index + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    put.addParameter("refresh", "wait_for");
    if (readAs != null) {
      put.addParameter("if_seq_no", readAs.path("_seq_no").asText());
      put.addParameter("if_primary_term", readAs.path("_primary_term").asText());
    }
    put.setJsonEntity(source.toString());
    try {
      es.performRequest(put);
      return true;
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 409) {
        return false;
      }
      throw e;
    }
  }

  private static Throwable rootCause(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
