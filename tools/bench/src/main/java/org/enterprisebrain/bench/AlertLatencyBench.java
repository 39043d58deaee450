package org.enterprisebrain.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.enterprisebrain.cli.LocalPlatform;
import org.enterprisebrain.security.OperationRoles;
import org.enterprisebrain.servers.BrainRealm;
import org.enterprisebrain.servers.KeycloakServer;
import org.enterprisebrain.standard.Topics;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * End-to-end latency of the alert path on the platform as {@code brain up} runs it: from the ingestion
 * API's 2xx for an out-of-control SPC subgroup (five quality results in one request, through the gateway)
 * to its alert (a) on {@code brain.alerts.v1}, (b) retrievable by id from Elasticsearch, (c) found by a
 * search of the alerts index (which also waits for the index refresh). A phase I baseline of 25 subgroups
 * is sent first. One subgroup at a time: this measures latency, not throughput.
 *
 * <p>Settings: bench.alerts (measured alerts, default 200), bench.pause.ms (between them, default 100).
 */
public final class AlertLatencyBench {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    int alerts = Integer.getInteger("bench.alerts", 200);
    long pause = Long.getLong("bench.pause.ms", 100);
    try (LocalPlatform platform = BenchPlatform.start("brain-alert-bench")) {
      String token = KeycloakServer.tokenFrom(platform.keycloakUrl(), BrainRealm.NAME, "demo-factory",
          BrainRealm.demoSecret("demo-factory"));
      Map<String, Long> onKafka = new ConcurrentHashMap<>();
      Thread listener = new Thread(() -> listen(platform.kafkaBootstrap(), onKafka), "alert-listener");
      listener.setDaemon(true);
      listener.start();
      String characteristic = "LAT-" + UUID.randomUUID().toString().substring(0, 6);
      Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
      Random r = new Random(5);
      for (int g = 0; g < 25; g++) {
        send(platform, token, characteristic, "B" + g, t = t.plusSeconds(10), r, 10.0);
      }
      long[] kafka = new long[alerts], retrievable = new long[alerts], searchable = new long[alerts];
      String es = platform.elasticsearchUrl();
      for (int i = 0; i < alerts; i++) {
        String subgroup = "X" + i;
        long accepted = send(platform, token, characteristic, subgroup, t = t.plusSeconds(10), r, 10.5);
        String id = "spc|hz-01|BENCH-1|4000123|" + characteristic + "|" + subgroup + "|1";
        String encoded = java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (retrievable[i] == 0 || searchable[i] == 0) {
          long now = System.nanoTime();
          if (now > deadline) {
            throw new IllegalStateException("alert " + id + " not in Elasticsearch after 30 s");
          }
          if (retrievable[i] == 0 && status(es + "/brain-analytics-alerts/_doc/" + encoded) == 200) {
            retrievable[i] = System.nanoTime() - accepted;
          }
          if (searchable[i] == 0 && searchHits(es, id) > 0) {
            searchable[i] = System.nanoTime() - accepted;
          }
          Thread.sleep(5);
        }
        while (!onKafka.containsKey(id) && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
        kafka[i] = onKafka.getOrDefault(id, Long.MAX_VALUE) - accepted;
        Thread.sleep(pause);
      }
      System.out.println();
      System.out.printf("%-58s %9s %9s %9s%n", "alert latency after the ingestion API's 2xx (" + alerts + " alerts)",
          "p50 ms", "p99 ms", "max ms");
      print("on Kafka " + Topics.ALERTS, kafka);
      print("retrievable by id from Elasticsearch", retrievable);
      print("found by a search of the alerts index (refresh included)", searchable);
    }
  }

  static void print(String name, long[] nanos) {
    long[] sorted = nanos.clone();
    java.util.Arrays.sort(sorted);
    System.out.printf("%-58s %9.0f %9.0f %9.0f%n", name, LatencyStats.percentile(sorted, 50) / 1e6,
        LatencyStats.percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);
  }

  /** Posts one subgroup of five quality results around {@code mean}; returns System.nanoTime() at the 2xx. */
  static long send(LocalPlatform platform, String token, String characteristic, String subgroup, Instant at, Random r,
      double mean) throws Exception {
    ArrayNode batch = JSON.createArrayNode();
    for (int i = 1; i <= 5; i++) {
      ObjectNode e = batch.addObject().put("id", "QMS-A-" + characteristic + "-" + subgroup + "-" + i)
          .put("entity", "quality-result").put("schemaVersion", 1);
      e.putObject("source").put("system", "QMS-A").put("kind", "QMS");
      e.put("plant", "hz-01").put("occurredAt", at.toString());
      e.putObject("payload").put("characteristic", characteristic).put("product", "4000123").put("equipment", "BENCH-1")
          .put("value", Math.round((mean + 0.01 * r.nextGaussian()) * 10000) / 10000.0).put("unit", "mm")
          .put("lsl", 9.9).put("usl", 10.1).put("subgroup", subgroup).put("sampleIndex", i);
    }
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
            + OperationRoles.load("ingestion").path("ingestRecords", "quality-result"))).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    long now = System.nanoTime();
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("ingestion answered " + response.statusCode() + ": " + response.body());
    }
    return now;
  }

  static int status(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  static int searchHits(String es, String id) throws Exception {
    String body = "{\"query\":{\"term\":{\"id\":" + JSON.writeValueAsString(id) + "}}}";
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(es + "/brain-analytics-alerts/_search"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()).path("hits").path("total").path("value").asInt() : 0;
  }

  static void listen(String bootstrap, Map<String, Long> seen) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "alert-latency-" + UUID.randomUUID());
    p.put("auto.offset.reset", "latest");
    p.put("fetch.max.wait.ms", "10");
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.ALERTS));
      while (true) {
        for (var record : consumer.poll(Duration.ofMillis(50))) {
          seen.putIfAbsent(JSON.readTree(record.value()).path("id").asString(), System.nanoTime());
        }
      }
    }
  }
}
