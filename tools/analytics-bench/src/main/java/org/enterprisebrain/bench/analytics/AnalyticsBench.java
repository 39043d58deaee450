package org.enterprisebrain.bench.analytics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.enterprisebrain.analytics.energy.MeterReading;
import org.enterprisebrain.analytics.health.Sample;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.enterprisebrain.analytics.run.AnalyticsJobs;
import org.enterprisebrain.analytics.score.ScoreJob;
import org.enterprisebrain.servers.demo.TrainedModels;
import org.enterprisebrain.analytics.run.AnalyticsSettings;
import org.enterprisebrain.analytics.stream.KafkaConnection;
import org.enterprisebrain.analytics.score.DeploymentSignature;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.StandardSource;
import org.enterprisebrain.servers.ElasticsearchServer;
import org.enterprisebrain.servers.ManagedProcess;

/**
 * Throughput of each analytics job beside two baselines measured in the same run, on the same broker,
 * topics and Elasticsearch node, each run reading the same records from the start (bounded):
 * <ul>
 *   <li><b>pass-through</b>: the same source (the same deserializer into the job's input type) and the same
 *       Elasticsearch sink, no logic: one small document per record;</li>
 *   <li><b>source only</b>: the same source into a discarding sink: what reading and parsing cost.</li>
 * </ul>
 * Records/s counts input records over the wall time of the whole bounded job (start included).
 * {@code -Dbench.records=200000} per job, {@code -Dbench.repeat=2} runs of each (the best is reported).
 */
public final class AnalyticsBench {

  record Run(String job, String variant, long records, double seconds) {
    double perSecond() {
      return records / seconds;
    }
  }

  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  public static void main(String[] args) throws Exception {
    int records = Integer.getInteger("bench.records", 200_000);
    int repeat = Integer.getInteger("bench.repeat", 2);
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "analytics-bench");
    try (KafkaClusterTestKit kafka = kafka();
        ElasticsearchServer es = ElasticsearchServer.start(ElasticsearchServer.locateNode(), ManagedProcess.freePort(),
            dir.resolve("es"), dir.resolve("es.log"), System.getProperty("bench.es.heap", "1g"))) {
      String bootstrap = kafka.bootstrapServers();
      System.out.printf("producing %,d records per job …%n", records);
      // a real ONNX model (logistic regression, Tribuo) on two signals of every machine, one score per 10 s bucket
      String model = deployment(TrainedModels.spindleFailure(120, 1));
      produce(bootstrap, records);
      List<Run> runs = new ArrayList<>();
      int n = 0;
      // -Dbench.jobs=score,health measures only those
      List<String> jobs = List.of(System.getProperty("bench.jobs", String.join(",", AnalyticsJobs.NAMES)).split(","));
      for (String job : jobs) {
        for (int r = 0; r < repeat; r++) {
          for (String variant : job.equals("score") ? List.of("source-only", "pass-through", "job", "job+model")
              : List.of("source-only", "pass-through", "job")) {
            AnalyticsSettings s = settings(bootstrap, es.url(), "bench-" + n + "-", dir.resolve("checkpoints-" + n++));
            deploy(bootstrap, s.deploymentsTopic(), variant.equals("job+model") ? model : null);
            long start = System.nanoTime();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
            AnalyticsJobs.configure(env, s);
            build(job, variant, env, s);
            env.execute(job + "-" + variant);
            Run run = new Run(job, variant, records, (System.nanoTime() - start) / 1e9);
            System.out.printf("RUN %-7s %-13s %,10.0f records/s (%.1f s)%n", job, variant, run.perSecond(), run.seconds());
            if (variant.equals("job+model")) {
              System.out.printf("    %,d scores written%n", count(es.url(), s.index("scores")));
            }
            runs.add(run);
          }
        }
      }
      System.out.println();
      System.out.println("| job | source only (rec/s) | pass-through to ES (rec/s) | job to ES (rec/s) | job / pass-through | job / source only |");
      System.out.println("|---|---:|---:|---:|---:|---:|");
      for (String job : jobs) {
        double source = best(runs, job, "source-only"), pass = best(runs, job, "pass-through"), logic = best(runs, job, "job");
        System.out.printf("| %s | %,.0f | %,.0f | %,.0f | %.2f | %.2f |%n", job, source, pass, logic, logic / pass, logic / source);
      }
      if (!jobs.contains("score")) {
        return;
      }
      double without = best(runs, "score", "job"), with = best(runs, "score", "job+model");
      System.out.printf("%nscore job with an ONNX model deployed: %,.0f records/s; with none: %,.0f records/s;"
          + " with / without = %.2f%n", with, without, with / without);
    }
  }

  static String deployment(TrainedModels.Trained m) {
    ObjectNode d = Envelope.JSON.createObjectNode().put("id", "bench").put("model", "bench-model").put("version", 1)
        .put("kind", "onnx").put("entity", "telemetry").put("bucketMs", 10_000).put("threshold", 0.99)
        .put("outputTensor", "output").put("outputIndex", m.failIndex())
        .put("artifact", java.util.Base64.getEncoder().encodeToString(m.onnx()));
    d.putArray("features").add(Envelope.JSON.createObjectNode().put("name", "temperature").put("signal", "s0")
            .put("center", 0).put("scale", 70))
        .add(Envelope.JSON.createObjectNode().put("name", "vibration").put("signal", "s1").put("center", 0).put("scale", 25));
    return d.toString();
  }

  /** The bench's stand-in for the registry's key: the job verifies every deployment it loads (as in a plant). */
  static final java.security.KeyPair SIGNING = signingKeys();

  static java.security.KeyPair signingKeys() {
    try {
      java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The deployments topic says {@code message} (or, when null, that nothing is deployed), signed. */
  static void deploy(String bootstrap, String topic, String message) throws Exception {
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
        new StringSerializer(), new StringSerializer())) {
      ProducerRecord<String, String> record = new ProducerRecord<>(topic, "bench", message);
      record.headers().add(DeploymentSignature.HEADER, DeploymentSignature.sign(SIGNING.getPrivate(), "bench",
          message == null ? null : message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      producer.send(record).get();
    }
  }

  static long count(String es, String index) throws Exception {
    try (RestClient client = RestClient.builder(HttpHost.create(es)).build()) {
      client.performRequest(new Request("POST", "/" + index + "/_refresh"));
      return Envelope.JSON.readTree(EntityUtils.toString(client.performRequest(new Request("GET", "/" + index + "/_count"))
          .getEntity())).path("count").asLong();
    }
  }

  static double best(List<Run> runs, String job, String variant) {
    return runs.stream().filter(r -> r.job().equals(job) && r.variant().equals(variant)).mapToDouble(Run::perSecond)
        .max().orElseThrow();
  }

  static void build(String job, String variant, StreamExecutionEnvironment env, AnalyticsSettings s) {
    if (variant.startsWith("job")) { // job, and job+model: the score job with a deployment on its topic
      AnalyticsJobs.add(job, env, s, true);
      return;
    }
    DataStream<? extends StandardSource.Timed> inputs = switch (job) {
      case "oee" -> AnalyticsJobs.oeeInputs(env, s, true);
      case "spc" -> AnalyticsJobs.measurements(env, s, true);
      case "energy" -> AnalyticsJobs.inputs(env, s, job, List.of(AnalyticsSettings.ENERGY_READINGS), MeterReading.class,
          MeterReading::from, true);
      default -> AnalyticsJobs.inputs(env, s, job, List.of(AnalyticsSettings.TELEMETRY), Sample.class, Sample::from, true);
    };
    String index = s.index("pass");
    DataStream<EsDocument> documents = inputs.map(r -> new EsDocument(index, r.recordId(), "{\"at\":" + r.at() + "}"))
        .returns(EsDocument.class);
    Sink<EsDocument> sink = variant.equals("pass-through") ? AnalyticsJobs.results(s, "pass-through") : new DiscardingSink<>();
    documents.sinkTo(sink);
  }

  static AnalyticsSettings settings(String bootstrap, String es, String prefix, Path checkpoints) {
    Map<String, String> values = new HashMap<>();
    values.put("BRAIN_ANALYTICS_CHECKPOINT_DIR", checkpoints.toUri().toString());
    values.put("BRAIN_KAFKA_BOOTSTRAP", bootstrap);
    values.put("BRAIN_ELASTICSEARCH_URL", es);
    values.put("BRAIN_ANALYTICS_INDEX_PREFIX", prefix);
    values.put("BRAIN_ANALYTICS_GROUP_PREFIX", prefix);
    values.put("BRAIN_ANALYTICS_ALERTS_TOPIC", "bench.alerts");
    values.put("BRAIN_ANALYTICS_DEPLOYMENT_KEY", "-----BEGIN PUBLIC KEY-----\n"
        + java.util.Base64.getMimeEncoder().encodeToString(SIGNING.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----");
    return AnalyticsSettings.from(values);
  }

  static KafkaClusterTestKit kafka() throws Exception {
    KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
            .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
    return kafka;
  }

  /** Records shaped like a plant's: 20 machines' states and reports, 100 charted characteristics, 500 meters, 200 signals. */
  static void produce(String bootstrap, int records) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(AnalyticsSettings.EQUIPMENT_STATES, AnalyticsSettings.OPERATION_REPORTS,
          AnalyticsSettings.EQUIPMENT, AnalyticsSettings.QUALITY_RESULTS, AnalyticsSettings.ENERGY_READINGS,
          AnalyticsSettings.TELEMETRY, "bench.alerts").stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
    }
    ScoreJob.ensureTopic(KafkaConnection.plaintext(bootstrap), org.enterprisebrain.analytics.stream.TopicContract.topic(
        "model-deployments.v1"));
    Random r = new Random(1);
    String[] states = {"running", "running", "running", "idle", "down", "setup"};
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "linger.ms", 20,
        "batch.size", 262_144, "acks", "all"), new StringSerializer(), new StringSerializer())) {
      for (int m = 0; m < 20; m++) {
        producer.send(record(AnalyticsSettings.EQUIPMENT, "equipment", "EQ-" + m, T0.minusSeconds(3600),
            payload().put("equipmentId", "M" + m).put("name", "M" + m).put("level", "workcell").put("line", "L" + m % 4)
                .put("idealCycleTimeSeconds", 30), "M" + m));
      }
      for (int i = 0; i < records; i++) {
        String machine = "M" + i % 20;
        Instant at = T0.plusSeconds(i / 20 * 60L);
        if (i % 2 == 0) {
          producer.send(record(AnalyticsSettings.EQUIPMENT_STATES, "equipment-state", "ST-" + i, at, payload()
              .put("equipment", machine).put("state", states[r.nextInt(states.length)]).put("reasonCode", "R" + r.nextInt(5))
              .put("since", at.toString()), machine));
        } else {
          producer.send(record(AnalyticsSettings.OPERATION_REPORTS, "operation-report", "OR-" + i, at, payload()
              .put("workOrder", "WO-1").put("equipment", machine).put("operation", "0010").put("good", r.nextInt(3))
              .put("scrap", 0).put("rework", 0).put("start", at.minusSeconds(60).toString()).put("end", at.toString()), machine));
        }
        String characteristic = "C" + i / 5 % 100;
        Instant sampled = T0.plusSeconds(i / 500 * 60L);
        producer.send(record(AnalyticsSettings.QUALITY_RESULTS, "quality-result", "QR-" + i, sampled, payload()
            .put("characteristic", characteristic).put("product", "P1").put("equipment", "M" + i / 5 % 100 % 20)
            .put("value", 10 + 0.1 * r.nextGaussian()).put("unit", "mm").put("lsl", 9.5).put("usl", 10.5)
            .put("subgroup", "SG-" + i / 5).put("sampleIndex", i % 5 + 1), "M" + i % 20));
        int meter = i % 500;
        Instant read = T0.plusSeconds(i / 500 * 60L);
        producer.send(record(AnalyticsSettings.ENERGY_READINGS, "energy-reading", "EN-" + i, read, payload()
            .put("meter", "EM-" + meter).put("medium", "electricity").put("value", 1000 + i / 500 * 1.5)
            .put("valueKind", "cumulative").put("unit", "kWh").put("readAt", read.toString()).put("line", "L" + meter % 4),
            "EM-" + meter));
        int signal = i % 200;
        Instant t = T0.plusSeconds(i / 200 * 10L);
        producer.send(record(AnalyticsSettings.TELEMETRY, "telemetry", "TM-" + i, t, payload()
            .put("equipment", "M" + signal % 20).put("signal", "s" + signal / 20).put("value", 40 + r.nextGaussian())
            .put("unit", "Cel").put("quality", "good").put("sampledAt", t.toString()), "M" + signal % 20));
      }
      producer.flush();
    }
  }

  static ObjectNode payload() {
    return Envelope.JSON.createObjectNode();
  }

  static ProducerRecord<String, String> record(String topic, String entity, String id, Instant at, ObjectNode payload,
      String key) {
    ObjectNode e = Envelope.JSON.createObjectNode().put("id", id).put("entity", entity).put("schemaVersion", 1);
    e.putObject("source").put("system", "BENCH").put("kind", "MES");
    e.put("plant", "bench").put("occurredAt", at.toString()).set("payload", payload);
    return new ProducerRecord<>(topic, "bench|" + key, e.toString());
  }

}
