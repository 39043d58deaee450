package org.enterprisebrain.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enterprisebrain.testsupport.ServiceCalls.problem;
import static org.enterprisebrain.testsupport.ServiceCalls.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.enterprisebrain.servers.ManagedProcess;
import org.enterprisebrain.servers.opcua.OpcUaSimulator;
import org.enterprisebrain.standard.TopicSchemas;
import org.enterprisebrain.standard.Topics;
import org.enterprisebrain.testsupport.RealKafka;
import org.enterprisebrain.testsupport.RealKeycloak;
import org.enterprisebrain.testsupport.RealPostgres;
import org.enterprisebrain.testsupport.SecuredApi;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The connector on a real OPC UA server (Milo's server SDK, the demo plant's machines as nodes), real Kafka,
 * PostgreSQL and Keycloak: an integrator connects a machine, browses it, maps its nodes; each data change is the
 * data standard's record on the entity's topic with the ingestion API's headers and key; what cannot be a record
 * is on the dead-letter topic with its raw value and reason; a server restart is survived with the subscription
 * as it was; Basic256Sha256 with a username connects once the server's certificate is trusted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectorApiIT implements SecuredApi {

  static final JsonMapper JSON = ServiceCalls.JSON;
  static final String TELEMETRY = Topics.of("equipment", "telemetry", 1);
  static final String STATES = Topics.of("equipment", "equipment-state", 1);
  static final String REJECTED = TopicSchemas.topic("connector-rejected.v1");
  static final String PATH = "/api/v1/connectors/connections";
  static final String SECRET = "simulator-operator";
  static final Path WORK = temp();
  static final OpcUaSimulator SIMULATOR = OpcUaSimulator.start(ManagedProcess.freePort(), List.of("CNC-01", "CNC-02"),
      WORK.resolve("simulator-pki"), "s3cret-operator");

  static Path temp() {
    return workDir(Map.of(SECRET, "s3cret-operator"));
  }

  /** A connector's data directory and its secrets, as kubectl create secret --from-file leaves them. */
  static Path workDir(Map<String, String> secrets) {
    try {
      Path dir = Files.createTempDirectory("connector-it");
      Files.createDirectories(dir.resolve("secrets"));
      for (Map.Entry<String, String> secret : secrets.entrySet()) {
        // with a line end the connector must not send
        Files.writeString(dir.resolve("secrets").resolve(secret.getKey()), secret.getValue() + "\n");
      }
      return dir;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The settings every connector test sets: its servers, directories and a short retry. */
  static void connectorSettings(DynamicPropertyRegistry registry, Path work) {
    registry.add("spring.kafka.bootstrap-servers", RealKafka::bootstrapServers);
    RealPostgres.datasource(registry, "connector");
    RealKeycloak.resourceServer(registry);
    registry.add("brain.connector.secrets-dir", () -> work.resolve("secrets").toString());
    registry.add("brain.connector.data-dir", () -> work.resolve("data").toString());
    registry.add("brain.connector.retry", () -> "1s");
    registry.add("server.address", () -> "127.0.0.1");
  }

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    connectorSettings(registry, WORK);
    registry.add("brain.security.clock-skew", () -> "1s"); // the forged-token test waits out an expiry
  }

  @AfterAll
  static void stopSimulator() {
    SIMULATOR.stop();
  }

  @Value("${local.server.port}")
  int port;

  final ServiceCalls calls = new ServiceCalls(() -> port);

  @Override
  public Service securedService() {
    return new Service("http://127.0.0.1:" + port, "connectors", Duration.ofSeconds(1));
  }

  static Map<String, Object> connection(String id, String plant, String system, String endpoint) {
    Map<String, Object> c = new java.util.LinkedHashMap<>();
    c.put("id", id);
    c.put("plant", plant);
    c.put("sourceSystem", system);
    c.put("protocol", "opc-ua");
    c.put("endpoint", endpoint);
    return c;
  }

  JsonNode awaitConnection(String id, Predicate<JsonNode> state, String what) throws Exception {
    return awaitConnection(calls, id, state, what);
  }

  static JsonNode awaitConnection(ServiceCalls calls, String id, Predicate<JsonNode> state, String what)
      throws Exception {
    JsonNode c = null;
    for (long until = System.currentTimeMillis() + 45_000; System.currentTimeMillis() < until; Thread.sleep(250)) {
      c = status(calls.get(PATH + "/" + id, "integrator"), 200);
      if (state.test(c)) {
        return c;
      }
    }
    throw new AssertionError(what + " within 45 s: " + c);
  }

  /** The records of {@code topic} that {@code wanted} selects, from the beginning, once {@code count} are there. */
  static List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> wanted,
      int count) {
    List<ConsumerRecord<String, String>> found = TopicRecords.read(RealKafka.bootstrapServers(), topic, wanted, count);
    assertThat(found).as(topic).hasSizeGreaterThanOrEqualTo(count);
    return found;
  }

  static String header(ConsumerRecord<String, String> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  static Predicate<ConsumerRecord<String, String>> payload(String field, String value) {
    return r -> JSON.readTree(r.value()).path("payload").path(field).asString().equals(value);
  }

  static Predicate<ConsumerRecord<String, String>> rejection(String connection, String tag) {
    return r -> {
      JsonNode m = JSON.readTree(r.value());
      return m.path("connection").asString().equals(connection) && m.path("tag").asString().equals(tag);
    };
  }

  @Test
  @Order(1)
  void anIntegratorConnectsAMachineOfItsPlantAndBrowsesItsNodes() throws Exception {
    // another source system, another plant, a malformed connection: refused, naming the field
    problem(calls.json("POST", PATH, "integrator", connection("x", "hz-01", "SCADA-A", SIMULATOR.endpointUrl())),
        403, "/sourceSystem");
    problem(calls.json("POST", PATH, "integrator", connection("x", "nb-02", "MES-A", SIMULATOR.endpointUrl())),
        403, "/plant");
    var bad = calls.json("POST", PATH, "integrator", connection("-x", "hz-01", "MES-A", "http://plc:80"));
    problem(bad, 400, "/id");
    problem(bad, 400, "/endpoint");
    Map<String, Object> withMissingSecret = connection("x", "hz-01", "MES-A", SIMULATOR.endpointUrl());
    withMissingSecret.put("passwordSecret", "nobody-put-it-there");
    problem(calls.json("POST", PATH, "integrator", withMissingSecret), 400, "/passwordSecret");

    JsonNode created = status(calls.json("POST", PATH, "integrator",
        connection("hz-01-cnc", "hz-01", "MES-A", SIMULATOR.endpointUrl())), 201);
    assertThat(created.path("createdBy").asString()).isEqualTo("integrator");
    assertThat(created.path("securityPolicy").asString()).isEqualTo("none");
    problem(calls.json("POST", PATH, "integrator", connection("hz-01-cnc", "hz-01", "MES-A",
        SIMULATOR.endpointUrl())), 409, "/id");
    awaitConnection("hz-01-cnc", c -> c.path("status").path("state").asString().equals("connected"), "connected");

    // what a user picks tags from: Objects → DemoPlant → a machine → its variables
    JsonNode root = status(calls.get(PATH + "/hz-01-cnc/browse", "integrator"), 200);
    JsonNode plant = root.valueStream().filter(n -> n.path("browseName").asString().equals("DemoPlant")).findFirst()
        .orElseThrow();
    assertThat(plant.path("hasChildren").asBoolean()).isTrue();
    JsonNode machines = status(calls.get(PATH + "/hz-01-cnc/browse?node=" + enc(plant.path("nodeId").asString()),
        "integrator"), 200);
    assertThat(machines.valueStream().map(n -> n.path("browseName").asString()).toList())
        .containsExactlyInAnyOrder("CNC-01", "CNC-02");
    JsonNode cnc01 = machines.valueStream().filter(n -> n.path("browseName").asString().equals("CNC-01")).findFirst()
        .orElseThrow();
    JsonNode variables = status(calls.get(PATH + "/hz-01-cnc/browse?node=" + enc(cnc01.path("nodeId").asString()),
        "integrator"), 200);
    assertThat(variables.valueStream().map(n -> n.path("nodeId").asString()).toList()).containsExactlyInAnyOrder(
        SIMULATOR.nodeId("CNC-01", OpcUaSimulator.SPINDLE_SPEED), SIMULATOR.nodeId("CNC-01", OpcUaSimulator.TEMPERATURE),
        SIMULATOR.nodeId("CNC-01", OpcUaSimulator.STATE), SIMULATOR.nodeId("CNC-01", OpcUaSimulator.SPINDLE_LOAD));
    assertThat(variables.valueStream().filter(n -> n.path("browseName").asString().equals("Temperature"))
        .findFirst().orElseThrow().path("dataType").asString()).isEqualTo("i=11"); // Double
    problem(calls.get(PATH + "/hz-01-cnc/browse?node=" + enc("not a node"), "integrator"), 400, "node");
    // another plant's manager does not see it at all
    problem(calls.get(PATH + "/hz-01-cnc", "engineer-nb"), 404, "connection");
    assertThat(status(calls.get(PATH, "engineer-nb"), 200).size()).isZero();
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static List<Map<String, Object>> cncMappings() {
    Map<String, Object> speed = new java.util.LinkedHashMap<>(Map.of("tag", SIMULATOR.nodeId("CNC-01", "SpindleSpeed"),
        "entity", "telemetry", "equipment", "CNC-01", "signal", "spindle.speed", "unit", "r/min",
        "samplingIntervalMs", 100, "deadband", 5));
    Map<String, Object> temperature = Map.of("tag", SIMULATOR.nodeId("CNC-01", "Temperature"), "entity", "telemetry",
        "equipment", "CNC-01", "signal", "spindle.temperature", "unit", "Cel", "samplingIntervalMs", 100);
    Map<String, Object> state = Map.of("tag", SIMULATOR.nodeId("CNC-01", "State"), "entity", "equipment-state",
        "equipment", "CNC-01", "samplingIntervalMs", 100,
        "states", Map.of("RUNNING", "running", "IDLE", "idle", "DOWN", "down"));
    Map<String, Object> unknown = Map.of("tag", "ns=" + SIMULATOR.namespaceIndex() + ";s=CNC-09.Nope",
        "entity", "telemetry", "equipment", "CNC-09", "signal", "nope");
    return List.of(speed, temperature, state, unknown);
  }

  @Test
  @Order(2)
  void mappedNodesBecomeTheDataStandardsRecordsOnItsTopics() throws Exception {
    // all or nothing, each error naming its field
    List<Map<String, Object>> bad = new ArrayList<>(cncMappings());
    bad.set(0, Map.of("tag", "ns=2;s=X", "entity", "telemetry", "equipment", "CNC-01"));
    bad.set(2, Map.of("tag", "ns=2;s=Y", "entity", "equipment-state", "equipment", "CNC-01"));
    bad.set(3, Map.of("tag", "ns=2;s=X", "entity", "telemetry", "equipment", "CNC-01", "signal", "s",
        "samplingIntervalMs", 1));
    var refused = calls.json("PUT", PATH + "/hz-01-cnc/mappings", "integrator", bad);
    problem(refused, 400, "/0/signal");
    problem(refused, 400, "/2/states");
    // a state the data standard does not know is not even read
    problem(calls.json("PUT", PATH + "/hz-01-cnc/mappings", "integrator", List.of(Map.of("tag", "ns=2;s=Y",
        "entity", "equipment-state", "equipment", "CNC-01", "states", Map.of("RUNNING", "busy")))), 400,
        "0/states/RUNNING");
    problem(refused, 400, "/3/samplingIntervalMs");
    problem(refused, 400, "/3/tag"); // mapped twice
    assertThat(status(calls.get(PATH + "/hz-01-cnc/mappings", "integrator"), 200).size()).isZero();
    assertThat(calls.json("PUT", PATH + "/hz-01-cnc/mappings", "manager", cncMappings()).statusCode()).isEqualTo(403);

    JsonNode mapped = status(calls.json("PUT", PATH + "/hz-01-cnc/mappings", "integrator", cncMappings()), 200);
    assertThat(mapped.size()).isEqualTo(4);
    awaitConnection("hz-01-cnc", c -> c.path("status").path("subscribedTags").asInt() == 3, "three nodes monitored");

    SIMULATOR.set(SIMULATOR.nodeId("CNC-01", "SpindleSpeed"), 1200.0);
    SIMULATOR.set(SIMULATOR.nodeId("CNC-01", "Temperature"), 71.5);
    SIMULATOR.set(SIMULATOR.nodeId("CNC-01", "State"), "RUNNING");

    ConsumerRecord<String, String> speed = await(TELEMETRY, payload("signal", "spindle.speed")
        .and(r -> JSON.readTree(r.value()).path("payload").path("value").asDouble() == 1200.0), 1).get(0);
    JsonNode record = JSON.readTree(speed.value());
    assertThat(record.path("plant").asString()).isEqualTo("hz-01");
    assertThat(record.path("source").path("system").asString()).isEqualTo("MES-A");
    assertThat(record.path("source").path("kind").asString()).isEqualTo("IOT");
    assertThat(record.path("payload").path("unit").asString()).isEqualTo("r/min");
    assertThat(record.path("payload").path("quality").asString()).isEqualTo("good");
    // the ingestion API's key and headers: consumers cannot tell the connector's record from an integrator's
    assertThat(speed.key()).isEqualTo("hz-01|CNC-01");
    assertThat(header(speed, Topics.HEADER_RECORD_ID)).isEqualTo(record.path("id").asString())
        .startsWith("CNC-01:spindle.speed:");
    assertThat(header(speed, Topics.HEADER_SOURCE_SYSTEM)).isEqualTo("MES-A");
    assertThat(header(speed, Topics.HEADER_SCHEMA_VERSION)).isEqualTo("1");
    assertThat(header(speed, Topics.HEADER_GRADE)).isNotBlank();
    assertThat(header(speed, Topics.HEADER_INGESTED_BY)).isEqualTo("connector:hz-01-cnc");
    await(TELEMETRY, payload("signal", "spindle.temperature")
        .and(r -> JSON.readTree(r.value()).path("payload").path("value").asDouble() == 71.5), 1);
    ConsumerRecord<String, String> running = await(STATES, payload("state", "running"), 1).get(0);
    assertThat(running.key()).isEqualTo("hz-01|CNC-01");

    // within the deadband (5 r/min): no record; past it: one
    SIMULATOR.set(SIMULATOR.nodeId("CNC-01", "SpindleSpeed"), 1202.0);
    SIMULATOR.set(SIMULATOR.nodeId("CNC-01", "SpindleSpeed"), 1210.0);
    await(TELEMETRY, payload("signal", "spindle.speed")
        .and(r -> JSON.readTree(r.value()).path("payload").path("value").asDouble() == 1210.0), 1);
    assertThat(await(TELEMETRY, payload("signal", "spindle.speed"), 0).stream()
        .map(r -> JSON.readTree(r.value()).path("payload").path("value").asDouble())).doesNotContain(1202.0);

    // the node the server does not know: named in the status and on the dead-letter topic
    JsonNode c = awaitConnection("hz-01-cnc", s -> s.path("status").path("records").asLong() >= 4, "4 records");
    assertThat(c.path("mappings").asInt()).isEqualTo(4);
    assertThat(c.path("status").path("lastValueAt").isString()).isTrue();
    String unknown = "ns=" + SIMULATOR.namespaceIndex() + ";s=CNC-09.Nope";
    assertThat(c.path("status").path("refusedTags").valueStream().map(t -> t.path("tag").asString() + " "
        + t.path("reason").asString()).toList()).containsExactly(unknown + " Bad_NodeIdUnknown");
    // and for monitoring: the same counts as meters per connection
    var scraped = calls.get("/actuator/prometheus", null);
    assertThat(scraped.statusCode()).isEqualTo(200);
    String prometheus = scraped.body();
    assertThat(prometheus).contains("brain_connector_records_total{", "connection=\"hz-01-cnc\"",
        "brain_connector_connected{");
    JsonNode dead = JSON.readTree(await(REJECTED, rejection("hz-01-cnc", unknown), 1).get(0).value());
    assertThat(TopicSchemas.violations("connector-rejected.v1", JSON.writeValueAsString(dead))).isEmpty();
    assertThat(dead.path("reason").asString()).contains("Bad_NodeIdUnknown");
  }

  @Test
  @Order(3)
  void aValueThatCannotBeARecordIsDeadLetteredAndTheConnectionGoesOn() throws Exception {
    long before = status(calls.get(PATH + "/hz-01-cnc", "integrator"), 200).path("status").path("rejected").asLong();
    SIMULATOR.setBad(SIMULATOR.nodeId("CNC-01", "Temperature"));
    SIMULATOR.set(SIMULATOR.nodeId("CNC-01", "State"), "WARMUP");
    String stateTag = SIMULATOR.nodeId("CNC-01", "State");
    JsonNode warmup = JSON.readTree(await(REJECTED, rejection("hz-01-cnc", stateTag), 1).get(0).value());
    assertThat(warmup.path("entity").asString()).isEqualTo("equipment-state");
    assertThat(warmup.path("reason").asString()).contains("WARMUP");
    assertThat(new String(Base64.getDecoder().decode(warmup.path("raw").asString()), StandardCharsets.UTF_8))
        .isEqualTo("WARMUP");
    JsonNode noValue = JSON.readTree(await(REJECTED, rejection("hz-01-cnc", SIMULATOR.nodeId("CNC-01",
        "Temperature")), 1).get(0).value());
    assertThat(noValue.path("reason").asString()).contains("Bad_");
    awaitConnection("hz-01-cnc", c -> c.path("status").path("rejected").asLong() >= before + 2, "2 more rejected");

    SIMULATOR.set(SIMULATOR.nodeId("CNC-01", "Temperature"), 73.25);
    await(TELEMETRY, payload("signal", "spindle.temperature")
        .and(r -> JSON.readTree(r.value()).path("payload").path("value").asDouble() == 73.25), 1);
  }

  @Test
  @Order(4)
  void aRestartedServerIsReconnectedWithTheSameSubscription() throws Exception {
    SIMULATOR.stop();
    awaitConnection("hz-01-cnc", c -> c.path("status").path("state").asString().equals("disconnected"),
        "disconnected");
    OpcUaSimulator restarted = OpcUaSimulator.start(SIMULATOR.port(), List.of("CNC-01", "CNC-02"),
        WORK.resolve("simulator-pki"), "s3cret-operator");
    try {
      JsonNode back = awaitConnection("hz-01-cnc", c -> c.path("status").path("state").asString().equals("connected")
          && c.path("status").path("reconnects").asLong() >= 1, "reconnected");
      assertThat(back.path("status").path("subscribedTags").asInt()).isEqualTo(3);
      // the subscription is recreated a moment after the session: set the value until it comes through
      for (long until = System.currentTimeMillis() + 30_000; System.currentTimeMillis() < until; ) {
        restarted.set(restarted.nodeId("CNC-01", "Temperature"), 88.0);
        restarted.set(restarted.nodeId("CNC-01", "Temperature"), 88.5);
        if (!await(TELEMETRY, payload("signal", "spindle.temperature")
            .and(r -> JSON.readTree(r.value()).path("payload").path("value").asDouble() == 88.5), 0).isEmpty()) {
          break;
        }
      }
      await(TELEMETRY, payload("signal", "spindle.temperature")
          .and(r -> JSON.readTree(r.value()).path("payload").path("value").asDouble() == 88.5), 1);
    } finally {
      restarted.stop();
    }
  }

  @Test
  @Order(5)
  void basic256Sha256WithAUserConnectsOnceTheServersCertificateIsTrusted() throws Exception {
    OpcUaSimulator secure = OpcUaSimulator.start(ManagedProcess.freePort(), List.of("CNC-02"),
        WORK.resolve("secure-pki"), "s3cret-operator");
    try {
      Map<String, Object> spec = connection("hz-01-cnc-secure", "hz-01", "MES-A", secure.endpointUrl());
      spec.put("securityPolicy", "basic256sha256");
      spec.put("username", OpcUaSimulator.USERNAME);
      spec.put("passwordSecret", SECRET);
      status(calls.json("POST", PATH, "integrator", spec), 201);
      // a server the connector does not trust yet is not talked to: the reason is in the status
      awaitConnection("hz-01-cnc-secure", c -> c.path("status").path("lastError").asString("").contains("Bad_"),
          "refused for an untrusted certificate");
      // the operator trusts it as Milo expects: the server's certificate in the connection's trusted folder
      Path trusted = WORK.resolve("data/opcua/hz-01-cnc-secure/pki/trusted/certs");
      Files.createDirectories(trusted);
      Files.write(trusted.resolve("simulator.der"), secure.certificate().getEncoded());
      awaitConnection("hz-01-cnc-secure", c -> c.path("status").path("state").asString().equals("connected"),
          "connected over Basic256Sha256");
      status(calls.json("PUT", PATH + "/hz-01-cnc-secure/mappings", "integrator", List.of(Map.of(
          "tag", secure.nodeId("CNC-02", "Temperature"), "entity", "telemetry", "equipment", "CNC-02",
          "signal", "spindle.temperature", "samplingIntervalMs", 100, "scale", 10, "offset", 1))), 200);
      awaitConnection("hz-01-cnc-secure", c -> c.path("status").path("subscribedTags").asInt() == 1, "subscribed");
      secure.set(secure.nodeId("CNC-02", "Temperature"), 4.25);
      await(TELEMETRY, r -> JSON.readTree(r.value()).path("payload").path("equipment").asString().equals("CNC-02")
          && JSON.readTree(r.value()).path("payload").path("value").asDouble() == 43.5, 1); // 4.25 × 10 + 1
      // the secret's name is shown, never its content
      String answer = calls.get(PATH + "/hz-01-cnc-secure", "auditor").body();
      assertThat(answer).contains(SECRET).doesNotContain("s3cret-operator");
    } finally {
      secure.stop();
    }
    assertThat(calls.send("DELETE", PATH + "/hz-01-cnc-secure", "integrator", null, null).statusCode()).isEqualTo(204);
    problem(calls.get(PATH + "/hz-01-cnc-secure", "integrator"), 404, "connection");
  }
}
