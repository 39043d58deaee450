package org.enterprisebrain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.enterprisebrain.messages.AuditedAction;
import org.enterprisebrain.standard.Topics;
import org.enterprisebrain.testsupport.SecuredApi;
import org.enterprisebrain.testsupport.RealElasticsearch;
import org.enterprisebrain.testsupport.RealKafka;
import org.enterprisebrain.testsupport.RealKeycloak;
import org.enterprisebrain.testsupport.RealPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog on real PostgreSQL, Elasticsearch, Kafka and Keycloak: a CSV of employees is classified
 * into the review queue; records arriving on Kafka make datasets and become searchable; a manager sees
 * the graded fields masked, an admin with clearance sees them, and both reads are in the audit log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogApiIT implements SecuredApi {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String EMPLOYEE_TOPIC = "brain.personnel.employee.v1";

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", RealKafka::bootstrapServers);
    RealPostgres.datasource(registry, "catalog");
    registry.add("brain.elasticsearch.url", RealElasticsearch::url);
    RealKeycloak.resourceServer(registry);
    registry.add("brain.security.clock-skew", () -> "1s"); // the forged-token test waits out an expiry
    registry.add("server.address", () -> "127.0.0.1");
    // k1 seals; k2 is read too, as a replica of a catalog whose key is being rotated to k2 would
    registry.add("brain.catalog.encryption-key", () -> K1);
    registry.add("brain.catalog.encryption-key-id", () -> "k1");
    registry.add("brain.catalog.encryption-old-keys", () -> "k2:" + K2);
  }

  static final String K1 = randomKey();
  static final String K2 = randomKey();

  static String randomKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }

  @Value("${local.server.port}")
  int port;

  HttpResponse<String> send(String method, String path, String token, String contentType, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static JsonNode problem(HttpResponse<String> response, int status, String pointer) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    if (pointer != null) {
      assertThat(body.path("errors").valueStream().map(e -> e.path("pointer").asString()).toList()).contains(pointer);
    }
    return body;
  }

  static String user(String name) {
    return RealKeycloak.userToken(name);
  }

  static String csv(String resource) throws Exception {
    try (var in = CatalogApiIT.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Key rotation: a catalog whose current key is k2 and which still holds k1 (and the key an older version kept in
   * PostgreSQL) re-encrypts at start every value the old keys sealed; old values stayed readable throughout, the
   * database's key is deleted once nothing it sealed is left, and a catalog holding only k2 reads everything.
   */
  @Test
  void aRotatedKeyReEncryptsWhatTheOldKeySealedAndTheDatabaseKeyGoes() throws Exception {
    String run = "K" + UUID.randomUUID().toString().substring(0, 6);
    produceEmployees(run, 3);
    awaitRecords(user("admin"), run, 3);
    assertThat(storedIdNumber(run)).startsWith("enc:v2:k1:");
    byte[] legacy = java.util.Base64.getDecoder().decode(randomKey());
    owner.sql("insert into encryption_key (id, key_bytes) values (1, ?)").param(legacy).update();

    try (ConfigurableApplicationContext rotating = catalogWith("k2", K2, "k1:" + K1)) {
      for (long until = System.currentTimeMillis() + 60_000; System.currentTimeMillis() < until
          && !storedIdNumber(run).startsWith("enc:v2:k2:"); Thread.sleep(300)) {
        // the rotation runs in the background after start
      }
      assertThat(storedIdNumber(run)).startsWith("enc:v2:k2:");
      for (long until = System.currentTimeMillis() + 30_000; System.currentTimeMillis() < until
          && db.sql("select count(*) from encryption_key").query(Long.class).single() > 0; Thread.sleep(300)) {
        // deleted once the pass over every entity is complete
      }
      assertThat(db.sql("select count(*) from encryption_key").query(Long.class).single())
          .as("the database holds no key once nothing it sealed is left").isZero();
    }
    try (ConfigurableApplicationContext onlyK2 = catalogWith("k2", K2, "")) {
      int otherPort = Integer.parseInt(onlyK2.getEnvironment().getProperty("local.server.port"));
      HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + otherPort
              + "/api/v1/catalog/datasets/employee/records?plant=hz-01&limit=50&source=HR-" + run))
          .header("Authorization", "Bearer " + user("admin")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(record(ok(page), "HR-" + run + "-0").path("payload").path("idNumber").asString())
          .isEqualTo("11010519491231002X");
    }
    // this catalog (k1 current, k2 held) reads the rotated values too
    assertThat(record(awaitRecords(user("admin"), run, 3), "HR-" + run + "-1").path("payload").path("idNumber")
        .asString()).isEqualTo("11010519491231002X");
  }

  String storedIdNumber(String run) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(RealElasticsearch.url()
            + "/brain-records-employee/_doc/hz-01:HR-" + run + ":HR-" + run + "-0")).build(), HttpResponse.BodyHandlers.ofString())
        .body()).path("_source").path("payload").path("idNumber").asString();
  }

  /** Another catalog on the same servers with another key ring; it indexes nothing (its listeners stay off). */
  static ConfigurableApplicationContext catalogWith(String keyId, String key, String oldKeys) {
    return secondCatalog("--brain.catalog.encryption-key=" + key, "--brain.catalog.encryption-key-id=" + keyId,
        "--brain.catalog.encryption-old-keys=" + oldKeys);
  }

  /** Another catalog on the same servers, its listeners stopped, with the settings given after the common ones. */
  static ConfigurableApplicationContext secondCatalog(String... settings) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0", "--server.address=127.0.0.1", "--spring.kafka.listener.auto-startup=false",
        "--spring.kafka.bootstrap-servers=" + RealKafka.bootstrapServers(),
        "--spring.datasource.url=" + RealPostgres.jdbcUrl(), "--spring.datasource.username=postgres",
        "--spring.datasource.password=postgres", "--brain.elasticsearch.url=" + RealElasticsearch.url(),
        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + RealKeycloak.issuer(),
        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + RealKeycloak.issuer()
            + "/protocol/openid-connect/certs"));
    args.addAll(List.of(settings));
    return new SpringApplicationBuilder(org.enterprisebrain.catalog.CatalogApplication.class)
        .run(args.toArray(String[]::new));
  }

  /**
   * The audit log's client address: X-Forwarded-For is believed from the gateway (here loopback 127.0.0.1) only;
   * from any other address it is the connection's, whatever the header claims.
   */
  @Test
  void anAuditedAddressIsForwardedOnlyByATrustedProxy() throws Exception {
    String read = "/api/v1/catalog/datasets/employee/records?plant=nb-02";
    assertThat(rawGet("127.0.0.1", read, "203.0.113.7")).startsWith("HTTP/1.1 403");
    assertThat(newestAudit().path("clientAddress").asString()).isEqualTo("203.0.113.7");
    assertThat(rawGet("127.0.0.2", read, "203.0.113.8")).startsWith("HTTP/1.1 403");
    assertThat(newestAudit().path("clientAddress").asString()).isEqualTo("127.0.0.2");
  }

  JsonNode newestAudit() throws Exception {
    return ok(send("GET", "/api/v1/catalog/audit?limit=1", user("auditor"), null, null)).get(0);
  }

  /** A GET as the manager from a chosen local address (HttpClient cannot bind one), answering the status line. */
  String rawGet(String from, String path, String forwardedFor) throws Exception {
    try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getByName("127.0.0.1"), port,
        java.net.InetAddress.getByName(from), 0)) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
          + user("manager") + "\r\nX-Forwarded-For: " + forwardedFor + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A body past the service's limit (8 MB here) is refused before it is read, declared or chunked alike. */
  @Test
  void aBodyPastTheLimitIs413NamingTheBody() throws Exception {
    String big = "employee_id,name\n" + "E1,张三\n".repeat(1_100_000); // > 8 MB
    problem(send("POST", "/api/v1/catalog/classifications/csv?entity=employee&source=HR-BIG", user("engineer"),
        "text/csv", big), 413, "body");
    HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/api/v1/catalog/classifications/csv?entity=employee&source=HR-BIG"))
        .header("Authorization", "Bearer " + user("engineer")).header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
            big.getBytes(StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
    problem(chunked, 413, "body");
  }

  @Test
  void anEmployeeCsvIsClassifiedFieldByFieldIntoTheReviewQueue() throws Exception {
    JsonNode report = ok(send("POST", "/api/v1/catalog/classifications/csv?entity=employee&source=HR-CSV",
        user("engineer"), "text/csv", csv("/classification/employees.csv")));
    Map<String, String> recognized = new HashMap<>();
    report.path("fields").forEach(f -> f.path("suggestions").forEach(s ->
        recognized.put(f.path("pointer").asString(), s.path("recognizer").asString())));
    assertThat(report.path("records").asInt()).isEqualTo(60);
    assertThat(recognized).containsEntry("/extensions/身份证号", "PRC_RESIDENT_ID")
        .containsEntry("/extensions/手机", "MOBILE_CN")
        .containsEntry("/extensions/姓名", "PERSON_NAME_ZH")
        .containsEntry("/extensions/邮箱", "EMAIL")
        .containsEntry("/extensions/工资卡号", "BANK_CARD")
        .containsEntry("/extensions/车牌号", "LICENCE_PLATE")
        .doesNotContainKeys("/extensions/工号", "/extensions/部门", "/extensions/入职日期");
    JsonNode id = label(report, "/extensions/身份证号");
    assertThat(id.path("grade").asString()).isEqualTo("L3");
    assertThat(id.path("personal").asBoolean()).isTrue();
    assertThat(id.path("sensitive").asBoolean()).isTrue();
    assertThat(id.path("state").asString()).isEqualTo("suggested");
    assertThat(id.path("method").asString()).isEqualTo("automated");
    assertThat(id.path("createdBy").asString()).isEqualTo("engineer");
    assertThat(id.path("reason").asString())
        .contains(id.path("matched").asInt() + " of " + id.path("sampled").asInt());
    assertThat(id.path("sampled").asInt()).isBetween(55, 60);
    assertThat(id.path("matchedShare").asDouble()).isGreaterThan(0.9);
    assertThat(id.path("reviewFlag").asString()).contains("重要数据");

    // the same sample again refreshes the evidence instead of piling up duplicates
    JsonNode again = ok(send("POST", "/api/v1/catalog/classifications/csv?entity=employee&source=HR-CSV",
        user("engineer"), "text/csv", csv("/classification/employees.csv")));
    assertThat(label(again, "/extensions/身份证号").path("id").asLong()).isEqualTo(id.path("id").asLong());

    JsonNode queue = ok(send("GET", "/api/v1/catalog/labels?entity=employee", user("manager"), null, null));
    assertThat(queue.valueStream().map(l -> l.path("pointer").asString()).toList())
        .contains("/extensions/身份证号", "/extensions/手机");
    assertThat(queue.valueStream().map(l -> l.path("state").asString()).distinct().toList()).containsOnly("suggested");

    // the labelled extension fields now belong to the entity's fields
    JsonNode fields = ok(send("GET", "/api/v1/catalog/entities/employee/fields", user("manager"), null, null));
    assertThat(fields.valueStream().filter(f -> f.path("pointer").asString().equals("/extensions/身份证号"))
        .findFirst().orElseThrow().path("grade").asString()).isEqualTo("L3");
  }

  @Test
  void dataEngineersDecideLabelsAndOnlyTheAuthorityMakesImportantData() throws Exception {
    JsonNode report = ok(send("POST", "/api/v1/catalog/classifications?entity=inventory-movement&source=WMS-JSON",
        user("engineer"), "application/json", """
            [{"extensions":{"driver":"张伟","cph":"浙A12345","plcTag":"DB1.DBX0.0"}},
             {"extensions":{"driver":"李娜","cph":"浙B7K123","plcTag":"DB1.DBX0.1"}},
             {"extensions":{"driver":"王芳","cph":"沪AD12345","plcTag":"DB2.DBW4"}},
             {"extensions":{"driver":"刘洋","cph":"苏E66666","plcTag":"%I0.1"}}]"""));
    long plate = label(report, "/extensions/cph").path("id").asLong();
    long tag = label(report, "/extensions/plcTag").path("id").asLong();
    assertThat(label(report, "/extensions/plcTag").path("category").asString()).isEqualTo("equipment");

    String engineer = user("engineer");
    problem(send("POST", "/api/v1/catalog/labels/" + plate + "/decision", engineer, "application/json",
        "{\"decision\":\"confirm\",\"grade\":\"IMPORTANT\"}"), 400, "grade");
    problem(send("POST", "/api/v1/catalog/labels/" + plate + "/decision", engineer, "application/json",
        "{\"decision\":\"recognize\",\"grade\":\"IMPORTANT\"}"), 400, "authorityReference");
    problem(send("POST", "/api/v1/catalog/labels/" + plate + "/decision", engineer, "application/json",
        "{\"decision\":\"confirm\",\"category\":\"astrology\"}"), 400, "category");
    problem(send("POST", "/api/v1/catalog/labels/" + plate + "/decision", engineer, "application/json",
        "{\"decision\":\"maybe\"}"), 400, null);
    problem(send("POST", "/api/v1/catalog/labels/999999/decision", engineer, "application/json",
        "{\"decision\":\"confirm\"}"), 404, "labelId");
    problem(send("POST", "/api/v1/catalog/labels/" + plate + "/decision", user("manager"), "application/json",
        "{\"decision\":\"confirm\"}"), 403, "Authorization");

    JsonNode confirmed = ok(send("POST", "/api/v1/catalog/labels/" + plate + "/decision", engineer,
        "application/json", "{\"decision\":\"confirm\",\"grade\":\"L3\",\"comment\":\"车辆与人对应\"}"));
    assertThat(confirmed.path("state").asString()).isEqualTo("confirmed");
    assertThat(confirmed.path("method").asString()).isEqualTo("manual");
    assertThat(confirmed.path("grade").asString()).isEqualTo("L3");
    assertThat(confirmed.path("decidedBy").asString()).isEqualTo("engineer");
    assertThat(ok(send("GET", "/api/v1/catalog/labels?state=confirmed&entity=inventory-movement", engineer, null,
        null)).valueStream().map(l -> l.path("id").asLong()).toList()).contains(plate);

    JsonNode recognized = ok(send("POST", "/api/v1/catalog/labels/" + plate + "/decision", engineer,
        "application/json", "{\"decision\":\"recognize\",\"grade\":\"IMPORTANT\","
            + "\"authorityReference\":\"浙经信〔2026〕12号 重要数据目录 第3项\"}"));
    assertThat(recognized.path("state").asString()).isEqualTo("recognized");
    assertThat(recognized.path("authorityReference").asString()).contains("重要数据目录");

    // four eyes: one data engineer's reject only proposes it, and the field stays protected meanwhile
    String reject = "{\"decision\":\"reject\",\"comment\":\"not a tag here\"}";
    JsonNode proposed = ok(send("POST", "/api/v1/catalog/labels/" + tag + "/decision", engineer, "application/json",
        reject));
    assertThat(proposed.path("state").asString()).isEqualTo("rejection-proposed");
    assertThat(proposed.path("decidedBy").asString()).isEqualTo("engineer");
    assertThat(ok(send("GET", "/api/v1/catalog/entities/inventory-movement/fields", engineer, null, null))
        .valueStream().filter(f -> tag == f.path("labelId").asLong()).findFirst().orElseThrow()
        .path("state").asString()).isEqualTo("rejection-proposed");
    problem(send("POST", "/api/v1/catalog/labels/" + tag + "/decision", engineer, "application/json", reject),
        409, "decision");
    // a service account holding data-engineer (analytics-service registers lineage) is no second pair of eyes
    problem(send("POST", "/api/v1/catalog/labels/" + tag + "/decision", RealKeycloak.clientToken("analytics-service"),
        "application/json", reject), 403, "Authorization");
    // a confirm withdraws the proposal; proposed again, a second data engineer rejects it
    assertThat(ok(send("POST", "/api/v1/catalog/labels/" + tag + "/decision", engineer, "application/json",
        "{\"decision\":\"confirm\"}")).path("state").asString()).isEqualTo("confirmed");
    ok(send("POST", "/api/v1/catalog/labels/" + tag + "/decision", engineer, "application/json", reject));
    assertThat(ok(send("GET", "/api/v1/catalog/labels?state=rejection-proposed&entity=inventory-movement", engineer,
        null, null)).valueStream().map(l -> l.path("id").asLong()).toList()).contains(tag);
    JsonNode rejected = ok(send("POST", "/api/v1/catalog/labels/" + tag + "/decision", user("engineer-nb"),
        "application/json", "{\"decision\":\"reject\"}"));
    assertThat(rejected.path("state").asString()).isEqualTo("rejected");
    assertThat(rejected.path("decidedBy").asString()).isEqualTo("engineer-nb");
    assertThat(rejected.path("comment").asString()).isEqualTo("not a tag here");
    // every change is an entry of the audit chain; a refused one is not a change
    JsonNode written = newestAudit();
    assertThat(written.path("decision").asString()).isEqualTo("written");
    assertThat(written.path("policy").asString()).isEqualTo("write: decideLabel");
    assertThat(written.path("principal").asString()).isEqualTo("engineer-nb");
    assertThat(written.path("resource").asString()).isEqualTo("POST /api/v1/catalog/labels/" + tag + "/decision");
    problem(send("POST", "/api/v1/catalog/labels/" + tag + "/decision", engineer, "application/json",
        "{\"decision\":\"confirm\"}"), 409, "labelId");
    assertThat(newestAudit().path("id").asLong()).isEqualTo(written.path("id").asLong());

    // four eyes for a lower grade too: one data engineer's confirm at L1 only proposes it, the field protected at
    // its grade meanwhile; the proposer cannot complete it, nor can a service account; a second engineer does
    long driver = label(report, "/extensions/driver").path("id").asLong();
    String held = label(report, "/extensions/driver").path("grade").asString();
    assertThat(held).isIn("L2", "L3");
    String lower = "{\"decision\":\"confirm\",\"grade\":\"L1\",\"comment\":\"只是司机姓名\"}";
    JsonNode downgrade = ok(send("POST", "/api/v1/catalog/labels/" + driver + "/decision", engineer,
        "application/json", lower));
    assertThat(downgrade.path("state").asString()).isEqualTo("downgrade-proposed");
    assertThat(downgrade.path("grade").asString()).isEqualTo(held);
    assertThat(downgrade.path("proposedGrade").asString()).isEqualTo("L1");
    assertThat(ok(send("GET", "/api/v1/catalog/entities/inventory-movement/fields", engineer, null, null))
        .valueStream().filter(f -> driver == f.path("labelId").asLong()).findFirst().orElseThrow()
        .path("grade").asString()).as("still protected at its grade").isEqualTo(held);
    problem(send("POST", "/api/v1/catalog/labels/" + driver + "/decision", engineer, "application/json", lower),
        409, "decision");
    problem(send("POST", "/api/v1/catalog/labels/" + driver + "/decision",
        RealKeycloak.clientToken("analytics-service"), "application/json", lower), 403, "Authorization");
    JsonNode lowered = ok(send("POST", "/api/v1/catalog/labels/" + driver + "/decision", user("engineer-nb"),
        "application/json", "{\"decision\":\"confirm\",\"grade\":\"L1\"}"));
    assertThat(lowered.path("state").asString()).isEqualTo("confirmed");
    assertThat(lowered.path("grade").asString()).isEqualTo("L1");
    assertThat(lowered.path("decidedBy").asString()).isEqualTo("engineer-nb");
    assertThat(lowered.path("proposedGrade").isMissingNode() || lowered.path("proposedGrade").isNull()).isTrue();
  }

  /**
   * The matrix's clearance dimension: every entity with records in hz-01 × callers of clearance L2 and L3 (each
   * allowed the plant). A caller sees masked exactly the fields present whose grade is above its clearance and
   * whose grade's policy masks; nothing at or below its clearance is masked.
   */
  @Test
  void everyEntityMasksExactlyTheFieldsAboveTheCallersClearance() throws Exception {
    String run = "C" + UUID.randomUUID().toString().substring(0, 6);
    produceEmployees(run, 2);
    awaitRecords(user("admin"), run, 2);
    Map<String, String> masking = new HashMap<>();
    ok(send("GET", "/api/v1/catalog/scheme", user("manager"), null, null)).path("policies")
        .forEach(policy -> masking.put(policy.path("grade").asString(), policy.path("masking").asString()));
    List<String> order = List.of("L1", "L2", "L3", "IMPORTANT", "CORE");
    Map<String, String> clearance = Map.of("manager", "L2", "auditor", "L2", "engineer", "L3", "admin", "L3");
    int checked = 0;
    for (JsonNode entity : ok(send("GET", "/api/v1/catalog/entities", user("manager"), null, null))) {
      String name = entity.path("entity").asString();
      String records = "/api/v1/catalog/datasets/" + name + "/records?plant=hz-01&limit=20";
      JsonNode full = ok(send("GET", records, user("admin"), null, null));
      if (full.path("records").isEmpty()) {
        continue;
      }
      Map<String, String> grades = new HashMap<>();
      ok(send("GET", "/api/v1/catalog/entities/" + name + "/fields", user("manager"), null, null))
          .forEach(f -> grades.put(f.path("pointer").asString(), f.path("grade").asString()));
      for (Map.Entry<String, String> caller : clearance.entrySet()) {
        int cleared = order.indexOf(caller.getValue());
        List<String> expected = grades.entrySet().stream()
            .filter(g -> order.indexOf(g.getValue()) > cleared && !"none".equals(masking.get(g.getValue())))
            .map(Map.Entry::getKey)
            .filter(pointer -> full.path("records").valueStream().anyMatch(r -> {
              JsonNode value = r.path("payload").at(pointer);
              return !value.isMissingNode() && !value.isNull();
            }))
            .sorted().toList();
        JsonNode page = ok(send("GET", records, user(caller.getKey()), null, null));
        assertThat(page.path("clearance").asString()).isEqualTo(caller.getValue());
        assertThat(page.path("maskedFields").valueStream().map(JsonNode::asString).sorted().toList())
            .as(name + " as " + caller.getKey() + " (" + caller.getValue() + ")").isEqualTo(expected);
        checked++;
      }
    }
    assertThat(checked).as("entities with records × callers").isGreaterThanOrEqualTo(4);
  }

  @Autowired
  org.enterprisebrain.catalog.datasets.RecordStore recordStore;

  /**
   * A record's identity is its plant, source system and id: two source systems sending the same id keep two
   * records (one integrator cannot overwrite another's), and a record an older catalog keyed by plant and id alone
   * moves to the key with its source system.
   */
  @Test
  void recordsOfTwoSourceSystemsWithOneIdStayTwoAndOldKeysMove() throws Exception {
    String id = "SAME-" + UUID.randomUUID().toString().substring(0, 8);
    Instant now = Instant.now();
    produce(List.of(operationReport("MES-A", id, now.minusSeconds(30), now, 10),
        operationReport("MES-B", id, now.minusSeconds(20), now, 99)));
    String query = "/api/v1/catalog/datasets/operation-report/records?plant=hz-01&limit=200";
    List<String> sources = List.of();
    for (long until = System.currentTimeMillis() + 30_000; sources.size() < 2 && System.currentTimeMillis() < until;
        Thread.sleep(300)) {
      sources = ok(send("GET", query, user("admin"), null, null)).path("records").valueStream()
          .filter(r -> r.path("id").asString().equals(id)).map(r -> r.path("sourceSystem").asString()).sorted()
          .toList();
    }
    assertThat(sources).containsExactly("MES-A", "MES-B");

    // an index this catalog created is marked keyed with the source system: a start does not read it through
    String current = RealElasticsearch.url() + "/" + recordStore.index("operation-report");
    String planted = "OLD-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(putLegacyRecord(current, planted).statusCode()).isEqualTo(201);
    assertThat(recordStore.rekeyLegacy("operation-report")).as("a marked index is not scanned").isZero();
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(current + "/_doc/hz-01:" + planted + "?refresh=true"))
        .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

    // an older catalog's index (no mark): each record moves once, and the index is marked
    String entity = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
    String index = RealElasticsearch.url() + "/" + recordStore.index(entity);
    String legacy = "OLD-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> put = putLegacyRecord(index, legacy);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    assertThat(recordStore.rekeyLegacy(entity)).isEqualTo(1);
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(index + "/_doc/hz-01:" + legacy)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    HttpResponse<String> moved = HTTP.send(HttpRequest.newBuilder(URI.create(index + "/_doc/hz-01:MES-A:" + legacy))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(moved.body()).path("_source").path("payload").path("good").asInt()).isEqualTo(1);
    JsonNode mapping = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(index + "/_mapping")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    assertThat(mapping.findPath("_meta").path("recordKey").asString()).isEqualTo("plant:sourceSystem:id");
    assertThat(putLegacyRecord(index, "OLD-late").statusCode()).isEqualTo(201);
    assertThat(recordStore.rekeyLegacy(entity)).as("a marked index is not scanned again").isZero();
  }

  private static HttpResponse<String> putLegacyRecord(String index, String id) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(index + "/_doc/hz-01:" + id + "?refresh=true"))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("id", id, "entity",
            "operation-report", "plant", "hz-01", "sourceSystem", "MES-A", "payload", Map.of("good", 1))))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void recordsAreMaskedAboveClearanceAndEveryGradedReadIsAudited() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Instant before = Instant.now();
    produceEmployees(run, 5);
    JsonNode dataset = awaitDataset("employee", "HR-" + run, d -> d.path("records").asLong() >= 5);
    assertThat(dataset.path("topic").asString()).isEqualTo(EMPLOYEE_TOPIC);
    assertThat(dataset.path("highestGrade").asString()).isEqualTo("L3");
    assertThat(Instant.parse(dataset.path("lastReceivedAt").asString())).isAfterOrEqualTo(before.minusSeconds(1));
    assertThat(dataset.path("freshnessSeconds").asLong()).isBetween(0L, 60L);

    JsonNode managerPage = awaitRecords(user("manager"), run, 5);
    JsonNode mine = record(managerPage, "HR-" + run + "-0");
    assertThat(mine.path("payload").path("idNumber").asString()).isEqualTo("110***********002X");
    assertThat(mine.path("payload").path("phone").asString()).isEqualTo("138****0000");
    assertThat(mine.path("payload").path("salaryGrade").asString()).isEqualTo("**");
    assertThat(mine.path("payload").path("name").asString()).isEqualTo("张伟");
    assertThat(managerPage.path("clearance").asString()).isEqualTo("L2");
    assertThat(managerPage.path("maskedFields").valueStream().map(JsonNode::asString).toList())
        .contains("/idNumber", "/phone", "/salaryGrade");

    JsonNode adminPage = awaitRecords(user("admin"), run, 5);
    assertThat(record(adminPage, "HR-" + run + "-0").path("payload").path("idNumber").asString())
        .isEqualTo("11010519491231002X");
    assertThat(adminPage.path("maskedFields").isEmpty()).isTrue();

    problem(send("GET", "/api/v1/catalog/datasets/employee/records?plant=nb-02", user("manager"), null, null),
        403, "plant");

    // at rest, the L3 fields are encrypted (policy encrypt_at_rest); L2 and L1 fields are searchable as sent
    HttpResponse<String> raw = HTTP.send(HttpRequest.newBuilder(URI.create(RealElasticsearch.url()
        + "/brain-records-employee/_doc/hz-01:HR-" + run + ":HR-" + run + "-0")).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode stored = JSON.readTree(raw.body()).path("_source").path("payload");
    assertThat(stored.path("idNumber").asString()).startsWith("enc:v2:k1:");
    assertThat(stored.path("phone").asString()).startsWith("enc:v2:k1:");
    assertThat(raw.body()).doesNotContain("11010519491231002X").doesNotContain("13800000000");
    assertThat(stored.path("name").asString()).isEqualTo("张伟");

    JsonNode audit = ok(send("GET", "/api/v1/catalog/audit?limit=50", user("auditor"), null, null));
    List<String> decisions = new ArrayList<>();
    audit.forEach(e -> decisions.add(e.path("principal").asString() + ":" + e.path("decision").asString()));
    assertThat(decisions).contains("manager:masked", "admin:allowed", "manager:denied");
    JsonNode managerRead = audit.valueStream()
        .filter(e -> e.path("principal").asString().equals("manager") && e.path("decision").asString().equals("masked"))
        .findFirst().orElseThrow();
    assertThat(managerRead.path("fields").valueStream().map(JsonNode::asString).toList())
        .contains("/idNumber", "/phone");
    assertThat(managerRead.path("grade").asString()).isEqualTo("L3");
    assertThat(managerRead.path("resource").asString()).isEqualTo("dataset employee plant hz-01 source HR-" + run);
    assertThat(managerRead.path("clientId").asString()).isEqualTo("brain-console");
    assertThat(managerRead.path("clientAddress").asString()).isEqualTo("127.0.0.1");
    assertThat(managerRead.path("policy").asString()).contains("partial");

    // only the auditor reads the audit log
    problem(send("GET", "/api/v1/catalog/audit", user("manager"), null, null), 403, "Authorization");
  }

  /** The service's own connections: its runtime role, brain_catalog. */
  @Autowired
  JdbcClient db;

  /** The schema's owner, who ran the migrations (here the server's superuser). */
  final JdbcClient owner = JdbcClient.create(RealPostgres.dataSource());

  /**
   * Audit you can trust: every entry chained to the one before by its hash, the table append-only for everybody,
   * and a change made around both (the database owner disabling the trigger) found by the auditor's check.
   */
  @Test
  void theAuditLogIsAHashChainThatRefusesChangesAndShowsTheOnesMadeAroundIt() throws Exception {
    for (int i = 0; i < 3; i++) { // reads outside the manager's plants: refused, and audited as denied
      problem(send("GET", "/api/v1/catalog/datasets/employee/records?plant=nb-02", user("manager"), null, null),
          403, "plant");
    }
    // a call refused for want of a role is in the chain too
    problem(send("GET", "/api/v1/catalog/audit/verify", user("manager"), null, null), 403, "Authorization");
    JsonNode chain = ok(send("GET", "/api/v1/catalog/audit/verify", user("auditor"), null, null));
    assertThat(chain.path("intact").asBoolean()).as(chain.toString()).isTrue();
    assertThat(chain.path("entries").asLong()).isGreaterThanOrEqualTo(4);
    JsonNode newest = ok(send("GET", "/api/v1/catalog/audit?limit=3", user("auditor"), null, null));
    assertThat(chain.path("headId").asLong()).isEqualTo(newest.get(0).path("id").asLong());
    assertThat(chain.path("headHash").asString()).hasSize(64).isEqualTo(newest.get(0).path("hash").asString());
    JsonNode byRole = newest.get(0);
    assertThat(byRole.path("principal").asString()).isEqualTo("manager");
    assertThat(byRole.path("decision").asString()).isEqualTo("denied");
    assertThat(byRole.path("resource").asString()).isEqualTo("GET /api/v1/catalog/audit/verify");
    assertThat(byRole.path("policy").asString()).startsWith("role: ").contains("verifyAuditChain", "[auditor]");
    assertThat(newest.get(1).path("policy").asString()).startsWith("plant scope");

    long middle = newest.get(1).path("id").asLong();
    // the service itself works as brain_catalog, which holds no right to change the log at all ...
    assertThat(db.sql("select current_user").query(String.class).single()).isEqualTo("brain_catalog");
    assertThatThrownBy(() -> db.sql("update audit_event set principal = 'nobody' where id = ?").param(middle).update())
        .rootCause().hasMessageContaining("permission denied for table audit_event");
    assertThatThrownBy(() -> db.sql("alter table audit_event disable trigger audit_event_append_only").update())
        .rootCause().hasMessageContaining("must be owner of table audit_event");
    // ... and even the owner, who migrates, meets the trigger
    assertThatThrownBy(() -> owner.sql("update audit_event set principal = 'nobody' where id = ?").param(middle).update())
        .rootCause().hasMessageContaining("audit_event is append-only: UPDATE refused");
    assertThatThrownBy(() -> owner.sql("delete from audit_event where id = ?").param(middle).update())
        .rootCause().hasMessageContaining("audit_event is append-only: DELETE refused");
    assertThatThrownBy(() -> owner.sql("truncate audit_event").update())
        .rootCause().hasMessageContaining("audit_event is append-only: TRUNCATE refused");

    // the owner can drop the guard, not the chain: a changed entry breaks it at that entry ...
    aroundTheTrigger("update audit_event set principal = 'nobody' where id = " + middle);
    chain = ok(send("GET", "/api/v1/catalog/audit/verify", user("auditor"), null, null));
    assertThat(chain.path("intact").asBoolean()).isFalse();
    assertThat(chain.path("firstBrokenId").asLong()).isEqualTo(middle);
    assertThat(chain.path("problem").asString()).isEqualTo("content-changed");
    aroundTheTrigger("update audit_event set principal = 'manager' where id = " + middle);
    assertThat(ok(send("GET", "/api/v1/catalog/audit/verify", user("auditor"), null, null)).path("intact").asBoolean())
        .as("the entry as written again").isTrue();
    // ... a removed one at the entry after it
    aroundTheTrigger("delete from audit_event where id = " + middle);
    chain = ok(send("GET", "/api/v1/catalog/audit/verify", user("auditor"), null, null));
    assertThat(chain.path("intact").asBoolean()).isFalse();
    assertThat(chain.path("firstBrokenId").asLong()).isEqualTo(newest.get(0).path("id").asLong());
    assertThat(chain.path("problem").asString()).isEqualTo("link-broken");
  }

  @Autowired
  io.micrometer.core.instrument.MeterRegistry meters;

  /**
   * The other services' changes and downloads arrive over the audit topic (api-specs/topics/audit.v1): each is an
   * entry of the one chain with the time, person, client and address the service saw; delivered twice, appended
   * once; a message breaking the contract is counted and not appended, and the intake goes on after it.
   */
  @Test
  void theOtherServicesActionsArriveOverTheAuditTopicEachAppendedOnce() throws Exception {
    String deployment = "/api/v1/registry/deployments/" + UUID.randomUUID();
    String attachment = "/api/v1/assessment/attestations/" + UUID.randomUUID() + "/attachment";
    String undeploy = action(UUID.randomUUID(), "registry", "DELETE", deployment, "undeploy", "write");
    String download = action(UUID.randomUUID(), "assessment", "GET", attachment, "getAttachment", "download");
    double refusedBefore = counter("brain.audit.refused");
    double duplicatesBefore = counter("brain.audit.duplicates");
    String topic = Topics.AUDIT;
    // one partition's order: the broken message, the action, the same action again, then the download
    produce(List.of(new ProducerRecord<>(topic, 0, "broken", "{\"id\":\"not-an-action\"}"),
        new ProducerRecord<>(topic, 0, "a", undeploy), new ProducerRecord<>(topic, 0, "a", undeploy),
        new ProducerRecord<>(topic, 0, "b", download)));

    JsonNode written = awaitAudit("DELETE " + deployment);
    JsonNode served = awaitAudit("GET " + attachment);
    assertThat(counter("brain.audit.duplicates")).isEqualTo(duplicatesBefore + 1);
    assertThat(counter("brain.audit.refused")).isEqualTo(refusedBefore + 1);
    assertThat(written).hasSize(1);
    JsonNode entry = written.get(0);
    assertThat(entry.path("principal").asString()).isEqualTo("engineer");
    assertThat(entry.path("clientId").asString()).isEqualTo("brain-console");
    assertThat(entry.path("clientAddress").asString()).isEqualTo("10.1.2.3");
    assertThat(Instant.parse(entry.path("at").asString())).isEqualTo(Instant.parse("2026-12-07T01:02:03.456789Z"));
    assertThat(entry.path("decision").asString()).isEqualTo("written");
    assertThat(entry.path("policy").asString()).isEqualTo("write: undeploy");
    assertThat(entry.path("hash").asString()).hasSize(64);
    assertThat(served).hasSize(1);
    assertThat(served.get(0).path("decision").asString()).isEqualTo("allowed");
    assertThat(served.get(0).path("policy").asString()).isEqualTo("download: getAttachment");
  }

  /**
   * The auditor takes a period away: NDJSON whose every hash is recomputed here from the spec's description alone
   * (SHA-256 over the previous hash and the entry's JSON array) and whose links join; CSV with a BOM whose cells a
   * spreadsheet would run are defused; the export is itself in the log; a bad period or format is a 400.
   */
  @Test
  void theAuditorExportsAPeriodThatChecksOfflineAndOpensSafelyInASpreadsheet() throws Exception {
    Instant from = Instant.now().minus(Duration.ofMinutes(5));
    String formula = "=HYPERLINK(\"http://evil\")";
    String path = "/api/v1/registry/models/" + UUID.randomUUID();
    String action = JSON.writeValueAsString(Map.of("id", UUID.randomUUID().toString(), "at", Instant.now().toString(),
        "service", "registry", "principal", formula, "clientAddress", "10.1.2.3", "method", "POST", "path", path,
        "operationId", "createModel", "kind", "write"));
    produce(List.of(new ProducerRecord<>(Topics.AUDIT, "c", action)));
    awaitAudit("POST " + path);

    String query = "/api/v1/catalog/audit/export?from=" + from;
    HttpResponse<String> ndjson = send("GET", query, user("auditor"), null, null);
    assertThat(ndjson.statusCode()).as(ndjson.body()).isEqualTo(200);
    assertThat(ndjson.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
    List<JsonNode> lines = ndjson.body().lines().map(JSON::readTree).toList();
    assertThat(lines).isNotEmpty().anyMatch(l -> l.path("resource").asString().equals("POST " + path)
        && l.path("principal").asString().equals(formula));
    JsonNode before = null;
    for (JsonNode line : lines) {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      sha.update(java.util.HexFormat.of().parseHex(line.path("prevHash").asString()));
      Instant at = Instant.parse(line.path("at").asString());
      sha.update(JSON.writeValueAsBytes(java.util.Arrays.asList(line.path("id").asLong(),
          java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, at), line.path("principal").asString(null),
          line.path("clientId").asString(null), line.path("clientAddress").asString(null),
          line.path("resource").asString(), line.path("fields").valueStream().map(JsonNode::asString).toList(),
          line.path("grade").asString(), line.path("policy").asString(), line.path("decision").asString())));
      assertThat(java.util.HexFormat.of().formatHex(sha.digest())).as(line.toString()).isEqualTo(line.path("hash").asString());
      if (before != null && line.path("id").asLong() == before.path("id").asLong() + 1) {
        assertThat(line.path("prevHash").asString()).isEqualTo(before.path("hash").asString());
      }
      before = line;
    }

    HttpResponse<String> csv = send("GET", query + "&format=csv", user("auditor"), null, null);
    assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
    assertThat(csv.body()).startsWith("\uFEFFid,at,principal,clientId,clientAddress,resource,fields,grade,policy,decision,prevHash,hash");
    List<List<String>> rows = org.enterprisebrain.standard.Csv.parse(csv.body());
    assertThat(rows).as("the header, the entries, and the NDJSON export's own entry").hasSize(lines.size() + 2);
    assertThat(rows).anyMatch(r -> r.get(2).equals("'" + formula) && r.get(5).equals("POST " + path));
    assertThat(rows.stream().skip(1).map(r -> r.get(2))).noneMatch(p -> p.startsWith("="));

    // the export is in the log itself, the auditor's download
    JsonNode exported = ok(send("GET", "/api/v1/catalog/audit?user=auditor&limit=1", user("auditor"), null, null)).get(0);
    assertThat(exported.path("policy").asString()).isEqualTo("download: exportAuditLog");
    assertThat(exported.path("decision").asString()).isEqualTo("allowed");
    assertThat(exported.path("resource").asString()).isEqualTo("GET /api/v1/catalog/audit/export");

    problem(send("GET", query + "&format=xml", user("auditor"), null, null), 400, "format");
    problem(send("GET", query + "&to=" + from.minusSeconds(1), user("auditor"), null, null), 400, "to");
    problem(send("GET", "/api/v1/catalog/audit/export", user("auditor"), null, null), 400, "from");
    problem(send("GET", query, user("manager"), null, null), 403, "Authorization");
  }

  /**
   * Retention: entries older than it leave the chain as a prefix with an anchor, and the chain still verifies from
   * there; an entry appended late stays behind a younger one (never a hole in the middle); a prefix cut without an
   * anchor shows; nothing younger than 180 days can go, neither by the setting nor by calling the database.
   */
  @Test
  void retentionRemovesTheOldestEntriesAsAnAnchoredPrefixNeverYoungerThan180Days() throws Exception {
    Instant now = Instant.now();
    try (ConfigurableApplicationContext catalog = catalogIn("audit_retention", "400d")) {
      var log = catalog.getBean(org.enterprisebrain.catalog.audit.AuditLog.class);
      for (int i = 0; i < 3; i++) {
        log.record(auditedAt(now.minus(Duration.ofDays(500 - i)), "old-" + i));
      }
      log.record(auditedAt(now.minus(Duration.ofDays(10)), "recent"));
      log.record(auditedAt(now.minus(Duration.ofDays(450)), "late"));
      var retention = catalog.getBean(org.enterprisebrain.catalog.audit.AuditRetention.class);
      assertThat(retention.expire()).isEqualTo(3);
      var report = log.verify();
      assertThat(report.intact()).as(report.toString()).isTrue();
      assertThat(report.entries()).isEqualTo(2);
      assertThat(report.expiredEntries()).isEqualTo(3);
      assertThat(report.expiredThroughId()).isEqualTo(3L);
      assertThat(retention.expire()).as("the late entry stays behind the recent one").isZero();

      JdbcClient schemaOwner = JdbcClient.create(RealPostgres.dataSource());
      assertThatThrownBy(() -> schemaOwner.sql("select audit_retention.audit_event_expire(now() - interval '179 days')")
          .query(Long.class).single()).rootCause().hasMessageContaining("kept at least 180 days");
      assertThatThrownBy(() -> schemaOwner.sql("delete from audit_retention.audit_anchor").update())
          .rootCause().hasMessageContaining("audit_anchor is append-only");
      // a prefix cut around the trigger, without an anchor: the chain breaks where it now starts
      schemaOwner.sql("alter table audit_retention.audit_event disable trigger audit_event_append_only").update();
      try {
        schemaOwner.sql("delete from audit_retention.audit_event where id = 4").update();
      } finally {
        schemaOwner.sql("alter table audit_retention.audit_event enable trigger audit_event_append_only").update();
      }
      report = log.verify();
      assertThat(report.intact()).isFalse();
      assertThat(report.firstBrokenId()).isEqualTo(5L);
      assertThat(report.problem()).isEqualTo("link-broken");
    }
    assertThatThrownBy(() -> catalogIn("audit_retention_short", "30d").close())
        .rootCause().hasMessageContaining("kept at least 180 days");
  }

  static ConfigurableApplicationContext catalogIn(String schema, String retention) {
    return secondCatalog("--spring.datasource.hikari.schema=" + schema, "--spring.flyway.schemas=" + schema,
        "--brain.catalog.encryption-key=" + K1, "--brain.catalog.encryption-key-id=k1",
        "--brain.catalog.audit.retention=" + retention, "--brain.catalog.audit.retention-check=1h");
  }

  private static AuditedAction auditedAt(Instant at, String name) {
    return new AuditedAction(UUID.randomUUID(), at, "registry", "engineer", "brain-console", "10.1.2.3",
        AuditedAction.MethodEnum.POST, "/api/v1/registry/models/" + name, "createModel",
        AuditedAction.KindEnum.WRITE);
  }

  private static String action(UUID id, String service, String method, String path, String operation, String kind) {
    return JSON.writeValueAsString(Map.of("id", id.toString(), "at", "2026-12-07T01:02:03.456789Z", "service", service,
        "principal", "engineer", "clientId", "brain-console", "clientAddress", "10.1.2.3", "method", method,
        "path", path, "operationId", operation, "kind", kind));
  }

  private double counter(String name) {
    var counter = meters.find(name).counter();
    return counter == null ? 0 : counter.count();
  }

  private JsonNode awaitAudit(String resource) throws Exception {
    String query = "/api/v1/catalog/audit?resource=" + java.net.URLEncoder.encode(resource, StandardCharsets.UTF_8);
    JsonNode entries = ok(send("GET", query, user("auditor"), null, null));
    for (long until = System.currentTimeMillis() + 30_000; entries.isEmpty() && System.currentTimeMillis() < until;
        Thread.sleep(200)) {
      entries = ok(send("GET", query, user("auditor"), null, null));
    }
    return entries;
  }

  void aroundTheTrigger(String statement) {
    owner.sql("alter table audit_event disable trigger audit_event_append_only").update();
    try {
      owner.sql(statement).update();
    } finally {
      owner.sql("alter table audit_event enable trigger audit_event_append_only").update();
    }
  }

  @Test
  void extensionFieldsArrivingThroughIngestionAreClassifiedWithoutAnyoneUploadingASample() throws Exception {
    String run = "X" + UUID.randomUUID().toString().substring(0, 6);
    produceEmployees(run, 35,
        "\"extensions\":{\"紧急联系人电话\":\"1390000{i}\",\"采集点位\":\"DB1.DBX{n}.0\",\"备注\":\"无\"}");
    long deadline = System.currentTimeMillis() + 60_000;
    Map<String, JsonNode> found = new HashMap<>();
    while (System.currentTimeMillis() < deadline && found.size() < 2) {
      for (JsonNode l : ok(send("GET", "/api/v1/catalog/labels?entity=employee", user("engineer"), null, null))) {
        if (l.path("source").asString().equals("HR-" + run)) {
          found.put(l.path("pointer").asString(), l);
        }
      }
      Thread.sleep(300);
    }
    assertThat(found).containsOnlyKeys("/extensions/紧急联系人电话", "/extensions/采集点位");
    JsonNode phone = found.get("/extensions/紧急联系人电话");
    assertThat(phone.path("recognizer").asString()).isEqualTo("MOBILE_CN");
    assertThat(phone.path("createdBy").asString()).isEqualTo("catalog-service");
    assertThat(phone.path("sampled").asInt()).isEqualTo(30);
    assertThat(found.get("/extensions/采集点位").path("category").asString()).isEqualTo("equipment");

    // records stored before a label existed get the field encrypted at rest once the label is filed
    String late = "Y" + UUID.randomUUID().toString().substring(0, 6);
    produceEmployees(late, 5, "\"extensions\":{\"备用电话\":\"1370000{i}\"}");
    awaitRecords(user("admin"), late, 5);
    String rawBefore = HTTP.send(HttpRequest.newBuilder(URI.create(RealElasticsearch.url()
        + "/brain-records-employee/_doc/hz-01:HR-" + late + ":HR-" + late + "-0")).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(rawBefore).contains("13700000000");
    ok(send("POST", "/api/v1/catalog/classifications/csv?entity=employee&source=HR-" + late, user("engineer"),
        "text/csv", "备用电话\n13700000000\n13700000001\n13700000002\n13700000003\n13700000004\n"));
    String rawAfter = rawBefore;
    for (long until = System.currentTimeMillis() + 30_000; System.currentTimeMillis() < until
        && rawAfter.contains("13700000000"); Thread.sleep(300)) {
      rawAfter = HTTP.send(HttpRequest.newBuilder(URI.create(RealElasticsearch.url()
          + "/brain-records-employee/_doc/hz-01:HR-" + late + ":HR-" + late + "-0")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
    assertThat(JSON.readTree(rawAfter).path("_source").path("payload").path("extensions").path("备用电话").asString())
        .startsWith("enc:v2:k1:");

    // and so do the records of the batch in which the sampler filed its label
    String rawFirst = null;
    for (long until = System.currentTimeMillis() + 30_000; System.currentTimeMillis() < until; Thread.sleep(300)) {
      rawFirst = HTTP.send(HttpRequest.newBuilder(URI.create(RealElasticsearch.url()
          + "/brain-records-employee/_doc/hz-01:HR-" + run + ":HR-" + run + "-0")).build(), HttpResponse.BodyHandlers.ofString()).body();
      if (JSON.readTree(rawFirst).path("_source").path("payload").path("extensions").path("紧急联系人电话")
          .asString().startsWith("enc:v2:k1:")) {
        break;
      }
    }
    assertThat(rawFirst).doesNotContain("13900000000");
    JsonNode page = ok(send("GET", "/api/v1/catalog/datasets/employee/records?plant=hz-01&limit=50&source=HR-" + run,
        user("admin"), null, null));
    assertThat(record(page, "HR-" + run + "-0").path("payload").path("extensions").path("紧急联系人电话").asString())
        .isEqualTo("13900000000");
  }

  @Test
  void qualityScoresAndRejectionRatesMoveWithTheData() throws Exception {
    String source = "QA-" + UUID.randomUUID().toString().substring(0, 6);
    Instant now = Instant.now();
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      // record 2 arrives two hours late, record 3 reports an impossible quantity
      Instant occurred = i == 2 ? now.minusSeconds(7200) : now.minusSeconds(60);
      int good = i == 3 ? 250_000 : 100 + i;
      records.add(operationReport(source, source + "-" + i, occurred, now, good));
    }
    records.add(operationReport(source, source + "-0", now.minusSeconds(60), now, 100)); // resent: a duplicate id
    produce(records);
    produce(List.of(new ProducerRecord<>(Topics.INGEST_OUTCOMES, "hz-01|operation-report", """
        {"entity":"operation-report","plant":"hz-01","sourceSystem":"%s","accepted":5,"rejected":1,
         "errors":{"/payload/good":1},"at":"%s"}""".formatted(source, now))));

    JsonNode window = null;
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      JsonNode windows = ok(send("GET", "/api/v1/catalog/datasets/operation-report/quality?source=" + source,
          user("manager"), null, null));
      window = windows.isEmpty() ? null : windows.get(0);
      if (window != null && window.path("records").asInt() == 5 && window.path("rejected").asInt() == 1) {
        break;
      }
      Thread.sleep(300);
    }
    assertThat(window).as("quality window").isNotNull();
    assertThat(window.path("records").asInt()).isEqualTo(5);
    assertThat(window.path("duplicates").asInt()).isEqualTo(1);
    assertThat(window.path("uniqueness").asDouble()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(window.path("timeliness").asDouble()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(window.path("range").asDouble()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(window.path("validity").asDouble()).isCloseTo(5.0 / 6, org.assertj.core.data.Offset.offset(1e-9));
    long declared = ok(send("GET", "/api/v1/catalog/entities/operation-report/fields", user("manager"), null, null))
        .valueStream().map(f -> f.path("pointer").asString())
        .filter(p -> p.lastIndexOf('/') == 0 && !p.equals("/extensions")).count();
    assertThat(window.path("completeness").asDouble())
        .isCloseTo(7.0 / declared, org.assertj.core.data.Offset.offset(1e-9));

    JsonNode dataset = awaitDataset("operation-report", source, d -> d.path("rejected").asInt() == 1);
    JsonNode owned = ok(send("POST", "/api/v1/catalog/datasets/operation-report/owner", user("engineer"),
        "application/json", "{\"plant\":\"hz-01\",\"sourceSystem\":\"" + source + "\",\"owner\":\"生产部 王芳\"}"));
    assertThat(owned.path("owner").asString()).isEqualTo("生产部 王芳");
    problem(send("POST", "/api/v1/catalog/datasets/operation-report/owner", user("engineer"), "application/json",
        "{\"plant\":\"hz-01\",\"sourceSystem\":\"NOPE\",\"owner\":\"x\"}"), 404, "sourceSystem");
    problem(send("POST", "/api/v1/catalog/datasets/operation-report/owner", user("engineer"), "application/json",
        "{\"sourceSystem\":\"" + source + "\",\"owner\":\"x\"}"), 400, "plant");
    problem(send("POST", "/api/v1/catalog/datasets/operation-report/owner", user("engineer"), "application/json",
        "{\"plant\":\"hz-01\",\"sourceSystem\":\"" + source + "\",\"owner\":\" \"}"), 400, "owner");
    assertThat(dataset.path("accepted").asInt()).isEqualTo(5);
    assertThat(dataset.path("rejectionRate").asDouble()).isCloseTo(1.0 / 6, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(dataset.path("qualityScore").asDouble()).isBetween(0.5, 0.95);

    JsonNode rules = ok(send("GET", "/api/v1/catalog/quality/rules", user("manager"), null, null));
    assertThat(rules.valueStream().map(r -> r.path("entity").asString() + ":" + r.path("dimension").asString())
        .toList()).contains("operation-report:timeliness", "operation-report:range");
    problem(send("GET", "/api/v1/catalog/datasets/operation-report/quality?hours=0", user("manager"), null, null),
        400, "hours");
  }

  private static ProducerRecord<String, String> operationReport(String source, String id, Instant occurred,
      Instant received, int good) {
    String value = """
        {"id":"%s","entity":"operation-report","schemaVersion":1,"source":{"system":"%s","kind":"MES"},
         "plant":"hz-01","occurredAt":"%s","payload":{"workOrder":"WO-1","equipment":"CNC-07","operation":"10",
         "good":%d,"scrap":2,"start":"%s","end":"%s"}}""".formatted(id, source, occurred, good, occurred, occurred);
    ProducerRecord<String, String> record = new ProducerRecord<>("brain.production.operation-report.v1", id, value);
    record.headers().add(Topics.HEADER_RECEIVED_AT, received.toString().getBytes(StandardCharsets.UTF_8));
    return record;
  }

  private static void produce(List<ProducerRecord<String, String>> records) {
    Map<String, Object> config = Map.of("bootstrap.servers", RealKafka.bootstrapServers(), "acks", "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
        new StringSerializer())) {
      records.forEach(producer::send);
      producer.flush();
    }
  }

  @Test
  void lineageRunsFromSourceToIndexAndGradesPropagateUnlessAnApprovedTransformStopsThem() throws Exception {
    String run = "L" + UUID.randomUUID().toString().substring(0, 6);
    produceEmployees(run, 1);
    String topic = "topic:" + EMPLOYEE_TOPIC;
    JsonNode view = null;
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> response = send("GET", "/api/v1/catalog/lineage?node=" + topic, user("manager"), null, null);
      if (response.statusCode() == 200) {
        view = JSON.readTree(response.body());
        if (node(view, "source:HR-" + run) != null) {
          break;
        }
      }
      Thread.sleep(300);
    }
    assertThat(view).isNotNull();
    assertThat(node(view, "source:HR-" + run)).isNotNull();
    // the new dataset is findable too (registered right after its lineage)
    JsonNode datasets = null;
    for (long until = System.currentTimeMillis() + 15_000; System.currentTimeMillis() < until; Thread.sleep(200)) {
      datasets = ok(send("GET", "/api/v1/catalog/search?kind=dataset&q=HR-" + run, user("manager"), null, null));
      if (!datasets.isEmpty()) {
        break;
      }
    }
    assertThat(datasets.path(0).path("id").asString()).isEqualTo("dataset:HR-" + run + "/employee/hz-01");
    assertThat(node(view, topic).path("ownGrade").asString()).isEqualTo("L3");
    JsonNode index = node(view, "index:brain-records-employee");
    assertThat(index.path("effectiveGrade").asString()).isEqualTo("L3");
    assertThat(index.path("propagated").get(0).path("origin").asString()).isEqualTo(topic);

    String engineer = user("engineer");
    String admin = user("admin");
    JsonNode stats = ok(send("POST", "/api/v1/catalog/lineage/edges", engineer, "application/json",
        "{\"from\":\"index:brain-records-employee\",\"to\":\"model:attrition-" + run + "\","
            + "\"transform\":\"k-anonymised team statistics (k=10)\",\"deidentifying\":true}"));
    ok(send("POST", "/api/v1/catalog/lineage/edges", engineer, "application/json",
        "{\"from\":\"" + topic + "\",\"to\":\"report:payroll-" + run + "\"}"));
    ok(send("POST", "/api/v1/catalog/lineage/nodes", engineer, "application/json",
        "{\"id\":\"dataset:contracts-" + run + "\",\"ownGrade\":\"IMPORTANT\","
            + "\"authorityReference\":\"浙经信〔2026〕12号 第5项\"}"));
    ok(send("POST", "/api/v1/catalog/lineage/edges", engineer, "application/json",
        "{\"from\":\"dataset:contracts-" + run + "\",\"to\":\"report:payroll-" + run + "\"}"));

    // a pending de-identifying transform does not stop anything yet
    assertThat(lineageNode("model:attrition-" + run).path("effectiveGrade").asString()).isEqualTo("L3");
    problem(send("POST", "/api/v1/catalog/lineage/edges/" + stats.path("id").asLong() + "/approval", engineer,
        null, null), 409, "edgeId");
    JsonNode approved = ok(send("POST", "/api/v1/catalog/lineage/edges/" + stats.path("id").asLong() + "/approval",
        admin, null, null));
    assertThat(approved.path("approvedBy").asString()).isEqualTo("admin");
    assertThat(lineageNode("model:attrition-" + run).has("effectiveGrade")).isFalse();

    JsonNode payroll = lineageNode("report:payroll-" + run);
    assertThat(payroll.path("effectiveGrade").asString()).isEqualTo("IMPORTANT");
    assertThat(payroll.path("propagated").valueStream().map(p -> p.path("origin").asString()).toList())
        .containsExactlyInAnyOrder(topic, "dataset:contracts-" + run);
    // withdrawing the contracts label lifts protection: one data engineer only proposes it (four eyes) …
    String clear = "{\"id\":\"dataset:contracts-" + run + "\"}";
    JsonNode proposed = ok(send("POST", "/api/v1/catalog/lineage/nodes", engineer, "application/json", clear));
    assertThat(proposed.path("ownGrade").asString()).isEqualTo("IMPORTANT");
    assertThat(proposed.path("proposal").path("proposedBy").asString()).isEqualTo("engineer");
    assertThat(proposed.path("proposal").has("grade")).isFalse();
    assertThat(lineageNode("report:payroll-" + run).path("effectiveGrade").asString()).isEqualTo("IMPORTANT");
    problem(send("POST", "/api/v1/catalog/lineage/nodes", engineer, "application/json", clear), 409, "ownGrade");
    problem(send("POST", "/api/v1/catalog/lineage/nodes", RealKeycloak.clientToken("registry-service"),
        "application/json", clear), 403, "Authorization");
    // … and a second one applies it, which withdraws only what it propagated
    JsonNode cleared = ok(send("POST", "/api/v1/catalog/lineage/nodes", admin, "application/json", clear));
    assertThat(cleared.has("ownGrade")).isFalse();
    assertThat(cleared.has("proposal")).isFalse();
    payroll = lineageNode("report:payroll-" + run);
    assertThat(payroll.path("effectiveGrade").asString()).isEqualTo("L3");
    assertThat(payroll.path("propagated").valueStream().map(p -> p.path("origin").asString()).toList())
        .containsExactly(topic);

    problem(send("POST", "/api/v1/catalog/lineage/nodes", engineer, "application/json",
        "{\"id\":\"dataset:x\",\"ownGrade\":\"CORE\"}"), 400, "authorityReference");
    problem(send("POST", "/api/v1/catalog/lineage/edges", engineer, "application/json",
        "{\"from\":\"spreadsheet:x\",\"to\":\"report:y\"}"), 400, "from");
    problem(send("GET", "/api/v1/catalog/lineage?node=report:nowhere", engineer, null, null), 404, "node");
    // redefining someone else's edge as de-identifying makes it yours: you still cannot approve it
    JsonNode taken = ok(send("POST", "/api/v1/catalog/lineage/edges", engineer, "application/json",
        "{\"from\":\"topic:" + EMPLOYEE_TOPIC + "\",\"to\":\"report:payroll-" + run + "\","
            + "\"transform\":\"sum per team\",\"deidentifying\":true}"));
    assertThat(taken.path("createdBy").asString()).isEqualTo("engineer");
    problem(send("POST", "/api/v1/catalog/lineage/edges/" + taken.path("id").asLong() + "/approval", engineer,
        null, null), 409, "edgeId");
    problem(send("POST", "/api/v1/catalog/lineage/edges", user("manager"), "application/json",
        "{\"from\":\"job:a\",\"to\":\"report:b\"}"), 403, "Authorization");
  }

  private JsonNode lineageNode(String id) throws Exception {
    return node(ok(send("GET", "/api/v1/catalog/lineage?node=" + id + "&depth=1", user("manager"), null, null)), id);
  }

  private static JsonNode node(JsonNode view, String id) {
    return view.path("nodes").valueStream().filter(n -> n.path("id").asString().equals(id)).findFirst().orElse(null);
  }

  @Test
  void badRequestsAreProblemsNamingTheField() throws Exception {
    String engineer = user("engineer");
    problem(send("POST", "/api/v1/catalog/classifications/csv?entity=employee", engineer, "text/csv",
        "a,b\n\"open,1\n"), 400, "line 2");
    problem(send("POST", "/api/v1/catalog/classifications/csv?entity=employee", engineer, "text/csv",
        "a,a\n1,2\n"), 400, "column 2");
    problem(send("POST", "/api/v1/catalog/classifications/csv?entity=unicorn", engineer, "text/csv", "a\n1\n"),
        404, "entity");
    problem(send("POST", "/api/v1/catalog/classifications?entity=employee", engineer, "application/json",
        "[1, 2]"), 400, "/0");
    problem(send("POST", "/api/v1/catalog/classifications?entity=employee", engineer, "application/json",
        "[{\"a\":"), 400, null);
    problem(send("GET", "/api/v1/catalog/labels?state=maybe", engineer, null, null), 400, "state");
    problem(send("GET", "/api/v1/catalog/datasets/employee/records?plant=hz-01&limit=0", engineer, null, null),
        400, "limit");
    problem(send("GET", "/api/v1/catalog/datasets/unicorn/records?plant=hz-01", engineer, null, null),
        404, "entity");
    problem(send("GET", "/api/v1/catalog/entities", null, null, null), 401, "Authorization");
    // HEAD would reach the GET handlers: refused like any verb the API does not serve
    assertThat(send("HEAD", "/api/v1/catalog/audit", user("manager"), null, null).statusCode()).isEqualTo(403);
    problem(send("GET", "/api/v1/catalog/entities", RealKeycloak.clientToken("mes-a"), null, null), 403,
        "Authorization");
    problem(send("POST", "/api/v1/catalog/classifications/csv?entity=employee", user("manager"), "text/csv",
        "a\n1\n"), 403, "Authorization");
  }

  @Test
  void backupRunsAreRecordedAsReportedAndBadReportsAreRefusedNamingTheField() throws Exception {
    String engineer = user("engineer");
    java.time.Instant finished = java.time.Instant.now().minusSeconds(60);
    String report = """
        {"store": "postgresql", "scope": "catalog,registry", "status": "succeeded", "startedAt": "%s",
         "finishedAt": "%s", "bytes": 123456, "items": 14, "location": "/backups/pg-1", "tool": "brain backup",
         "detail": "sha256 of every file in manifest.json"}""".formatted(finished.minusSeconds(5), finished);
    HttpResponse<String> created = send("POST", "/api/v1/catalog/backups", engineer, "application/json", report);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode run = JSON.readTree(created.body());
    assertThat(run.path("reportedBy").asString()).isEqualTo("engineer");
    assertThat(run.path("status").asString()).isEqualTo("succeeded");
    assertThat(run.path("bytes").asLong()).isEqualTo(123456);
    send("POST", "/api/v1/catalog/backups", engineer, "application/json", report.replace("succeeded", "failed")
        .replace("postgresql", "elasticsearch"));

    JsonNode pg = ok(send("GET", "/api/v1/catalog/backups?store=postgresql&since="
        + finished.minusSeconds(1), user("manager"), null, null));
    assertThat(pg.valueStream().map(r -> r.path("id").asLong())).contains(run.path("id").asLong());
    assertThat(pg.valueStream().map(r -> r.path("store").asString())).containsOnly("postgresql");
    JsonNode all = ok(send("GET", "/api/v1/catalog/backups?since=" + finished.minusSeconds(1), user("auditor"), null,
        null));
    assertThat(all.valueStream().map(r -> r.path("store").asString() + "/" + r.path("status").asString()))
        .contains("postgresql/succeeded", "elasticsearch/failed");
    assertThat(ok(send("GET", "/api/v1/catalog/backups?since=" + java.time.Instant.now().plusSeconds(60),
        user("manager"), null, null)).size()).isZero();

    // a restore test of that backup, reported beside it and told apart by its kind
    HttpResponse<String> drill = send("POST", "/api/v1/catalog/backups", engineer, "application/json",
        report.replace("\"status\"", "\"kind\": \"restore-test\", \"status\""));
    assertThat(drill.statusCode()).as(drill.body()).isEqualTo(201);
    assertThat(JSON.readTree(drill.body()).path("kind").asString()).isEqualTo("restore-test");
    assertThat(run.path("kind").asString()).isEqualTo("backup");
    JsonNode drills = ok(send("GET", "/api/v1/catalog/backups?kind=restore-test&since=" + finished.minusSeconds(1),
        user("manager"), null, null));
    assertThat(drills.valueStream().map(r -> r.path("id").asLong()))
        .containsExactly(JSON.readTree(drill.body()).path("id").asLong());
    problem(send("GET", "/api/v1/catalog/backups?kind=drill", engineer, null, null), 400, "kind");
    // four eyes: the drill counts once somebody other than its reporter witnessed it
    long drillId = JSON.readTree(drill.body()).path("id").asLong();
    assertThat(JSON.readTree(drill.body()).has("witnessedBy")).isFalse();
    problem(send("POST", "/api/v1/catalog/backups/" + drillId + "/witness", engineer, null, null), 409, "runId");
    problem(send("POST", "/api/v1/catalog/backups/" + run.path("id").asLong() + "/witness", user("auditor"), null,
        null), 400, "runId");
    problem(send("POST", "/api/v1/catalog/backups/999999999/witness", user("auditor"), null, null), 404, "runId");
    problem(send("POST", "/api/v1/catalog/backups/" + drillId + "/witness", RealKeycloak.clientToken(
        "assessment-service"), null, null), 403, "Authorization");
    problem(send("POST", "/api/v1/catalog/backups/" + drillId + "/witness", user("manager"), null, null), 403,
        "Authorization");
    JsonNode witnessed = ok(send("POST", "/api/v1/catalog/backups/" + drillId + "/witness", user("auditor"), null,
        null));
    assertThat(witnessed.path("witnessedBy").asString()).isEqualTo("auditor");
    assertThat(witnessed.path("witnessedAt").asString()).isNotEmpty();
    assertThat(ok(send("POST", "/api/v1/catalog/backups/" + drillId + "/witness", user("auditor"), null, null))
        .path("witnessedAt").asString()).isEqualTo(witnessed.path("witnessedAt").asString());
    problem(send("POST", "/api/v1/catalog/backups/" + drillId + "/witness", user("engineer-nb"), null, null), 409,
        "runId");
    assertThat(ok(send("GET", "/api/v1/catalog/backups?kind=restore-test&since=" + finished.minusSeconds(1),
        user("manager"), null, null)).get(0).path("witnessedBy").asString()).isEqualTo("auditor");

    problem(send("POST", "/api/v1/catalog/backups", engineer, "application/json",
        report.replace("\"postgresql\"", "\"Postgre SQL\"")), 400, "store");
    problem(send("POST", "/api/v1/catalog/backups", engineer, "application/json",
        report.replace("\"" + finished.minusSeconds(5) + "\"", "\"" + finished.plusSeconds(5) + "\"")), 400,
        "finishedAt");
    problem(send("POST", "/api/v1/catalog/backups", engineer, "application/json",
        report.replace("\"" + finished + "\"", "\"" + finished.plusSeconds(3600) + "\"")), 400, "finishedAt");
    problem(send("POST", "/api/v1/catalog/backups", engineer, "application/json",
        report.replace("\"tool\": \"brain backup\",", "")), 400, "tool");
    problem(send("POST", "/api/v1/catalog/backups", engineer, "application/json",
        report.replace("123456", "-1")), 400, "bytes");
    problem(send("GET", "/api/v1/catalog/backups?limit=0", engineer, null, null), 400, "limit");
    // reporting is a data engineer's act; a manager reads only
    assertThat(send("POST", "/api/v1/catalog/backups", user("manager"), "application/json", report).statusCode())
        .isEqualTo(403);
  }

  @Test
  void theSchemeIsDataAndTheStandardIsRegistered() throws Exception {
    JsonNode scheme = ok(send("GET", "/api/v1/catalog/scheme", user("manager"), null, null));
    assertThat(scheme.path("categories").valueStream().map(c -> c.path("miitDomain").asString()).distinct().toList())
        .contains("研发", "生产", "运维", "管理", "外部");
    assertThat(scheme.path("grades").valueStream()
        .filter(g -> !g.path("autoAssignable").asBoolean()).map(g -> g.path("code").asString()).toList())
        .containsExactly("IMPORTANT", "CORE");
    assertThat(scheme.path("policies").valueStream()
        .filter(p -> p.path("grade").asString().equals("L3")).findFirst().orElseThrow().path("auditReads").asBoolean())
        .isTrue();
    JsonNode entities = ok(send("GET", "/api/v1/catalog/entities", user("manager"), null, null));
    // every entity of the standard, the ones added since 1.0 (B2MML's plans, actuals and lots among them) too
    assertThat(entities.valueStream().map(e -> e.path("entity").asString()).toList())
        .containsExactlyInAnyOrderElementsOf(org.enterprisebrain.standard.DataStandard.load().entities().stream()
            .map(org.enterprisebrain.standard.EntityStandard::entity).toList())
        .contains("production-schedule", "production-performance", "material-lot", "shipment");
    JsonNode employee = entities.valueStream().filter(e -> e.path("entity").asString().equals("employee"))
        .findFirst().orElseThrow();
    assertThat(employee.path("topic").asString()).isEqualTo(EMPLOYEE_TOPIC);
    assertThat(employee.path("isa95").asString()).isEqualTo("Person");

    JsonNode idFields = ok(send("GET", "/api/v1/catalog/search?q=" + java.net.URLEncoder.encode("身份证",
        StandardCharsets.UTF_8) + "&kind=field", user("manager"), null, null));
    // the standard's field (an extension field another test classified may rank beside it)
    JsonNode idNumber = idFields.valueStream().filter(h -> (h.path("entity").asString() + h.path("pointer").asString())
        .equals("employee/idNumber")).findFirst().orElseThrow(() -> new AssertionError(idFields.toString()));
    assertThat(idNumber.path("grade").asString()).isEqualTo("L3");
    JsonNode energy = ok(send("GET", "/api/v1/catalog/search?q=energy&kind=entity", user("manager"), null, null));
    assertThat(energy.valueStream().map(h -> h.path("entity").asString()).toList()).contains("energy-reading");
    problem(send("GET", "/api/v1/catalog/search?q=x&kind=spreadsheet", user("manager"), null, null), 400, "kind");
    problem(send("GET", "/api/v1/catalog/search?q=%20", user("manager"), null, null), 400, "q");

    String schema = org.enterprisebrain.standard.DataStandard.load().entity("employee").orElseThrow().versions().get(1);
    JsonNode minor = ok(send("POST", "/api/v1/catalog/entities/employee/compatibility", user("engineer"),
        "application/json", schema.replaceFirst("\"properties\": \\{", "\"properties\": {\"badge\": {\"type\": \"string\"},")));
    assertThat(minor.path("verdict").asString()).isEqualTo("minor");
    assertThat(minor.path("nextTopic").asString()).isEqualTo(EMPLOYEE_TOPIC);
    JsonNode major = ok(send("POST", "/api/v1/catalog/entities/employee/compatibility", user("engineer"),
        "application/json", schema.replace("\"salaryGrade\"", "\"payGrade\"")));
    assertThat(major.path("verdict").asString()).isEqualTo("major");
    assertThat(major.path("nextTopic").asString()).isEqualTo("brain.personnel.employee.v2");
    assertThat(major.path("changes").valueStream().map(c -> c.path("pointer").asString() + " " + c.path("change").asString())
        .toList()).contains("/salaryGrade removed");
    problem(send("POST", "/api/v1/catalog/entities/employee/compatibility", user("engineer"), "application/json",
        "[]"), 400, null);
  }

  private static JsonNode label(JsonNode report, String pointer) {
    return report.path("fields").valueStream().filter(f -> f.path("pointer").asString().equals(pointer))
        .findFirst().orElseThrow(() -> new AssertionError("no field " + pointer + " in " + report))
        .path("suggestions").get(0);
  }

  private static JsonNode record(JsonNode page, String id) {
    return page.path("records").valueStream().filter(r -> r.path("id").asString().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no record " + id + " in " + page));
  }

  private void produceEmployees(String run, int count) {
    produceEmployees(run, count, "");
  }

  private void produceEmployees(String run, int count, String extensions) {
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "HR-" + run + "-" + i;
      String value = """
          {"id":"%s","entity":"employee","schemaVersion":1,"source":{"system":"HR-%s","kind":"HR"},
           "plant":"hz-01","occurredAt":"2026-11-24T08:0%d:00+08:00",
           "payload":{"employeeId":"E%d","name":"张伟","idNumber":"11010519491231002X","phone":"13800000000",
                      "department":"MFG","salaryGrade":"P4"%s}}""".formatted(id, run, i % 10, i,
          extensions.isEmpty() ? "" : "," + extensions.replace("{i}", String.format("%04d", i))
              .replace("{n}", Integer.toString(i)));
      ProducerRecord<String, String> record = new ProducerRecord<>(EMPLOYEE_TOPIC, "hz-01|E" + i, value);
      record.headers().add(Topics.HEADER_RECORD_ID, id.getBytes(StandardCharsets.UTF_8));
      record.headers().add(Topics.HEADER_SOURCE_SYSTEM, ("HR-" + run).getBytes(StandardCharsets.UTF_8));
      record.headers().add(Topics.HEADER_RECEIVED_AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
      records.add(record);
    }
    produce(records);
  }

  private JsonNode awaitDataset(String entity, String source, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    JsonNode last = null;
    while (System.currentTimeMillis() < deadline) {
      last = ok(send("GET", "/api/v1/catalog/datasets?entity=" + entity, user("manager"), null, null));
      for (JsonNode d : last) {
        if (d.path("sourceSystem").asString().equals(source) && condition.test(d)) {
          return d;
        }
      }
      Thread.sleep(300);
    }
    throw new AssertionError("no matching dataset in time: " + last);
  }

  private JsonNode awaitRecords(String token, String run, int count) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    JsonNode page = null;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> answer = send("GET", "/api/v1/catalog/datasets/employee/records?plant=hz-01&source=HR-"
          + run + "&limit=50", token, null, null);
      if (answer.statusCode() == 503) {
        // Elasticsearch busy beyond the client's timeout (a loaded CI machine, three catalogs in one JVM): the
        // answer tells the client to come back, which is what a client does
        Thread.sleep(1000);
        continue;
      }
      page = ok(answer);
      if (page.path("records").size() >= count) {
        return page;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("records not searchable in time: " + page);
  }

  @Override
  public Service securedService() {
    return new Service("http://127.0.0.1:" + port, "catalog", Duration.ofSeconds(1));
  }
}
