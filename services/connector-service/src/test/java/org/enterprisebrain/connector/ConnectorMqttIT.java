package org.enterprisebrain.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enterprisebrain.connector.ConnectorApiIT.await;
import static org.enterprisebrain.connector.ConnectorApiIT.payload;
import static org.enterprisebrain.connector.ConnectorApiIT.rejection;
import static org.enterprisebrain.testsupport.ServiceCalls.problem;
import static org.enterprisebrain.testsupport.ServiceCalls.status;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.enterprisebrain.servers.ManagedProcess;
import org.enterprisebrain.servers.mqtt.MqttBroker;
import org.enterprisebrain.servers.mqtt.SparkplugEdgeNode;
import org.enterprisebrain.testsupport.RealKafka;
import org.enterprisebrain.testsupport.ServiceCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The connector on a real MQTT broker (HiveMQ CE, embedded, with logins), real Kafka, PostgreSQL and Keycloak:
 * a Sparkplug B edge node's births, data by alias, seq gaps, deaths and a broken payload; plain MQTT topics with
 * JSON payloads over MQTT 3.1.1, their browse, unreadable payloads and a broker restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectorMqttIT {

  static final String PATH = ConnectorApiIT.PATH;
  static final String SECRET = "broker-connector";
  static final String GROUP = "hz-01";
  static final String NODE = "LINE-B";
  static final String PRESS = "PRESS-B01";
  static final Path WORK = work();
  /** The broker's own self-signed certificate (CN=localhost, SAN 127.0.0.1), unknown to the Java trust store. */
  static final org.enterprisebrain.servers.BrokerCertificate TLS = org.enterprisebrain.servers.BrokerCertificate
      .selfSigned(WORK.resolve("broker-tls"));
  static final MqttBroker BROKER = MqttBroker.start(ManagedProcess.freePort(),
      Map.of("connector", "c0nnector-pw", "edge", "edge-pw"),
      new MqttBroker.Tls(ManagedProcess.freePort(), TLS.keystore(), TLS.password()));

  static Path work() {
    return ConnectorApiIT.workDir(Map.of(SECRET, "c0nnector-pw", "wrong", "not-the-password"));
  }

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ConnectorApiIT.connectorSettings(registry, WORK);
    registry.add("brain.connector.browse-window", () -> "1s");
  }

  @AfterAll
  static void stopBroker() {
    BROKER.close();
  }

  @Value("${local.server.port}")
  int port;

  @Value("${brain.connector.mqtt-sessions}")
  int mqttSessions;

  @org.springframework.beans.factory.annotation.Autowired
  org.enterprisebrain.connector.connections.Connectors connectors;

  @org.springframework.beans.factory.annotation.Autowired
  org.enterprisebrain.connector.connections.ConnectionStore store;

  final ServiceCalls calls = new ServiceCalls(() -> port);

  static Map<String, Object> connection(String id, String protocol, String secret) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", id);
    c.put("plant", "hz-01");
    c.put("sourceSystem", "MES-A");
    c.put("protocol", protocol);
    c.put("endpoint", BROKER.endpoint());
    c.put("username", "connector");
    c.put("passwordSecret", secret);
    return c;
  }

  JsonNode awaitConnection(String id, Predicate<JsonNode> state, String what) throws Exception {
    return ConnectorApiIT.awaitConnection(calls, id, state, what);
  }

  static String tag(String device, String metric) {
    return GROUP + "/" + NODE + "/" + device + ":" + metric;
  }

  static Predicate<ConsumerRecord<String, String>> equipment(String id) {
    return payload("equipment", id);
  }

  @Test
  @Order(1)
  void aSparkplugEdgeNodesMetricsBecomeRecordsAfterTheRebirthTheConnectorAsksFor() throws Exception {
    // the node was born before the connector came: its data cannot be read until it is born again
    SparkplugEdgeNode edge = SparkplugEdgeNode.start("127.0.0.1", BROKER.port(), "edge", "edge-pw", GROUP, NODE,
        List.of(PRESS, "PRESS-B02"));
    try {
      // what one spec cannot say about a protocol's endpoint, options and tags is refused, naming the field
      Map<String, Object> opcEndpoint = connection("x", "sparkplug-b", SECRET);
      opcEndpoint.put("endpoint", "opc.tcp://127.0.0.1:4840/brain");
      problem(calls.json("POST", PATH, "integrator", opcEndpoint), 400, "/endpoint");
      Map<String, Object> uaSecurity = connection("x", "mqtt", SECRET);
      uaSecurity.put("securityPolicy", "basic256sha256");
      problem(calls.json("POST", PATH, "integrator", uaSecurity), 400, "/securityPolicy");

      JsonNode created = status(calls.json("POST", PATH, "integrator", connection("hz-01-line-b-spb", "sparkplug-b",
          SECRET)), 201);
      assertThat(created.path("mqttVersion").asString()).isEqualTo("5");
      var bad = calls.json("PUT", PATH + "/hz-01-line-b-spb/mappings", "integrator", List.of(
          Map.of("tag", "hz-01/LINE-B/PRESS-B01/Current", "entity", "telemetry", "equipment", PRESS, "signal", "c"),
          Map.of("tag", tag(PRESS, "Temperature"), "entity", "telemetry", "equipment", PRESS, "signal", "t",
              "valuePointer", "/v")));
      problem(bad, 400, "/0/tag");
      problem(bad, 400, "/1/valuePointer");
      status(calls.json("PUT", PATH + "/hz-01-line-b-spb/mappings", "integrator", List.of(
          Map.of("tag", tag(PRESS, SparkplugEdgeNode.CURRENT), "entity", "telemetry", "equipment", PRESS,
              "signal", "motor.current", "unit", "A"),
          Map.of("tag", tag(PRESS, SparkplugEdgeNode.STATE), "entity", "equipment-state", "equipment", PRESS,
              "states", Map.of("RUNNING", "running", "IDLE", "idle", "DOWN", "down")))), 200);
      awaitConnection("hz-01-line-b-spb", c -> c.path("status").path("state").asString().equals("connected")
          && c.path("status").path("subscribedTags").asInt() == 2, "connected and subscribed");

      edge.set(PRESS, SparkplugEdgeNode.STATE, "RUNNING");
      JsonNode asked = awaitConnection("hz-01-line-b-spb", c -> c.path("status").path("rebirthRequests").asInt() >= 1,
          "a rebirth requested for data before a birth");
      assertThat(asked.path("status").path("sequenceGaps").asInt()).isGreaterThanOrEqualTo(1);
      // the births carry every current value: the state set a moment ago is the first record
      await(ConnectorApiIT.STATES, equipment(PRESS).and(payload("state", "running")), 1);
      assertThat(edge.rebirths()).isGreaterThanOrEqualTo(1);

      // data by alias only, now that the births said what each alias is
      edge.set(PRESS, SparkplugEdgeNode.CURRENT, 12.75);
      ConsumerRecord<String, String> current = await(ConnectorApiIT.TELEMETRY, equipment(PRESS)
          .and(r -> JSON().readTree(r.value()).path("payload").path("value").asDouble() == 12.75), 1).get(0);
      JsonNode record = JSON().readTree(current.value());
      assertThat(record.path("payload").path("signal").asString()).isEqualTo("motor.current");
      assertThat(record.path("payload").path("unit").asString()).isEqualTo("A");
      assertThat(record.path("source").path("system").asString()).isEqualTo("MES-A");
      assertThat(ConnectorApiIT.header(current, "brain-ingested-by")).isEqualTo("connector:hz-01-line-b-spb");
      // PRESS-B02 and the temperature are not mapped: no record of them
      assertThat(TopicRecords.read(RealKafka.bootstrapServers(), ConnectorApiIT.TELEMETRY,
          equipment("PRESS-B02"), 0)).isEmpty();

      // a lost message: the seq skips one, the gap is counted and the node asked to be born again
      long gaps = status(calls.get(PATH + "/hz-01-line-b-spb", "integrator"), 200).path("status")
          .path("sequenceGaps").asLong();
      int rebirths = edge.rebirths();
      Thread.sleep(1100); // one rebirth request per node and retry interval
      edge.skipSeq();
      edge.set(PRESS, SparkplugEdgeNode.CURRENT, 13.5);
      awaitConnection("hz-01-line-b-spb", c -> c.path("status").path("sequenceGaps").asLong() == gaps + 1,
          "the gap counted");
      await(ConnectorApiIT.TELEMETRY, equipment(PRESS)
          .and(r -> JSON().readTree(r.value()).path("payload").path("value").asDouble() == 13.5), 1);
      for (long until = System.currentTimeMillis() + 10_000; edge.rebirths() == rebirths
          && System.currentTimeMillis() < until; ) {
        Thread.sleep(100);
      }
      assertThat(edge.rebirths()).as("the node was asked to rebirth after the gap").isGreaterThan(rebirths);

      // the device dies: its equipment is down, reason OFFLINE, from the death's time
      edge.deviceDeath(PRESS);
      JsonNode offline = JSON().readTree(await(ConnectorApiIT.STATES, equipment(PRESS)
          .and(payload("reasonCode", "OFFLINE")), 1).get(0).value());
      assertThat(offline.path("payload").path("state").asString()).isEqualTo("down");

      // a payload that is no Sparkplug B: on the dead letters with its bytes, and the connector goes on
      byte[] garbage = {(byte) 0xff, 0x01, 0x02, (byte) 0x80};
      edge.publishRaw(edge.dataTopic(PRESS), garbage);
      ConsumerRecord<String, String> dead = await(ConnectorApiIT.REJECTED,
          rejection("hz-01-line-b-spb", edge.dataTopic(PRESS)), 1).get(0);
      JsonNode deadLetter = JSON().readTree(dead.value());
      assertThat(deadLetter.path("protocol").asString()).isEqualTo("sparkplug-b");
      assertThat(Base64.getDecoder().decode(deadLetter.path("raw").asString())).isEqualTo(garbage);
      assertThat(deadLetter.path("reason").asString()).contains("not a Sparkplug B payload");
      edge.births();
      edge.set(PRESS, SparkplugEdgeNode.CURRENT, 14.25);
      await(ConnectorApiIT.TELEMETRY, equipment(PRESS)
          .and(r -> JSON().readTree(r.value()).path("payload").path("value").asDouble() == 14.25), 1);

      // what a user maps from: the metrics the births declared
      JsonNode metrics = status(calls.get(PATH + "/hz-01-line-b-spb/browse?node=" + ConnectorApiIT.enc(GROUP + "/"
          + NODE + "/PRESS-B02"), "integrator"), 200);
      assertThat(metrics.valueStream().map(n -> n.path("nodeId").asString()).toList()).containsExactlyInAnyOrder(
          tag("PRESS-B02", "Temperature"), tag("PRESS-B02", "Current"), tag("PRESS-B02", "State"));
      assertThat(metrics.valueStream().filter(n -> n.path("displayName").asString().equals("Current")).findFirst()
          .orElseThrow().path("dataType").asString()).isEqualTo("Double");

      // the host's STATE is retained online on the broker, as Sparkplug 3.0 asks
      try (var probe = new Probe()) {
        assertThat(new String(probe.retained("spBv1.0/STATE/brain-hz-01-line-b-spb"), StandardCharsets.UTF_8))
            .contains("\"online\":true");
      }
    } finally {
      edge.close();
    }
  }

  @Test
  @Order(4)
  void mqttsChecksTheBrokersCertificateAgainstTheCertificateTheConnectionTrusts() throws Exception {
    String pem = java.nio.file.Files.readString(TLS.certificate());
    Map<String, Object> garbled = connection("hz-01-dryer-x", "mqtt", SECRET);
    garbled.put("endpoint", BROKER.tlsEndpoint());
    garbled.put("trustedCertificate", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    problem(calls.json("POST", PATH, "integrator", garbled), 400, "/trustedCertificate");
    Map<String, Object> plain = connection("hz-01-dryer-x", "mqtt", SECRET);
    plain.put("trustedCertificate", pem);
    problem(calls.json("POST", PATH, "integrator", plain), 400, "/trustedCertificate");

    // the Java trust store does not know the broker's certificate: no connection, and the status says why
    Map<String, Object> untrusted = connection("hz-01-dryer-untrusted", "mqtt", SECRET);
    untrusted.put("endpoint", BROKER.tlsEndpoint());
    status(calls.json("POST", PATH, "integrator", untrusted), 201);
    JsonNode refused = awaitConnection("hz-01-dryer-untrusted", c -> c.path("status").has("lastError"), "refused");
    assertThat(refused.path("status").path("state").asString()).isEqualTo("connecting");
    assertThat(refused.path("status").path("lastError").asString()).containsIgnoringCase("certif");
    assertThat(calls.send("DELETE", PATH + "/hz-01-dryer-untrusted", "integrator", null, null).statusCode())
        .isEqualTo(204);

    // trusting the broker's certificate: connected over TLS, and what the dryer publishes becomes a record
    Map<String, Object> trusted = connection("hz-01-dryer", "mqtt", SECRET);
    trusted.put("endpoint", BROKER.tlsEndpoint());
    trusted.put("trustedCertificate", pem);
    JsonNode created = status(calls.json("POST", PATH, "integrator", trusted), 201);
    assertThat(created.path("trustedCertificate").asString()).isEqualTo(pem);
    String topic = "hz-01/line-c/DRYER-01/temperature";
    status(calls.json("PUT", PATH + "/hz-01-dryer/mappings", "integrator", List.of(Map.of("tag", topic,
        "entity", "telemetry", "equipment", "DRYER-01", "signal", "dryer.temperature", "unit", "Cel"))), 200);
    awaitConnection("hz-01-dryer", c -> c.path("status").path("state").asString().equals("connected")
        && c.path("status").path("subscribedTags").asInt() == 1, "connected over TLS and subscribed");
    try (Probe device = new Probe()) {
      device.publish(topic, "64.5".getBytes(StandardCharsets.UTF_8), false);
      await(ConnectorApiIT.TELEMETRY, equipment("DRYER-01")
          .and(r -> JSON().readTree(r.value()).path("payload").path("value").asDouble() == 64.5), 1);
    }
    assertThat(calls.send("DELETE", PATH + "/hz-01-dryer", "integrator", null, null).statusCode()).isEqualTo(204);
  }

  @Test
  @Order(3)
  void aSecretThatIsNotThereKeepsOnlyItsOwnConnectionWaiting() throws Exception {
    java.nio.file.Path secret = WORK.resolve("secrets").resolve("mounted-later");
    java.nio.file.Files.writeString(secret, "c0nnector-pw\n");
    Map<String, Object> spec = connection("hz-01-later", "mqtt", "mounted-later");
    status(calls.json("POST", PATH, "integrator", spec), 201);
    awaitConnection("hz-01-later", c -> c.path("status").path("state").asString().equals("connected"), "connected");
    // the connector restarts while the Secret is not mounted (the API refuses such a change, a restart cannot):
    // the connection cannot open and says why, and the service and the other connections go on
    java.nio.file.Files.delete(secret);
    connectors.remove("hz-01-later");
    connectors.apply(store.find("hz-01-later").orElseThrow().config());
    JsonNode waiting = awaitConnection("hz-01-later", c -> c.path("status").path("lastError").asString()
        .contains("cannot be read"), "waiting for its secret");
    assertThat(waiting.path("status").path("state").asString()).isEqualTo("connecting");
    assertThat(status(calls.get(PATH + "/hz-01-oven", "integrator"), 200).path("status").path("state").asString())
        .isEqualTo("connected");
    // mounted again: connected at the next try
    java.nio.file.Files.writeString(secret, "c0nnector-pw\n");
    awaitConnection("hz-01-later", c -> c.path("status").path("state").asString().equals("connected"),
        "connected once the secret is back");
  }

  /** A test client of the broker: publishes as a device would and reads what is retained. */
  static final class Probe implements AutoCloseable {

    final Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("probe-" + System.nanoTime())
        .serverHost("127.0.0.1").serverPort(BROKER.port()).simpleAuth().username("edge")
        .password("edge-pw".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildBlocking();

    Probe() {
      client.connect();
    }

    void publish(String topic, byte[] payload, boolean retain) {
      client.publishWith().topic(topic).payload(payload).qos(MqttQos.AT_LEAST_ONCE).retain(retain).send();
    }

    byte[] retained(String topic) throws Exception {
      try (var publishes = client.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        return publishes.receive(10, java.util.concurrent.TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes();
      }
    }

    @Override
    public void close() {
      client.disconnect();
    }
  }

  static tools.jackson.databind.json.JsonMapper JSON() {
    return ConnectorApiIT.JSON;
  }

  @Test
  @Order(2)
  void plainMqttTopicsWithJsonPayloadsOverMqtt311AndALostSession() throws Exception {
    Map<String, Object> wrong = connection("hz-01-oven-wrong", "mqtt", "wrong");
    status(calls.json("POST", PATH, "integrator", wrong), 201);
    JsonNode refused = awaitConnection("hz-01-oven-wrong", c -> c.path("status").has("lastError"), "refused");
    assertThat(refused.path("status").path("state").asString()).isEqualTo("connecting");
    assertThat(calls.send("DELETE", PATH + "/hz-01-oven-wrong", "integrator", null, null).statusCode())
        .isEqualTo(204);

    Map<String, Object> spec = connection("hz-01-oven", "mqtt", SECRET);
    spec.put("mqttVersion", "3.1.1");
    status(calls.json("POST", PATH, "integrator", spec), 201);
    String topic = "hz-01/line-c/OVEN-01/temperature";
    status(calls.json("PUT", PATH + "/hz-01-oven/mappings", "integrator", List.of(
        Map.of("tag", topic, "entity", "telemetry", "equipment", "OVEN-01", "signal", "oven.temperature",
            "unit", "Cel", "valuePointer", "/value", "timePointer", "/ts"))), 200);
    problem(calls.json("PUT", PATH + "/hz-01-oven/mappings", "integrator", List.of(Map.of("tag", "hz-01/+/x",
        "entity", "telemetry", "equipment", "OVEN-01", "signal", "s"))), 400, "/0/tag");
    awaitConnection("hz-01-oven", c -> c.path("status").path("state").asString().equals("connected")
        && c.path("status").path("subscribedTags").asInt() == 1, "connected and subscribed");

    try (Probe device = new Probe()) {
      device.publish(topic, "{\"value\": 181.5, \"ts\": 1796601600000}".getBytes(StandardCharsets.UTF_8), true);
      JsonNode oven = JSON().readTree(await(ConnectorApiIT.TELEMETRY, equipment("OVEN-01")
          .and(r -> JSON().readTree(r.value()).path("payload").path("value").asDouble() == 181.5), 1).get(0).value());
      assertThat(oven.path("payload").path("sampledAt").asString()).isEqualTo("2026-12-07T00:00:00Z");

      // not JSON, not UTF-8: dead letters with the bytes as sent
      device.publish(topic, "181.5 degrees".getBytes(StandardCharsets.UTF_8), false);
      byte[] latin1 = "temp=181°".getBytes(StandardCharsets.ISO_8859_1);
      device.publish(topic, latin1, false);
      List<ConsumerRecord<String, String>> dead = await(ConnectorApiIT.REJECTED, rejection("hz-01-oven", topic), 2);
      assertThat(dead.stream().map(r -> JSON().readTree(r.value()).path("reason").asString()).toList())
          .anyMatch(r -> r.contains("not JSON")).anyMatch(r -> r.contains("not UTF-8"));
      assertThat(dead.stream().map(r -> Base64.getDecoder().decode(JSON().readTree(r.value()).path("raw")
          .asString())).toList()).anySatisfy(raw -> assertThat(raw).isEqualTo(latin1));

      // browse: the topics the broker carries, with their payload's kind
      JsonNode topics = status(calls.get(PATH + "/hz-01-oven/browse?node=" + ConnectorApiIT.enc("hz-01/line-c/#"),
          "integrator"), 200);
      assertThat(topics.valueStream().filter(n -> n.path("nodeId").asString().equals(topic)).findFirst()
          .orElseThrow().path("dataType").asString()).isEqualTo("json");
    }

    // the connector away (the connection disabled): the broker keeps its persistent session and queues what the
    // device publishes; back, the connector gets every one — more than the broker's in-flight window, which it sends
    // before the connector has subscribed again — each a record, none twice
    spec.put("enabled", false);
    status(calls.json("PUT", PATH + "/hz-01-oven", "integrator", spec), 200);
    awaitConnection("hz-01-oven", c -> c.path("status").path("state").asString().equals("disabled"), "disabled");
    int away = 150;
    long firstAway = 1796601700000L; // 2026-12-07T00:01:40Z
    try (Probe device = new Probe()) {
      for (int i = 0; i < away; i++) {
        device.publish(topic, ("{\"value\": " + (100 + i) + ", \"ts\": " + (firstAway + i * 1000L) + "}")
            .getBytes(StandardCharsets.UTF_8), false);
      }
    }
    spec.put("enabled", true);
    status(calls.json("PUT", PATH + "/hz-01-oven", "integrator", spec), 200);
    List<ConsumerRecord<String, String>> queued = await(ConnectorApiIT.TELEMETRY, equipment("OVEN-01").and(r ->
        !java.time.Instant.parse(JSON().readTree(r.value()).path("payload").path("sampledAt").asString())
            .isBefore(java.time.Instant.ofEpochMilli(firstAway))), away);
    assertThat(queued.stream().map(r -> JSON().readTree(r.value()).path("id").asString()).distinct())
        .hasSize(away);

    // the connection is lost and the broker forgets the session (another client takes the connector's id with a
    // clean session, as after a broker restart): the connector reconnects and subscribes again
    long reconnects = status(calls.get(PATH + "/hz-01-oven", "integrator"), 200).path("status").path("reconnects")
        .asLong();
    Mqtt5BlockingClient usurper = MqttClient.builder().useMqttVersion5()
        .identifier(org.enterprisebrain.connector.mqtt.MqttTopicLink.clientId("hz-01-oven", topic, mqttSessions))
        .serverHost("127.0.0.1").serverPort(BROKER.port()).simpleAuth().username("edge")
        .password("edge-pw".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildBlocking();
    usurper.connectWith().cleanStart(true).send();
    usurper.disconnect();
    awaitConnection("hz-01-oven", c -> c.path("status").path("state").asString().equals("connected")
        && c.path("status").path("reconnects").asLong() > reconnects, "reconnected");
    Thread.sleep(500); // the subscription follows the connection
    try (Probe device = new Probe()) {
      device.publish(topic, "{\"value\": 182.25, \"ts\": 1796601660000}".getBytes(StandardCharsets.UTF_8), false);
      await(ConnectorApiIT.TELEMETRY, equipment("OVEN-01")
          .and(r -> JSON().readTree(r.value()).path("payload").path("value").asDouble() == 182.25), 1);
    }
  }
}
