package org.enterprisebrain.analytics.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.enterprisebrain.analytics.RealServers;
import org.enterprisebrain.analytics.run.AnalyticsJobs;
import org.enterprisebrain.analytics.run.AnalyticsSettings;
import org.enterprisebrain.servers.demo.TrainedModels;
import org.enterprisebrain.analytics.stream.Envelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scoring job running unbounded on a Flink MiniCluster against a real broker and Elasticsearch node:
 * a real ONNX model is deployed while telemetry flows and starts scoring; a second version replaces it
 * with no restart; an undeploy stops it, proven by a later (linear) deployment that scores while the first
 * does not.
 */
class ScoringIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final String PLANT = "sc-01";
  static final String INDEX = "brain-sc-scores";
  static final Instant T0 = Instant.parse("2026-05-04T00:00:00Z");
  static String kafka;
  static RestClient es;
  static KafkaProducer<String, String> producer;
  static int minute;

  @BeforeAll
  static void servers() throws Exception {
    kafka = RealServers.kafka();
    es = RestClient.builder(HttpHost.create(RealServers.elasticsearch())).build();
    producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka, "acks", "all"),
        new StringSerializer(), new StringSerializer());
  }

  @AfterAll
  static void close() throws Exception {
    producer.close();
    es.close();
  }

  @Test
  void deploysPromotesAndUndeploysWhileTheJobRuns() throws Exception {
    TrainedModels.Trained v1 = TrainedModels.spindleFailure(120, 1);
    TrainedModels.Trained v2 = TrainedModels.spindleFailure(200, 2);
    Map<String, String> env = new HashMap<>();
    env.put("BRAIN_KAFKA_BOOTSTRAP", kafka);
    env.put("BRAIN_ELASTICSEARCH_URL", RealServers.elasticsearch());
    env.put("BRAIN_ANALYTICS_INDEX_PREFIX", "brain-sc-");
    env.put("BRAIN_ANALYTICS_GROUP_PREFIX", "sc-");
    env.put("BRAIN_ANALYTICS_START_FROM", "earliest");
    env.put("BRAIN_ANALYTICS_DEPLOYMENT_KEY", DeploymentSignatureTest.resource("cert.pem"));
    AnalyticsSettings settings = AnalyticsSettings.from(env);
    StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment();
    AnalyticsJobs.configure(flink, settings);
    AnalyticsJobs.add("score", flink, settings, false);
    JobClient job = flink.executeAsync("score");
    try {
      deploy("spindle", onnx("spindle-failure", 1, v1, 0.5));
      List<JsonNode> first = sendUntil(d -> d.path("deployment").asText().equals("spindle"), 90);
      JsonNode hot = first.stream().filter(d -> d.path("equipment").asText().equals("P1")).findFirst().orElseThrow();
      JsonNode cold = first.stream().filter(d -> d.path("equipment").asText().equals("P2")).findFirst().orElseThrow();
      assertThat(hot.path("model").asText()).isEqualTo("spindle-failure");
      assertThat(hot.path("version").asInt()).isEqualTo(1);
      // the job's score is the model's own output on the bound, scaled features
      assertThat(hot.path("score").asDouble()).isCloseTo(expected(v1, hot), within(1e-5));
      assertThat(hot.path("score").asDouble()).isGreaterThan(0.5).isGreaterThan(cold.path("score").asDouble());
      assertThat(hot.path("anomalous").asBoolean()).isTrue();
      assertThat(doc("brain-sc-alerts", "model|spindle|" + PLANT + "|P1|" + hot.path("at").asText()).path("subject").asText())
          .isEqualTo("spindle-failure");

      deploy("spindle", onnx("spindle-failure", 2, v2, 0.5));
      List<JsonNode> second = sendUntil(d -> d.path("deployment").asText().equals("spindle")
          && d.path("version").asInt() == 2, 90);
      JsonNode hot2 = second.stream().filter(d -> d.path("equipment").asText().equals("P1")).findFirst().orElseThrow();
      assertThat(hot2.path("score").asDouble()).isCloseTo(expected(v2, hot2), within(1e-5));
      assertThat(hot2.path("score").asDouble()).isNotCloseTo(expected(v1, hot2), within(1e-4));
      assertThat(job.getJobStatus().get().name()).isEqualTo("RUNNING");

      send("spindle", null, "key.pem"); // undeploy
      // what the registry did not sign is never loaded: another key's signature, or none
      send("forged", linear("temperature-linear", 0.5).put("id", "forged"), "other-key.pem");
      send("unsigned", linear("temperature-linear", 0.5).put("id", "unsigned"), null);
      deploy("marker", linear("temperature-linear", 0.5));
      List<JsonNode> marked = sendUntil(d -> d.path("deployment").asText().equals("marker"), 90);
      String markerBucket = marked.get(0).path("at").asText();
      refresh();
      assertThat(search("{\"bool\":{\"filter\":[{\"term\":{\"deployment\":\"spindle\"}},{\"range\":{\"at\":{\"gte\":\""
          + markerBucket + "\"}}}]}}")).as("an undeployed model scores nothing").isEmpty();
      assertThat(search("{\"terms\":{\"deployment\":[\"forged\",\"unsigned\"]}}"))
          .as("deployments the registry did not sign score nothing").isEmpty();
    } finally {
      job.cancel().get();
    }
  }

  /** The score onnxruntime gives for the document's raw features, scaled as the deployment says. */
  static double expected(TrainedModels.Trained m, JsonNode doc) throws Exception {
    OrtEnvironment ort = OrtEnvironment.getEnvironment();
    float[][] x = {{(float) (doc.path("features").path("temperature").asDouble() / 70),
        (float) (doc.path("features").path("vibration").asDouble() / 5)}};
    try (OrtSession s = ort.createSession(m.onnx(), new OrtSession.SessionOptions());
        OnnxTensor in = OnnxTensor.createTensor(ort, x);
        OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), in))) {
      return ((float[][]) r.get(0).getValue())[0][m.failIndex()];
    }
  }

  /** A deployment message as the registry publishes it. */
  static ObjectNode onnx(String model, int version, TrainedModels.Trained m, double threshold) {
    ObjectNode d = message(model, version, "onnx", threshold);
    d.put("outputTensor", "output").put("outputIndex", m.failIndex())
        .put("artifact", Base64.getEncoder().encodeToString(m.onnx()));
    d.putArray("features").add(feature("temperature", "spindle.temperature", 70))
        .add(feature("vibration", "spindle.vibration", 5));
    return d;
  }

  static ObjectNode linear(String model, double threshold) {
    ObjectNode d = message(model, 1, "linear", threshold);
    d.putArray("features").add(feature("temperature", "spindle.temperature", 1));
    d.putObject("linear").put("bias", -40).put("link", "logistic").putArray("weights").add(1.0);
    return d;
  }

  static ObjectNode message(String model, int version, String kind, double threshold) {
    ObjectNode d = Envelope.JSON.createObjectNode().put("model", model).put("version", version).put("kind", kind)
        .put("entity", "telemetry").put("equipment", "P[0-9]+").put("bucketMs", 60_000).put("threshold", threshold);
    d.putArray("plants").add(PLANT);
    return d;
  }

  static ObjectNode feature(String name, String signal, double scale) {
    return Envelope.JSON.createObjectNode().put("name", name).put("signal", signal).put("center", 0).put("scale", scale);
  }

  static void deploy(String id, ObjectNode message) throws Exception {
    message.put("id", id);
    send(id, message, "key.pem");
  }

  /** A record on the deployments topic, signed with the key in {@code keyResource} (null: unsigned). */
  static void send(String id, ObjectNode message, String keyResource) throws Exception {
    String value = message == null ? null : message.toString();
    ProducerRecord<String, String> record = new ProducerRecord<>(RealServers.DEPLOYMENTS, id, value);
    if (keyResource != null) {
      record.headers().add(DeploymentSignature.HEADER, DeploymentSignature.sign(
          DeploymentSignatureTest.privateKey(keyResource), id,
          value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    producer.send(record).get();
  }

  /**
   * Sends one more minute of telemetry for P1 (hot, vibrating) and P2 (cool, quiet) until documents matching
   * {@code wanted} for both machines are in the index; returns them, oldest bucket first.
   */
  static List<JsonNode> sendUntil(Predicate<JsonNode> wanted, int maxMinutes) throws Exception {
    for (int i = 0; i < maxMinutes; i++) {
      Instant at = T0.plusSeconds(60L * minute++);
      for (String[] m : new String[][] {{"P1", "68", "4.6"}, {"P2", "30", "1.0"}}) {
        send(m[0], "spindle.temperature", Double.parseDouble(m[1]), "Cel", at);
        send(m[0], "spindle.vibration", Double.parseDouble(m[2]), "mm/s", at);
      }
      producer.flush();
      Thread.sleep(400);
      refresh();
      List<JsonNode> found = new ArrayList<>();
      for (JsonNode d : search("{\"match_all\":{}}")) {
        if (wanted.test(d)) {
          found.add(d);
        }
      }
      if (found.stream().map(d -> d.path("equipment").asText()).distinct().count() == 2) {
        found.sort(java.util.Comparator.comparing(d -> d.path("at").asText()));
        return found;
      }
    }
    throw new AssertionError("no matching scores after " + maxMinutes + " minutes of telemetry");
  }

  static void send(String equipment, String signal, double value, String unit, Instant at) {
    ObjectNode p = Envelope.JSON.createObjectNode().put("equipment", equipment).put("signal", signal).put("value", value)
        .put("unit", unit).put("quality", "good").put("sampledAt", at.toString());
    ObjectNode e = Envelope.JSON.createObjectNode().put("id", "TM-" + equipment + "-" + signal + "-" + at.toEpochMilli())
        .put("entity", "telemetry").put("schemaVersion", 1).put("plant", PLANT).put("occurredAt", at.toString());
    e.putObject("source").put("system", "SCADA-T").put("kind", "SCADA");
    e.set("payload", p);
    producer.send(new ProducerRecord<>(AnalyticsSettings.TELEMETRY, PLANT + "|" + equipment, e.toString()));
  }

  static void refresh() throws Exception {
    try {
      es.performRequest(new Request("POST", "/" + INDEX + "/_refresh"));
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() != 404) {
        throw e; // no index yet: nothing scored so far
      }
    }
  }

  static List<JsonNode> search(String query) throws Exception {
    Request search = new Request("GET", "/" + INDEX + "/_search");
    search.addParameter("ignore_unavailable", "true");
    search.setJsonEntity("{\"size\":1000,\"sort\":[{\"at\":{\"order\":\"asc\",\"unmapped_type\":\"date\"}}],\"query\":" + query + "}");
    List<JsonNode> docs = new ArrayList<>();
    try {
      Envelope.JSON.readTree(EntityUtils.toString(es.performRequest(search).getEntity())).path("hits").path("hits")
          .forEach(h -> docs.add(h.path("_source")));
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() != 503) {
        throw e; // 503 right after the index is created: its shard is not searchable yet
      }
    }
    return docs;
  }

  static JsonNode doc(String index, String id) throws Exception {
    es.performRequest(new Request("POST", "/" + index + "/_refresh"));
    var response = es.performRequest(new Request("GET", "/" + index + "/_doc/"
        + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8)));
    return Envelope.JSON.readTree(EntityUtils.toString(response.getEntity())).path("_source");
  }
}
