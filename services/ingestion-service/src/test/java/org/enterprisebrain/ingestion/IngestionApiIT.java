package org.enterprisebrain.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.enterprisebrain.testsupport.SecuredApi;
import org.enterprisebrain.testsupport.RealKafka;
import org.enterprisebrain.testsupport.RealKeycloak;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standard API against a real Kafka broker and a real Keycloak: what it accepts is read back from
 * Kafka; every kind of bad input is a problem+json naming the field, never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestionApiIT implements SecuredApi {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String TOPIC = "brain.production.operation-report.v1";

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", RealKafka::bootstrapServers);
    RealKeycloak.resourceServer(registry);
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("brain.security.clock-skew", () -> "0s");
  }

  @Value("${local.server.port}")
  int port;

  static String report(String id, String plant, String system, Object good) {
    return """
        {"id":"%s","entity":"operation-report","schemaVersion":1,"source":{"system":"%s","kind":"MES"},
         "plant":"%s","occurredAt":"2026-11-24T08:00:00+08:00",
         "payload":{"workOrder":"WO-1","equipment":"CNC-07","operation":"10","good":%s,"scrap":2,
                    "start":"2026-11-24T07:00:00+08:00","end":"2026-11-24T08:00:00+08:00"}}"""
        .formatted(id, system, plant, good);
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String token, String contentType, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String mesToken() {
    return RealKeycloak.clientToken("mes-a");
  }

  static JsonNode problem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("title").asString()).isNotBlank();
    return body;
  }

  /** Reads every record of the topic whose id starts with the prefix. */
  static List<ConsumerRecord<String, String>> readBack(String topic, String idPrefix, int expected) {
    Properties config = new Properties();
    config.put("bootstrap.servers", RealKafka.bootstrapServers());
    config.put("group.id", "it-" + UUID.randomUUID());
    config.put("auto.offset.reset", "earliest");
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 20_000;
      while (System.currentTimeMillis() < deadline && found.size() < expected) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
          if (JSON.readTree(record.value()).path("id").asString().startsWith(idPrefix)) {
            found.add(record);
          }
        }
      }
      // one more poll: anything beyond the expected count would be a duplicate or a leak
      consumer.poll(Duration.ofMillis(500)).forEach(record -> {
        if (JSON.readTree(record.value()).path("id").asString().startsWith(idPrefix)) {
          found.add(record);
        }
      });
    }
    return found;
  }

  static String header(ConsumerRecord<String, String> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void mixedBatchAcceptsTheValidRecordsAndReportsEveryErrorOfTheOthers() throws Exception {
    String p = "mix-" + UUID.randomUUID() + "-";
    String body = "[" + report(p + "1", "hz-01", "MES-A", 118) + ","
        + report(p + "2", "hz-01", "MES-A", "\"many\"") + ","
        + "{\"id\":\"" + p + "3\",\"entity\":\"operation-report\",\"schemaVersion\":1,"
        + "\"source\":{\"system\":\"MES-A\",\"kind\":\"MES\"},\"plant\":\"hz-01\",\"payload\":{\"good\":-1}},"
        + report(p + "4", "hz-01", "MES-A", 7) + "]";

    HttpResponse<String> response = post("/api/v1/ingest/operation-report", mesToken(), "application/json", body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode result = JSON.readTree(response.body());
    assertThat(result.path("accepted").asInt()).isEqualTo(2);
    assertThat(result.path("rejected").asInt()).isEqualTo(2);
    assertThat(result.path("results").path(0).path("status").asString()).isEqualTo("accepted");
    assertThat(result.path("results").path(0).path("topic").asString()).isEqualTo(TOPIC);
    JsonNode wrongType = result.path("results").path(1);
    assertThat(wrongType.path("status").asString()).isEqualTo("rejected");
    assertThat(wrongType.path("errors").findValuesAsString("pointer")).containsExactly("/payload/good");
    List<String> pointers = result.path("results").path(2).path("errors").findValuesAsString("pointer");
    assertThat(pointers).contains("/occurredAt", "/payload/good", "/payload/workOrder", "/payload/equipment");

    List<ConsumerRecord<String, String>> onKafka = readBack(TOPIC, p, 2);
    assertThat(onKafka).extracting(r -> JSON.readTree(r.value()).path("id").asString())
        .containsExactlyInAnyOrder(p + "1", p + "4");
    ConsumerRecord<String, String> first = onKafka.get(0);
    assertThat(first.key()).isEqualTo("hz-01|WO-1|CNC-07");
    assertThat(header(first, "brain-source-system")).isEqualTo("MES-A");
    assertThat(header(first, "brain-schema-version")).isEqualTo("1");
    assertThat(header(first, "brain-ingested-by")).isEqualTo("service-account-mes-a");
    assertThat(header(first, "brain-field-grades")).isEqualTo(
        org.enterprisebrain.standard.DataStandard.load().entity("operation-report").orElseThrow().fieldGrades());

    // the catalog learns the batch's rejection rate and which fields failed
    JsonNode outcome = awaitOutcome(o -> o.path("accepted").asInt() == 2 && o.path("rejected").asInt() == 2
        && o.path("errors").path("/occurredAt").asInt() == 1);
    assertThat(outcome.path("entity").asString()).isEqualTo("operation-report");
    assertThat(outcome.path("plant").asString()).isEqualTo("hz-01");
    assertThat(outcome.path("sourceSystem").asString()).isEqualTo("MES-A");
    assertThat(outcome.path("errors").path("/payload/good").asInt()).isEqualTo(2);
  }

  static JsonNode awaitOutcome(java.util.function.Predicate<JsonNode> wanted) {
    Properties config = new Properties();
    config.put("bootstrap.servers", RealKafka.bootstrapServers());
    config.put("group.id", "it-" + UUID.randomUUID());
    config.put("auto.offset.reset", "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(org.enterprisebrain.standard.Topics.INGEST_OUTCOMES));
      long deadline = System.currentTimeMillis() + 20_000;
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
          JsonNode outcome = JSON.readTree(record.value());
          assertThat(org.enterprisebrain.standard.TopicSchemas.violations("ingest-outcomes.v1", record.value()))
              .as(record.value()).isEmpty();
          if (wanted.test(outcome)) {
            return outcome;
          }
        }
      }
    }
    throw new AssertionError("no such ingest outcome on " + org.enterprisebrain.standard.Topics.INGEST_OUTCOMES);
  }

  @Test
  void historyOlderThanTheAnalyticsLatenessIsAcceptedWithAWarning() throws Exception {
    String p = "hist-" + UUID.randomUUID() + "-";
    java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).withNano(0);
    // ISO_OFFSET_DATE_TIME keeps ":00" seconds, which toString() drops and RFC 3339 requires.
    java.time.format.DateTimeFormatter rfc3339 = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    String fresh = report(p + "1", "hz-01", "MES-A", 3).replace("2026-11-24T08:00:00+08:00", now.format(rfc3339));
    String twoDaysOld = report(p + "2", "hz-01", "MES-A", 4)
        .replace("2026-11-24T08:00:00+08:00", now.minusDays(2).format(rfc3339));
    HttpResponse<String> response = post("/api/v1/ingest/operation-report", mesToken(), "application/json",
        "[" + fresh + "," + twoDaysOld + "]");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode result = JSON.readTree(response.body());
    assertThat(result.path("accepted").asInt()).as("history is stored like any record").isEqualTo(2);
    assertThat(result.path("warned").asInt()).isEqualTo(1);
    assertThat(result.path("results").get(0).has("warnings")).isFalse();
    JsonNode warning = result.path("results").get(1).path("warnings").get(0);
    assertThat(warning.path("pointer").asString()).isEqualTo("/occurredAt");
    assertThat(warning.path("message").asString()).contains("allowed lateness (PT24H", "PT48H");
    assertThat(result.path("results").get(1).path("status").asString()).isEqualTo("accepted");
  }

  @Test
  void ndjsonAndCsvCarryTheSameRecords() throws Exception {
    String p = "nd-" + UUID.randomUUID() + "-";
    String ndjson = report(p + "1", "hz-01", "MES-A", 5).replace("\n", "") + "\n\n"
        + report(p + "2", "hz-01", "MES-A", 6).replace("\n", "") + "\n";
    HttpResponse<String> nd = post("/api/v1/ingest/operation-report", mesToken(), "application/x-ndjson", ndjson);
    assertThat(nd.statusCode()).as(nd.body()).isEqualTo(200);
    assertThat(JSON.readTree(nd.body()).path("accepted").asInt()).isEqualTo(2);

    String csv = "id,occurredAt,工单,机台,operation,良品,scrap,start,end\n"
        + p + "3,2026-11-24T08:00:00+08:00,WO-9,CNC-01,20,40,1,2026-11-24T07:00:00Z,2026-11-24T08:00:00Z\n"
        + "\"" + p + "4\",2026-11-24T08:00:00+08:00,WO-9,CNC-01,20,not-a-number,0,2026-11-24T07:00:00Z,2026-11-24T08:00:00Z\n";
    HttpResponse<String> fromCsv = post("/api/v1/ingest/operation-report/csv?plant=hz-01&sourceSystem=MES-A"
        + "&sourceKind=MES&mapping=" + java.net.URLEncoder.encode("工单=workOrder,机台=equipment,良品=good",
        StandardCharsets.UTF_8), mesToken(), "text/csv", csv);
    assertThat(fromCsv.statusCode()).as(fromCsv.body()).isEqualTo(200);
    JsonNode result = JSON.readTree(fromCsv.body());
    assertThat(result.path("accepted").asInt()).isEqualTo(1);
    assertThat(result.path("results").path(1).path("errors").findValuesAsString("pointer"))
        .containsExactly("/payload/good");

    List<ConsumerRecord<String, String>> onKafka = readBack(TOPIC, p, 3);
    assertThat(onKafka).hasSize(3);
    JsonNode csvRecord = onKafka.stream().map(r -> JSON.readTree(r.value()))
        .filter(n -> n.path("id").asString().equals(p + "3")).findFirst().orElseThrow();
    assertThat(csvRecord.path("payload").path("good").isIntegralNumber()).isTrue();
    assertThat(csvRecord.path("payload").path("good").asInt()).isEqualTo(40);
    assertThat(csvRecord.path("payload").path("workOrder").asString()).isEqualTo("WO-9");
  }

  @Test
  void aWideExportIsUnpivotedByItsFileMappingAndAMappingThatCannotWorkIsRefusedWhole() throws Exception {
    String p = "pdm-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    String csv = "datetime,machineID,volt,vibration\n2026-11-24 06:00:00,7,176.2,45.1\n2026-11-24 07:00:00,7,162.9,\n";
    String mapping = "{\"columns\": {\"machineID\": \"equipment\"}, \"times\": [{\"column\": \"datetime\", "
        + "\"format\": \"yyyy-MM-dd HH:mm:ss\", \"zone\": \"Asia/Shanghai\", \"fields\": [\"sampledAt\", \"occurredAt\"]}], "
        + "\"unpivot\": {\"columns\": [\"volt\", \"vibration\"], \"nameField\": \"signal\", \"valueField\": \"value\", "
        + "\"units\": {\"volt\": \"V\", \"vibration\": \"mm/s\"}}, \"id\": {\"prefix\": \"" + p + "\", "
        + "\"columns\": [\"machineID\", \"datetime\"]}}";
    String path = "/api/v1/ingest/telemetry/csv?plant=hz-01&sourceSystem=MES-A&sourceKind=MES&fileMapping=";
    HttpResponse<String> response = post(path + java.net.URLEncoder.encode(mapping, StandardCharsets.UTF_8), mesToken(),
        "text/csv", csv);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("accepted").asInt()).as("two signals, then one").isEqualTo(3);
    String topic = org.enterprisebrain.standard.DataStandard.load().entity("telemetry").orElseThrow().topic(1);
    List<ConsumerRecord<String, String>> onKafka = readBack(topic, p, 3);
    JsonNode volt = onKafka.stream().map(r -> JSON.readTree(r.value()))
        .filter(n -> n.path("id").asString().equals(p + "7-2026-11-24060000-volt")).findFirst().orElseThrow();
    assertThat(volt.path("occurredAt").asString()).isEqualTo("2026-11-24T06:00:00+08:00");
    assertThat(volt.path("payload").path("unit").asString()).isEqualTo("V");
    assertThat(volt.path("payload").path("value").asDouble()).isEqualTo(176.2);

    JsonNode refused = problem(post(path + java.net.URLEncoder.encode(mapping.replace("Asia/Shanghai", "Asia/Hangzhou"),
        StandardCharsets.UTF_8), mesToken(), "text/csv", csv.replace("06:00", "08:00")), 400);
    assertThat(refused.path("errors").get(0).path("pointer").asString()).isEqualTo("fileMapping/times/0/zone");
    assertThat(readBack(topic, p + "7-2026-11-24080000", 1)).as("nothing of a refused upload").isEmpty();
  }

  @Test
  void aStoredMappingIsNamedByLaterUploadsAndReadBackByANewInstance() throws Exception {
    String name = "logger-" + UUID.randomUUID().toString().substring(0, 8);
    String p = name + "-";
    String definition = "{\"entity\": \"telemetry\", \"mapping\": {\"times\": [{\"column\": \"t\", "
        + "\"format\": \"yyyy/MM/dd HH:mm\", \"zone\": \"Asia/Shanghai\", \"fields\": [\"sampledAt\", \"occurredAt\"]}], "
        + "\"units\": [{\"column\": \"F\", \"factor\": 0.5555555556, \"offset\": -17.7777777778}], "
        + "\"unpivot\": {\"columns\": [\"F\"], \"nameField\": \"signal\", \"valueField\": \"value\", "
        + "\"names\": {\"F\": \"coolant.temperature\"}, \"units\": {\"F\": \"Cel\"}}, "
        + "\"id\": {\"prefix\": \"" + p + "\", \"columns\": [\"t\"]}, \"constants\": {\"equipment\": \"CNC-01\"}}}";
    String admin = RealKeycloak.userToken("admin");
    HttpResponse<String> stored = send("PUT", "/api/v1/ingest/mappings/" + name, admin, definition);
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    assertThat(JSON.readTree(stored.body()).path("changedBy").asString()).isEqualTo("admin");
    // what a second instance (or this one restarted) reads back from the topic
    var kafka = new org.springframework.boot.kafka.autoconfigure.KafkaProperties();
    kafka.setBootstrapServers(List.of(RealKafka.bootstrapServers()));
    var reader = new org.enterprisebrain.ingestion.ingest.MappingStore(
        new org.springframework.kafka.core.DefaultKafkaProducerFactory<>(java.util.Map.<String, Object>of("bootstrap.servers",
            RealKafka.bootstrapServers(), "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class,
            "value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class)), kafka);
    try {
      reader.start();
      long deadline = System.currentTimeMillis() + 20_000;
      while (reader.get(name).isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      assertThat(reader.get(name)).as("read back from brain.ingest-mappings.v1").isPresent();
    } finally {
      reader.stop();
    }
    HttpResponse<String> response = post("/api/v1/ingest/telemetry/csv?plant=hz-01&sourceSystem=MES-A&sourceKind=MES"
        + "&mappingName=" + name, mesToken(), "text/csv", "t,F\n2026/11/24 06:00,77\n");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("accepted").asInt()).isEqualTo(1);
    JsonNode record = JSON.readTree(readBack(org.enterprisebrain.standard.DataStandard.load().entity("telemetry")
        .orElseThrow().topic(1), p, 1).get(0).value());
    assertThat(record.path("payload").path("value").asDouble()).isCloseTo(25.0, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(record.path("occurredAt").asString()).isEqualTo("2026-11-24T06:00:00+08:00");
    assertThat(JSON.readTree(get("/api/v1/ingest/mappings", mesToken()).body()).findValuesAsString("name"))
        .contains(name);

    assertThat(problem(post("/api/v1/ingest/telemetry/csv?plant=hz-01&mappingName=no-such", mesToken(), "text/csv",
        "t,F\n"), 404).path("errors").get(0).path("pointer").asString()).isEqualTo("mappingName");
    assertThat(problem(send("PUT", "/api/v1/ingest/mappings/" + name, admin, definition.replace("Asia/Shanghai",
        "Asia/Hangzhou")), 400).path("errors").get(0).path("pointer").asString()).isEqualTo("mapping/times/0/zone");
    assertThat(send("PUT", "/api/v1/ingest/mappings/" + name, RealKeycloak.userToken("manager"), definition)
        .statusCode()).as("a manager reads results, he does not define interfaces").isEqualTo(403);
  }

  @Test
  void malformedInputIsAProblemNamingWhatIsWrong() throws Exception {
    String token = mesToken();
    JsonNode truncated = problem(post("/api/v1/ingest/operation-report", token, "application/json",
        "[" + report("x", "hz-01", "MES-A", 1)), 400);
    assertThat(truncated.path("detail").asString()).contains("malformed JSON");

    JsonNode notArray = problem(post("/api/v1/ingest/operation-report", token, "application/json",
        report("x", "hz-01", "MES-A", 1)), 400);
    assertThat(notArray.path("errors").isArray()).isTrue();

    JsonNode badLine = problem(post("/api/v1/ingest/operation-report", token, "application/x-ndjson",
        report("x", "hz-01", "MES-A", 1).replace("\n", "") + "\n{oops\n"), 400);
    assertThat(badLine.path("detail").asString()).contains("line 2");

    JsonNode unknown = problem(post("/api/v1/ingest/flux-capacitor", token, "application/json", "[]"), 404);
    assertThat(unknown.path("errors").path(0).path("pointer").asString()).isEqualTo("entity");

    JsonNode empty = problem(post("/api/v1/ingest/operation-report", token, "application/json", "[]"), 400);
    assertThat(empty.path("detail").asString()).contains("no record");

    problem(post("/api/v1/ingest/operation-report", token, "text/plain", "hello"), 415);

    String one = report("big", "hz-01", "MES-A", 1);
    String tooMany = "[" + String.join(",", java.util.Collections.nCopies(10_001, one)) + "]";
    JsonNode many = problem(post("/api/v1/ingest/operation-report", token, "application/json", tooMany), 413);
    assertThat(many.path("detail").asString()).contains("10000");

    String tooBig = "[" + "\"x\",".repeat(17 * 1024 * 1024 / 4) + "\"x\"]";
    problem(post("/api/v1/ingest/operation-report", token, "application/json", tooBig), 413);

    JsonNode badCsv = problem(post("/api/v1/ingest/operation-report/csv", token, "text/csv",
        "id,good\n\"unterminated,1\n"), 400);
    assertThat(badCsv.path("errors").path(0).path("pointer").asString()).startsWith("line");
  }

  @Test
  void tokensAreCheckedAndIntegratorsStayInTheirScope() throws Exception {
    String batch = "[" + report("scope-" + UUID.randomUUID(), "hz-01", "MES-A", 1) + "]";
    problem(post("/api/v1/ingest/operation-report", null, "application/json", batch), 401);

    String valid = mesToken();
    String[] parts = valid.split("\\.");
    String forgedSignature = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString("not-the-signature".getBytes(StandardCharsets.UTF_8));
    problem(post("/api/v1/ingest/operation-report", forgedSignature, "application/json", batch), 401);

    String algNone = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
    problem(post("/api/v1/ingest/operation-report", algNone, "application/json", batch), 401);

    // a genuine Keycloak token, but of the master realm: valid signature there, wrong issuer here
    JsonNode wrongIssuer = problem(post("/api/v1/ingest/operation-report", RealKeycloak.server().adminToken(),
        "application/json", batch), 401);
    assertThat(wrongIssuer.path("detail").asString()).contains("Jwt");

    // a token that was valid a moment ago: the service checks expiry itself, not only the gateway
    String shortLived = RealKeycloak.clientToken("short-lived");
    Thread.sleep(2_100);
    JsonNode expired = problem(post("/api/v1/ingest/operation-report", shortLived, "application/json", batch), 401);
    assertThat(expired.path("detail").asString()).containsIgnoringCase("expired");

    // the catalog-reader service is authenticated but not an integrator
    String readerToken = RealKeycloak.clientToken("catalog-reader");
    JsonNode noRole = problem(post("/api/v1/ingest/operation-report", readerToken, "application/json", batch), 403);
    assertThat(noRole.path("detail").asString()).contains("integrator");

    String otherPlant = "[" + report("scope-x", "nb-02", "MES-A", 1) + "]";
    JsonNode plant = problem(post("/api/v1/ingest/operation-report", valid, "application/json", otherPlant), 403);
    assertThat(plant.path("errors").path(0).path("pointer").asString()).isEqualTo("/0/plant");

    String otherSystem = "[" + report("scope-y", "hz-01", "ERP-B", 1) + "]";
    JsonNode system = problem(post("/api/v1/ingest/operation-report", valid, "application/json", otherSystem), 403);
    assertThat(system.path("errors").path(0).path("pointer").asString()).isEqualTo("/0/source/system");
  }

  @Test
  void standardsAreListedWithTopicsAndSchemas() throws Exception {
    HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/standards"))
        .header("Authorization", "Bearer " + RealKeycloak.userToken("engineer")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    JsonNode catalog = JSON.readTree(list.body());
    assertThat(catalog.path("entities").findValuesAsString("entity"))
        .contains("equipment", "operation-report", "quality-result", "equipment-state", "energy-reading", "employee");
    assertThat(catalog.path("entities").findValuesAsString("topic")).contains(TOPIC);

    HttpResponse<String> schema = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/standards/employee/versions/1"))
        .header("Authorization", "Bearer " + RealKeycloak.userToken("engineer")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(schema.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(schema.body()).path("properties").path("idNumber").path("x-classification")
        .path("personal").asBoolean()).isTrue();
  }

  @Test
  void kafkaUnavailableIsA503WithRetryAfterAndNothingReportedAccepted() throws Exception {
    int deadPort = org.enterprisebrain.servers.ManagedProcess.freePort();
    try (ConfigurableApplicationContext app = secondInstance(RealKeycloak.issuer(),
        "--spring.kafka.bootstrap-servers=127.0.0.1:" + deadPort,
        "--spring.kafka.admin.operation-timeout=2", "--spring.kafka.admin.close-timeout=2",
        "--brain.ingest.ack-timeout=5s", "--spring.kafka.producer.properties.max.block.ms=1500")) {
      int appPort = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      String body = "[" + report("down-1", "hz-01", "MES-A", 1) + "," + report("down-2", "hz-01", "MES-A", 2)
          + "," + report("down-3", "hz-01", "MES-A", "\"x\"") + "]";
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + appPort + "/api/v1/ingest/operation-report"))
          .header("Authorization", "Bearer " + mesToken()).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode problem = problem(response, 503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(problem.path("results").findValuesAsString("status")).containsExactly("failed", "failed", "rejected");

      HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + appPort + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(health.body()).path("components").path("kafka").path("status").asString())
          .isEqualTo("DOWN");
      // what the component says of itself (the broker's address in the error) is for an admin only
      assertThat(JSON.readTree(health.body()).path("components").path("kafka").has("details")).isFalse();
      HttpResponse<String> asAdmin = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + appPort + "/actuator/health"))
          .header("Authorization", "Bearer " + RealKeycloak.clientToken("plant-admin")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(JSON.readTree(asAdmin.body()).path("components").path("kafka").path("details").has("error")).isTrue();
    }
  }

  @Test
  void aTokenOfAnotherIssuerIsRefusedEvenWhenItsSignatureVerifies() throws Exception {
    // same signing keys (the brain realm's), but this instance expects another issuer
    try (ConfigurableApplicationContext app = secondInstance(RealKeycloak.issuer() + "-elsewhere",
        "--spring.kafka.bootstrap-servers=" + RealKafka.bootstrapServers())) {
      int appPort = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + appPort + "/api/v1/ingest/operation-report"))
          .header("Authorization", "Bearer " + mesToken()).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("[]")).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode problem = problem(response, 401);
      assertThat(problem.path("detail").asString()).contains("iss");
    }
  }

  /** Another instance of the service in this JVM, validating tokens of {@code issuer} with the brain realm's keys. */
  static ConfigurableApplicationContext secondInstance(String issuer, String... more) {
    java.util.List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + RealKeycloak.issuer()
            + "/protocol/openid-connect/certs"));
    args.addAll(List.of(more));
    return new SpringApplicationBuilder(IngestionApplication.class).run(args.toArray(String[]::new));
  }

  @Override
  public Service securedService() {
    return new Service("http://127.0.0.1:" + port, "ingestion", Duration.ofSeconds(0));
  }
}
