package org.enterprisebrain.analytics.sink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.elasticsearch.ElasticsearchConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sink V2 writer to Elasticsearch through the Java REST client's {@code _bulk}. No Elasticsearch connector
 * for Flink 2.x is published, so this is ours. Documents are buffered (the last version of an id wins
 * within a buffer), sent in bulk when the buffer is full, when {@code flushMillis} passed, and before
 * every checkpoint: a checkpoint completes only after its results are stored, so together with
 * deterministic ids the results are exactly those of an uninterrupted run. A full buffer is sent
 * synchronously in {@code write}, which is how backpressure reaches the sources. Items Elasticsearch
 * could not take for a passing reason (429, 5xx) are retried with back-off; when retries run out the job
 * fails and restarts from its last checkpoint, so nothing is lost. An item Elasticsearch refuses for
 * itself (a mapping conflict, a document too large) will not heal by retrying: it goes to the
 * {@link DeadLetters} with Elasticsearch's reason and every other result is still stored.
 */
public final class ElasticsearchSink implements Sink<EsDocument> {

  private static final long serialVersionUID = 1L;

  /** The template of every analytics index (ids and codes keywords, times dates), shared with the service. */
  static final String TEMPLATE = "/elasticsearch/analytics-template.json";

  private final ElasticsearchConnection node;
  private final String indexPrefix;
  private final int maxActions;
  private final long flushMillis;
  private final int maxRetries;
  private final String refreshInterval;
  private final DeadLetters.Target deadLetters;

  /** Writes to {@code node} as its user (in the chart each job's own, whose role names only its indices). */
  public ElasticsearchSink(ElasticsearchConnection node, String indexPrefix, int maxActions,
      long flushMillis, int maxRetries, String refreshInterval, DeadLetters.Target deadLetters) {
    this.node = node;
    this.indexPrefix = indexPrefix;
    this.maxActions = maxActions;
    this.flushMillis = flushMillis;
    this.maxRetries = maxRetries;
    this.refreshInterval = refreshInterval;
    this.deadLetters = deadLetters;
  }

  @Override
  public SinkWriter<EsDocument> createWriter(WriterInitContext context) throws IOException {
    return new Writer(context);
  }

  /** Puts the index template for the analytics indices (idempotent; also used by tests and the service). */
  public static void putTemplate(RestClient client, String indexPrefix, String refreshInterval) throws IOException {
    Request request = new Request("PUT", "/_index_template/" + indexPrefix.replaceAll("[^a-z0-9-]", "") + "template");
    try (var in = ElasticsearchSink.class.getResourceAsStream(TEMPLATE)) {
      request.setJsonEntity(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("%PREFIX%", indexPrefix)
          .replace("%REFRESH%", refreshInterval));
    }
    client.performRequest(request);
  }

  final class Writer implements SinkWriter<EsDocument> {
    private final Logger log = LoggerFactory.getLogger(ElasticsearchSink.class);
    private final RestClient client;
    private final ProcessingTimeService time;
    private final Counter written;
    private final Counter retried;
    private final DeadLetters letters;
    private final Map<String, EsDocument> buffer = new LinkedHashMap<>();
    private boolean timerSet;

    Writer(WriterInitContext context) throws IOException {
      client = node.client(0);
      time = context.getProcessingTimeService();
      written = context.metricGroup().counter("documentsWritten");
      retried = context.metricGroup().counter("documentsRetried");
      putTemplate(client, indexPrefix, refreshInterval);
      letters = DeadLetters.open(deadLetters, context.metricGroup());
    }

    @Override
    public void write(EsDocument document, Context context) throws IOException, InterruptedException {
      buffer.put(document.index() + '\u0000' + document.id(), document);
      if (buffer.size() >= maxActions) {
        send();
      } else if (!timerSet) {
        timerSet = true;
        time.registerTimer(time.getCurrentProcessingTime() + flushMillis, t -> {
          timerSet = false;
          send();
        });
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
      send();
    }

    private void send() throws IOException, InterruptedException {
      List<EsDocument> pending = new ArrayList<>(buffer.values());
      buffer.clear();
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt > 0) {
          if (attempt > maxRetries) {
            throw new IOException(pending.size() + " document(s) not stored after " + maxRetries
                + " retries; failing so the job restarts from its last checkpoint");
          }
          retried.inc(pending.size());
          Thread.sleep(Math.min(30_000L, 100L << Math.min(attempt, 9)));
        }
        pending = bulk(pending);
      }
    }

    /** Sends one bulk request; returns the documents to try again. */
    private List<EsDocument> bulk(List<EsDocument> documents) throws IOException {
      StringBuilder body = new StringBuilder(documents.size() * 512);
      for (EsDocument d : documents) {
        body.append("{\"index\":{\"_index\":\"").append(d.index()).append("\",\"_id\":")
            .append(Envelope.JSON.writeValueAsString(d.id())).append("}}\n").append(d.json()).append('\n');
      }
      Request request = new Request("POST", "/_bulk");
      request.setEntity(new NByteArrayEntity(body.toString().getBytes(StandardCharsets.UTF_8),
          ContentType.create("application/x-ndjson")));
      Response response;
      try {
        response = client.performRequest(request);
      } catch (ResponseException e) {
        int status = e.getResponse().getStatusLine().getStatusCode();
        if (status == 429 || status >= 500) {
          return documents;
        }
        throw e;
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        log.warn("Elasticsearch unreachable ({}); retrying {} document(s)", e.getMessage(), documents.size());
        return documents;
      }
      JsonNode result = Envelope.JSON.readTree(EntityUtils.toByteArray(response.getEntity()));
      if (!result.path("errors").asBoolean()) {
        written.inc(documents.size());
        return List.of();
      }
      List<EsDocument> again = new ArrayList<>();
      JsonNode items = result.path("items");
      for (int i = 0; i < documents.size(); i++) {
        JsonNode item = items.path(i).path("index");
        int status = item.path("status").asInt();
        if (status == 429 || status >= 500) {
          again.add(documents.get(i));
        } else if (status >= 300) {
          EsDocument refused = documents.get(i);
          letters.send("elasticsearch:" + refused.index(), refused.id(), refused.json(),
              "HTTP " + status + ": " + item.path("error"));
        } else {
          written.inc();
        }
      }
      return again;
    }

    @Override
    public void close() throws Exception {
      client.close();
      letters.close();
    }
  }
}
