package org.enterprisebrain.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.enterprisebrain.cli.LocalPlatform;
import org.enterprisebrain.cli.demo.DemoSparkplug;
import org.enterprisebrain.client.ApiClient;
import org.enterprisebrain.client.connectors.api.ConnectionsApi;
import org.enterprisebrain.client.connectors.api.MappingsApi;
import org.enterprisebrain.client.connectors.model.Connection;
import org.enterprisebrain.client.connectors.model.ConnectionSpec;
import org.enterprisebrain.client.connectors.model.MappedEntity;
import org.enterprisebrain.client.connectors.model.Protocol;
import org.enterprisebrain.client.connectors.model.TagMapping;
import org.enterprisebrain.servers.BrainRealm;

/**
 * Device values through the connector onto Kafka beside Kafka's own producer, same broker, same run (issue 17's
 * target: MQTT → Kafka at least half the raw producer on records of the same size).
 *
 * <ol>
 *   <li>baseline: ProducerPerformance, records of 300 B (a connector's telemetry record is ~330 B), acks=all,
 *       idempotent, lz4 — the connector's producer settings;
 *   <li>MQTT JSON: while the connection is disabled, a client publishes {@code bench.mqtt.values} JSON values at
 *       QoS 1 on 100 mapped topics of the platform's broker, which queues them in the connector's persistent
 *       session; the rate is values ÷ the time from enabling the connection until the connector reports every one
 *       acknowledged by Kafka (status.records) — the connector's pace, not the publisher's (a single QoS 1
 *       publisher is held to the broker's receive maximum, printed beside it);
 *   <li>Sparkplug B: an edge node with 10 devices of 10 metrics (aliases from their births) publishes
 *       {@code bench.sparkplug.values} values as DDATA of 10 metrics each, timed the same way.
 * </ol>
 * Every value has its own sampling time, so none is a duplicate record; a rejected value fails the run.
 */
public final class ConnectorBench {

  static final int TOPICS = 100;
  static final int DEVICES = 10;
  static final int METRICS = 10;

  public static void main(String[] args) throws Exception {
    long baselineRecords = Long.getLong("bench.baseline.records", 500_000);
    int mqttValues = Integer.getInteger("bench.mqtt.values", 200_000);
    int sparkplugValues = Integer.getInteger("bench.sparkplug.values", 200_000);
    int opcUaItems = Integer.getInteger("bench.opcua.items", 10_000);
    int opcUaSeconds = Integer.getInteger("bench.opcua.seconds", 30);
    String classpath = System.getProperty("java.class.path");
    try (LocalPlatform platform = BenchPlatform.start("brain-connector-bench")) {
      LatencyStats baseline = IngestionBench.producerPerformance(classpath, platform.kafkaBootstrap(),
          baselineRecords);
      String admin = platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "admin",
          BrainRealm.demoPassword("admin"));
      ApiClient api = org.enterprisebrain.cli.demo.Gateway.client(platform.gatewayUrl(), () -> admin);
      DemoSparkplug broker = platform.sparkplug();
      // a phase of 0 values is left out (to profile one)
      LatencyStats mqtt = mqttValues > 0 ? mqttJson(api, broker, mqttValues) : null;
      LatencyStats sparkplug = sparkplugValues > 0 ? sparkplugB(api, broker, sparkplugValues) : null;
      LatencyStats opcUa = opcUaItems > 0 ? opcUa(api, opcUaItems, opcUaSeconds) : null;
      System.out.println();
      System.out.printf("%-52s %12s %7s%n", "", "values/s", "ratio");
      print("raw Kafka producer (ProducerPerformance, 300 B)", baseline, baseline);
      print("MQTT JSON → connector → Kafka (" + mqttValues + " values)", mqtt, baseline);
      print("Sparkplug B → connector → Kafka (" + sparkplugValues + " values)", sparkplug, baseline);
      print("OPC UA, " + opcUaItems + " items changing every 1 s → Kafka", opcUa, baseline);
      if (opcUa != null) {
        System.out.printf("OPC UA: %,.0f of the %,d values/s the server changed reached Kafka (%.2f)%n",
            opcUa.recordsPerSecond(), opcUaItems, opcUa.recordsPerSecond() / opcUaItems);
      }
      System.out.println("(ratio = values/s acknowledged by Kafka through the connector ÷ raw producer records/s;"
          + " publisher, broker, connector and Kafka on the same machine)");
    }
  }

  static void print(String name, LatencyStats stats, LatencyStats baseline) {
    if (stats == null) {
      return;
    }
    System.out.printf("%-52s %,12.0f %7.2f%n", name, stats.recordsPerSecond(),
        stats.recordsPerSecond() / baseline.recordsPerSecond());
  }

  static LatencyStats mqttJson(ApiClient api, DemoSparkplug broker, int values) throws Exception {
    List<TagMapping> mappings = new ArrayList<>();
    for (int t = 0; t < TOPICS; t++) {
      mappings.add(new TagMapping().tag("bench/json/M" + t + "/temperature").entity(MappedEntity.TELEMETRY)
          .equipment("BENCH-M" + t).signal("bench.temperature").unit("Cel").valuePointer("/v").timePointer("/ts"));
    }
    long before = connect(api, new ConnectionSpec().id("bench-mqtt").plant("hz-01").sourceSystem("BENCH-MQTT")
        .protocol(Protocol.MQTT).endpoint(broker.endpoint()).username(DemoSparkplug.CONNECTOR_USER)
        .passwordSecret(DemoSparkplug.PASSWORD_SECRET), mappings);
    ConnectionsApi connections = new ConnectionsApi(api);
    ConnectionSpec spec = spec(connections.getConnection("bench-mqtt"));
    connections.updateConnection("bench-mqtt", spec.enabled(false));
    Mqtt5AsyncClient publisher = publisher(broker);
    long base = System.currentTimeMillis() - 3_600_000L;
    long published = System.nanoTime();
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (int i = 0; i < values; i++) {
      int topic = i % TOPICS;
      // each topic's values a millisecond apart: every one its own record id
      byte[] payload = ("{\"v\": " + (20 + (i % 97) / 10.0) + ", \"ts\": " + (base + i / TOPICS) + "}")
          .getBytes(StandardCharsets.UTF_8);
      sent.add(publisher.publishWith().topic("bench/json/M" + topic + "/temperature").payload(payload)
          .qos(MqttQos.AT_LEAST_ONCE).send());
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    System.out.printf("MQTT publisher: %,d values at QoS 1 in %.1f s (%,.0f/s), queued by the broker%n", values,
        (System.nanoTime() - published) / 1e9, values / ((System.nanoTime() - published) / 1e9));
    publisher.disconnect();
    long start = System.nanoTime();
    connections.updateConnection("bench-mqtt", spec.enabled(true));
    double seconds = awaitRecords(api, "bench-mqtt", before + values, start);
    return new LatencyStats(values, seconds, Double.NaN, Double.NaN);
  }

  static LatencyStats sparkplugB(ApiClient api, DemoSparkplug broker, int values) throws Exception {
    List<TagMapping> mappings = new ArrayList<>();
    for (int d = 0; d < DEVICES; d++) {
      for (int m = 0; m < METRICS; m++) {
        mappings.add(new TagMapping().tag("bench/NODE/D" + d + ":Metric" + m).entity(MappedEntity.TELEMETRY)
            .equipment("BENCH-D" + d).signal("bench.metric" + m).unit("1"));
      }
    }
    long before = connect(api, new ConnectionSpec().id("bench-sparkplug").plant("hz-01").sourceSystem("BENCH-SPB")
        .protocol(Protocol.SPARKPLUG_B).endpoint(broker.endpoint()).username(DemoSparkplug.CONNECTOR_USER)
        .passwordSecret(DemoSparkplug.PASSWORD_SECRET), mappings);
    Mqtt5AsyncClient edge = publisher(broker);
    SparkplugBPayloadEncoder encoder = new SparkplugBPayloadEncoder();
    long base = System.currentTimeMillis() - 3_600_000L;
    long seq = 0;
    // births: every metric with its alias and type, and its first value (values of their own)
    edge.publishWith().topic("spBv1.0/bench/NBIRTH/NODE").payload(encoder.getBytes(payload(seq++, List.of(
        metric("bdSeq", null, MetricDataType.Int64, 0L, base))), false)).qos(MqttQos.AT_LEAST_ONCE).send().join();
    for (int d = 0; d < DEVICES; d++) {
      List<Metric> metrics = new ArrayList<>();
      for (int m = 0; m < METRICS; m++) {
        metrics.add(metric("Metric" + m, (long) (d * METRICS + m), MetricDataType.Double, 0.0, base - 1));
      }
      edge.publishWith().topic("spBv1.0/bench/DBIRTH/NODE/D" + d).payload(encoder.getBytes(payload(seq++, metrics),
          false)).qos(MqttQos.AT_LEAST_ONCE).send().join();
    }
    long afterBirths = before + DEVICES * METRICS;
    awaitRecords(api, "bench-sparkplug", afterBirths, System.nanoTime());
    long start = System.nanoTime();
    List<CompletableFuture<?>> sent = new ArrayList<>();
    int messages = values / METRICS;
    for (int i = 0; i < messages; i++) {
      int d = i % DEVICES;
      long at = base + i / DEVICES;
      List<Metric> metrics = new ArrayList<>();
      for (int m = 0; m < METRICS; m++) {
        metrics.add(metric(null, (long) (d * METRICS + m), MetricDataType.Double, (double) (i % 1000), at));
      }
      sent.add(edge.publishWith().topic("spBv1.0/bench/DDATA/NODE/D" + d).payload(encoder.getBytes(
          payload(seq, metrics), false)).qos(MqttQos.AT_LEAST_ONCE).send());
      seq = (seq + 1) % 256;
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    double seconds = awaitRecords(api, "bench-sparkplug", afterBirths + (long) messages * METRICS, start);
    edge.disconnect();
    return new LatencyStats((long) messages * METRICS, seconds, Double.NaN, Double.NaN);
  }

  /**
   * A server with {@code items} variables (a third as many machines, three numbers each), every one changed each second;
   * the connector monitors all of them at 1 s. Values/s that reached Kafka over {@code seconds} after a warm-up.
   */
  static LatencyStats opcUa(ApiClient api, int items, int seconds) throws Exception {
    List<String> machines = new ArrayList<>();
    for (int m = 0; m < (items + 2) / 3; m++) {
      machines.add(String.format("BENCH-%05d", m));
    }
    java.nio.file.Path pki = java.nio.file.Files.createTempDirectory("bench-opcua");
    try (org.enterprisebrain.servers.opcua.OpcUaSimulator server = org.enterprisebrain.servers.opcua.OpcUaSimulator
        .start(org.enterprisebrain.servers.ManagedProcess.freePort(), machines, pki)) {
      List<String> nodes = new ArrayList<>();
      List<TagMapping> mappings = new ArrayList<>();
      for (String machine : machines) {
        for (String signal : List.of(org.enterprisebrain.servers.opcua.OpcUaSimulator.SPINDLE_SPEED,
            org.enterprisebrain.servers.opcua.OpcUaSimulator.TEMPERATURE,
            org.enterprisebrain.servers.opcua.OpcUaSimulator.SPINDLE_LOAD)) {
          String node = server.nodeId(machine, signal);
          nodes.add(node);
          mappings.add(new TagMapping().tag(node).entity(MappedEntity.TELEMETRY).equipment(machine)
              .signal("bench." + signal.toLowerCase(java.util.Locale.ROOT)).samplingIntervalMs(1000));
        }
      }
      java.util.concurrent.ScheduledExecutorService ticks = java.util.concurrent.Executors
          .newSingleThreadScheduledExecutor();
      java.util.concurrent.atomic.AtomicLong tick = new java.util.concurrent.atomic.AtomicLong();
      ticks.scheduleAtFixedRate(() -> {
        double v = tick.incrementAndGet();
        nodes.forEach(n -> server.set(n, v));
      }, 0, 1, TimeUnit.SECONDS);
      try {
        connect(api, new ConnectionSpec().id("bench-opcua").plant("hz-01").sourceSystem("BENCH-OPCUA")
            .protocol(Protocol.OPC_UA).endpoint(server.endpointUrl()), mappings);
        Thread.sleep(10_000); // the subscription's first full rounds
        long before = new ConnectionsApi(api).getConnection("bench-opcua").getStatus().getRecords();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long after = new ConnectionsApi(api).getConnection("bench-opcua").getStatus().getRecords();
        return new LatencyStats(after - before, (System.nanoTime() - start) / 1e9, Double.NaN, Double.NaN);
      } finally {
        ticks.shutdownNow();
        new ConnectionsApi(api).deleteConnection("bench-opcua");
      }
    }
  }

  static SparkplugBPayload payload(long seq, List<Metric> metrics) {
    SparkplugBPayload payload = new SparkplugBPayload(new Date(), new ArrayList<>(metrics));
    payload.setSeq(seq);
    return payload;
  }

  static Metric metric(String name, Long alias, MetricDataType type, Object value, long at) {
    return org.enterprisebrain.servers.mqtt.SparkplugEdgeNode.metric(name, alias, type, value, new Date(at));
  }

  static Mqtt5AsyncClient publisher(DemoSparkplug broker) throws Exception {
    Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier("bench-" + System.nanoTime())
        .serverHost("127.0.0.1").serverPort(broker.port()).simpleAuth().username(DemoSparkplug.CONNECTOR_USER)
        .password(broker.connectorPassword().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
    client.connect().get(30, TimeUnit.SECONDS);
    return client;
  }

  /** What a connection was created with, to change one setting of it. */
  static ConnectionSpec spec(Connection c) {
    return new ConnectionSpec().id(c.getId()).plant(c.getPlant()).sourceSystem(c.getSourceSystem())
        .protocol(c.getProtocol()).endpoint(c.getEndpoint()).securityPolicy(c.getSecurityPolicy())
        .mqttVersion(c.getMqttVersion())
        .username(c.getUsername()).passwordSecret(c.getPasswordSecret()).trustedCertificate(c.getTrustedCertificate())
        .enabled(c.getEnabled());
  }

  /** Creates the connection and its mappings, waits until it is connected; its records so far. */
  static long connect(ApiClient api, ConnectionSpec spec, List<TagMapping> mappings) throws Exception {
    new ConnectionsApi(api).createConnection(spec);
    new MappingsApi(api).putMappings(spec.getId(), mappings);
    for (long until = System.currentTimeMillis() + 60_000; System.currentTimeMillis() < until; Thread.sleep(200)) {
      Connection c = new ConnectionsApi(api).getConnection(spec.getId());
      if (c.getStatus().getState() == org.enterprisebrain.client.connectors.model.ConnectionStatus.StateEnum.CONNECTED
          && c.getStatus().getSubscribedTags() != null && c.getStatus().getSubscribedTags() == mappings.size()) {
        Thread.sleep(500); // the subscription follows the connection
        return c.getStatus().getRecords();
      }
    }
    throw new IllegalStateException(spec.getId() + " did not connect within a minute");
  }

  /** Seconds from {@code start} until the connection counts {@code records} acknowledged; nothing rejected. */
  static double awaitRecords(ApiClient api, String id, long records, long start) throws Exception {
    for (long until = System.currentTimeMillis() + 600_000; System.currentTimeMillis() < until; Thread.sleep(100)) {
      Connection c = new ConnectionsApi(api).getConnection(id);
      if (c.getStatus().getRejected() > 0) {
        throw new IllegalStateException(id + " rejected values: " + c.getStatus());
      }
      if (c.getStatus().getRecords() >= records) {
        return (System.nanoTime() - start) / 1e9;
      }
    }
    throw new IllegalStateException(id + " did not deliver " + records + " records within 10 minutes");
  }
}
