package org.enterprisebrain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enterprisebrain.testsupport.ServiceCalls.problem;
import static org.enterprisebrain.testsupport.ServiceCalls.status;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.enterprisebrain.registry.deployments.DeploymentSigner;
import org.enterprisebrain.registry.deployments.DeploymentSignerTest;
import org.enterprisebrain.testsupport.AuditTopic;
import org.enterprisebrain.testsupport.SecuredApi;
import org.enterprisebrain.testsupport.RealElasticsearch;
import org.enterprisebrain.testsupport.RealKafka;
import org.enterprisebrain.testsupport.RealKeycloak;
import org.enterprisebrain.testsupport.ServiceCalls;
import org.enterprisebrain.testsupport.RealPostgres;
import org.enterprisebrain.servers.demo.Multipart;
import org.enterprisebrain.servers.demo.TrainedModels;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * The registry on real PostgreSQL, Kafka and Keycloak: real ONNX models (trained and exported by the test)
 * are registered and checked, an alias moves only when someone else approves, a deployment follows its alias
 * onto the compacted topic the scoring job reads, rolls back and is undeployed; the knowledge graph
 * diagnoses a seeded machine and takes its equipment from ingested master data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryApiIT implements SecuredApi {

  static final JsonMapper JSON = ServiceCalls.JSON;
  static final String DEPLOYMENTS = org.enterprisebrain.standard.Topics.MODEL_DEPLOYMENTS;
  static final String EQUIPMENT = "brain.equipment.equipment.v1";

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", RealKafka.bootstrapServers()))) {
      // the master-data topic exists before the listener subscribes, as ingestion creates it in the platform
      admin.createTopics(List.of(new NewTopic(EQUIPMENT, 1, (short) 1))).all().get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw e;
      }
    }
    registry.add("spring.kafka.bootstrap-servers", RealKafka::bootstrapServers);
    RealPostgres.datasource(registry, "registry");
    RealKeycloak.resourceServer(registry);
    registry.add("brain.security.clock-skew", () -> "1s"); // the forged-token test waits out an expiry
    registry.add("brain.elasticsearch.url", RealElasticsearch::url);
    // the search index as a fresh brain up left it: Elasticsearch made it from a document the seed wrote before
    // the registry mapped it (text fields, where the plant filter found none of a plant's machines); the service
    // makes it again with its mapping and rebuilds it (the plant test below searches as a one-plant manager)
    String index = "brain-registry-it-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    var made = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(RealElasticsearch.url() + "/" + index + "/_doc/seed?refresh=true"))
        .header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"kind\":\"node\",\"id\":\"equipment:hz-01:X\",\"plant\":\"hz-01\",\"name\":\"X\"}")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    registry.add("brain.registry.index", () -> index);
    registry.add("brain.registry.lineage.enabled", () -> "false"); // no catalog here: PlatformIT checks the lineage
    // the PKCS#1 form Helm's genSelfSignedCert writes; topic() checks every record with its certificate
    registry.add("brain.registry.signing-key", () -> DeploymentSignerTest.resource("pkcs1.pem"));
    registry.add("server.address", () -> "127.0.0.1");
  }

  @Value("${local.server.port}")
  int port;

  final ServiceCalls calls = new ServiceCalls(() -> port);

  static TrainedModels.Trained v1;
  static TrainedModels.Trained v2;

  static String enc(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  HttpResponse<String> register(String model, ObjectNode metadata, byte[] artifact) throws Exception {
    Multipart m = Multipart.modelVersion(JSON.writeValueAsBytes(metadata), artifact);
    return calls.send("POST", "/api/v1/registry/models/" + model + "/versions", "engineer", m.contentType(), m.body());
  }

  static ObjectNode metadata(TrainedModels.Trained m, String... features) {
    ObjectNode v = JSON.createObjectNode().put("kind", "onnx").put("description", "logistic regression, Tribuo 4.3");
    var list = v.putArray("features");
    for (String f : features) {
      list.addObject().put("name", f).put("entity", "telemetry").put("field", "value");
    }
    var labels = m.failIndex() == 0 ? List.of("fail", "ok") : List.of("ok", "fail");
    ObjectNode output = v.putObject("output").put("tensor", "output").put("positive", "fail")
        .put("meaning", "主轴 30 分钟内故障概率");
    labels.forEach(output.withArray("labels")::add);
    v.putObject("metrics").put("auc", 0.97);
    v.putArray("trainedOn").addObject().put("entity", "telemetry").put("field", "value").put("grade", "L2");
    return v;
  }

  /** The newest record per key on the deployments topic (a null value: undeployed). */
  static Map<String, String> topic() {
    Map<String, String> latest = new HashMap<>();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", RealKafka.bootstrapServers(),
        "group.id", "check-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new StringDeserializer(),
        new StringDeserializer())) {
      consumer.subscribe(List.of(DEPLOYMENTS));
      long deadline = System.currentTimeMillis() + 5_000;
      int empty = 0;
      while (System.currentTimeMillis() < deadline && empty < 3) {
        var records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty() && !latest.isEmpty()) {
          empty++;
        }
        for (var r : records) {
          var header = r.headers().lastHeader(DeploymentSigner.HEADER);
          assertThat(header).as("deployment " + r.key() + " signed").isNotNull();
          try {
            assertThat(DeploymentSignerTest.verifies(header.value(), r.key(),
                r.value() == null ? null : r.value().getBytes(StandardCharsets.UTF_8))).as(r.key()).isTrue();
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          if (r.value() != null) {
            assertThat(org.enterprisebrain.standard.TopicSchemas.violations("model-deployments.v1", r.value()))
                .as("deployment %s as its topic's schema says", r.key()).isEmpty();
          }
          latest.put(r.key(), r.value());
        }
      }
    }
    return latest;
  }

  @Test
  @Order(1)
  void onnxVersionsAreRegisteredAndBadArtifactsRefused() throws Exception {
    v1 = TrainedModels.spindleFailure(120, 1);
    v2 = TrainedModels.spindleFailure(200, 2);
    status(calls.json("POST", "/api/v1/registry/models", "engineer", Map.of("name", "spindle-failure",
        "title", "主轴故障预测", "tags", List.of("predictive-maintenance", "cnc"))), 201);
    problem(calls.json("POST", "/api/v1/registry/models", "engineer", Map.of("name", "spindle-failure")), 409, "name");
    problem(calls.json("POST", "/api/v1/registry/models", "engineer", Map.of("name", "Spindle Failure")), 400, "name");
    problem(calls.json("POST", "/api/v1/registry/models", "manager", Map.of("name", "x")), 403, "Authorization");

    JsonNode version = status(register("spindle-failure", metadata(v1, "temperature", "vibration"), v1.onnx()), 201);
    assertThat(version.path("version").asInt()).isEqualTo(1);
    assertThat(version.path("inputTensor").asString()).isEqualTo("input");
    assertThat(version.path("artifactBytes").asLong()).isEqualTo(v1.onnx().length);
    assertThat(version.path("createdBy").asString()).isEqualTo("engineer");

    byte[] corrupt = java.util.Arrays.copyOf(v1.onnx(), v1.onnx().length / 2);
    problem(register("spindle-failure", metadata(v1, "temperature", "vibration"), corrupt), 400, "artifact");
    problem(register("spindle-failure", metadata(v1, "temperature", "vibration", "current"), v1.onnx()), 400,
        "metadata.features");
    ObjectNode wrongLabels = metadata(v1, "temperature", "vibration");
    wrongLabels.withObject("output").withArray("labels").add("maybe");
    problem(register("spindle-failure", wrongLabels, v1.onnx()), 400, "metadata.output.labels");
    ObjectNode noTensor = metadata(v1, "temperature", "vibration");
    noTensor.withObject("output").put("tensor", "probabilities");
    problem(register("spindle-failure", noTensor, v1.onnx()), 400, "metadata.output.tensor");
    problem(register("spindle-failure", metadata(v1, "temperature", "vibration"), null), 400, "artifact");
    ObjectNode unknownData = metadata(v1, "temperature", "vibration");
    unknownData.withArray("trainedOn").addObject().put("entity", "weather").put("field", "value");
    problem(register("spindle-failure", unknownData, v1.onnx()), 400, "metadata.trainedOn[1].entity");

    assertThat(status(register("spindle-failure", metadata(v2, "temperature", "vibration"), v2.onnx()), 201)
        .path("version").asInt()).isEqualTo(2);
    // declarative kinds: limits, one per feature; an EWMA baseline per machine
    status(calls.json("POST", "/api/v1/registry/models", "engineer", Map.of("name", "spindle-limits")), 201);
    ObjectNode limits = JSON.createObjectNode().put("kind", "threshold");
    limits.putArray("features").addObject().put("name", "temperature").put("entity", "telemetry").put("field", "value");
    limits.putObject("output").put("tensor", "score").put("meaning", "share of the temperature limit");
    limits.putObject("threshold").putArray("upper").add(60).add(5);
    problem(register("spindle-limits", limits, null), 400, "metadata.threshold.upper");
    limits.withObject("threshold").putArray("upper").add(60);
    problem(register("spindle-limits", limits, v1.onnx()), 400, "artifact");
    assertThat(status(register("spindle-limits", limits, null), 201).path("threshold").path("upper").get(0).asDouble())
        .isEqualTo(60.0);
    ObjectNode ewma = limits.deepCopy().put("kind", "ewma");
    ewma.remove("threshold");
    ewma.putObject("ewma").put("alpha", 1.5);
    problem(register("spindle-limits", ewma, null), 400, "metadata.ewma.alpha");
    ewma.putObject("ewma").put("alpha", 0.05).put("warmUp", 20);
    assertThat(status(register("spindle-limits", ewma, null), 201).path("version").asInt()).isEqualTo(2);

    JsonNode versions = status(calls.get("/api/v1/registry/models/spindle-failure/versions", "manager"), 200);
    assertThat(versions.valueStream().map(v -> v.path("version").asInt()).toList()).containsExactly(2, 1);
    assertThat(status(calls.get("/api/v1/registry/models?tag=cnc", "auditor"), 200).valueStream()
        .map(m -> m.path("name").asString()).toList()).containsExactly("spindle-failure");
  }

  @Test
  @Order(2)
  void anAliasMovesOnlyWhenSomeoneElseApprovesAndADeploymentFollowsIt() throws Exception {
    JsonNode request = status(calls.json("POST", "/api/v1/registry/models/spindle-failure/aliases/champion/requests",
        "engineer", Map.of("version", 1, "comment", "AUC 0.97 on March data")), 201);
    assertThat(request.path("status").asString()).isEqualTo("pending");
    long id = request.path("id").asLong();
    problem(calls.json("POST", "/api/v1/registry/alias-requests/" + id + "/decision", "engineer",
        Map.of("approve", true)), 403, "id");
    problem(calls.json("POST", "/api/v1/registry/alias-requests/" + id + "/decision", "manager",
        Map.of("approve", true)), 403, "Authorization");
    problem(calls.json("POST", "/api/v1/registry/models/spindle-failure/aliases/champion/requests", "engineer",
        Map.of("version", 2)), 409, "alias");
    JsonNode approved = status(calls.json("POST", "/api/v1/registry/alias-requests/" + id + "/decision", "admin",
        Map.of("approve", true, "comment", "ok for line A")), 200);
    assertThat(approved.path("status").asString()).isEqualTo("applied");
    assertThat(approved.path("decidedBy").asString()).isEqualTo("admin");
    assertThat(status(calls.get("/api/v1/registry/models/spindle-failure", "manager"), 200).path("aliases")
        .path("champion").asInt()).isEqualTo(1);

    Map<String, Object> deployment = new HashMap<>(Map.of("id", "spindle-cnc", "model", "spindle-failure",
        "alias", "champion", "entity", "telemetry", "equipment", "CNC-A0[1-5]", "threshold", 0.8,
        "bindings", List.of(Map.of("feature", "temperature", "signal", "spindle.temperature", "scale", 70),
            Map.of("feature", "vibration", "signal", "spindle.vibration", "scale", 5))));
    Map<String, Object> unknownFeature = new HashMap<>(deployment);
    unknownFeature.put("id", "bad-one");
    unknownFeature.put("bindings", List.of(Map.of("feature", "current", "signal", "spindle.current")));
    problem(calls.json("POST", "/api/v1/registry/deployments", "engineer", unknownFeature), 400, "bindings[0].feature");
    Map<String, Object> missing = new HashMap<>(deployment);
    missing.put("id", "bad-two");
    missing.put("bindings", List.of(Map.of("feature", "vibration", "signal", "spindle.vibration")));
    problem(calls.json("POST", "/api/v1/registry/deployments", "engineer", missing), 400, "bindings");
    Map<String, Object> badRegex = new HashMap<>(deployment);
    badRegex.put("id", "bad-three");
    badRegex.put("equipment", "CNC-[");
    problem(calls.json("POST", "/api/v1/registry/deployments", "engineer", badRegex), 400, "equipment");
    badRegex.put("equipment", "(CNC)-A0\\1"); // a backreference: no linear-time engine matches it
    problem(calls.json("POST", "/api/v1/registry/deployments", "engineer", badRegex), 400, "equipment");

    JsonNode deployed = status(calls.json("POST", "/api/v1/registry/deployments", "engineer", deployment), 201);
    assertThat(deployed.path("version").asInt()).isEqualTo(1);
    assertThat(deployed.path("pinned").asBoolean()).isFalse();
    JsonNode message = JSON.readTree(topic().get("spindle-cnc"));
    assertThat(message.path("version").asInt()).isEqualTo(1);
    assertThat(Base64.getDecoder().decode(message.path("artifact").asString())).isEqualTo(v1.onnx());
    assertThat(message.path("features").valueStream().map(f -> f.path("signal").asString()).toList())
        .containsExactly("spindle.temperature", "spindle.vibration");
    assertThat(message.path("outputIndex").asInt()).isEqualTo(v1.failIndex());
    assertThat(message.path("bucketMs").asLong()).isEqualTo(60_000);

    // promotion: v2 becomes champion after approval, and the deployment scores with it
    long second = status(calls.json("POST", "/api/v1/registry/models/spindle-failure/aliases/champion/requests",
        "engineer", Map.of("version", 2)), 201).path("id").asLong();
    status(calls.json("POST", "/api/v1/registry/alias-requests/" + second + "/decision", "admin", Map.of("approve", true)), 200);
    JsonNode followed = status(calls.get("/api/v1/registry/deployments/spindle-cnc", "manager"), 200);
    assertThat(followed.path("version").asInt()).isEqualTo(2);
    assertThat(followed.path("history").valueStream().map(h -> h.path("reason").asString()).toList())
        .containsExactly("alias-moved", "deployed");
    assertThat(JSON.readTree(topic().get("spindle-cnc")).path("version").asInt()).isEqualTo(2);

    JsonNode history = status(calls.get("/api/v1/registry/models/spindle-failure/aliases/champion/history", "auditor"), 200);
    assertThat(history.valueStream().map(h -> h.path("version").asInt()).toList()).containsExactly(2, 1);
    assertThat(history.get(0).path("until").isMissingNode() || history.get(0).path("until").isNull()).isTrue();
    assertThat(history.get(1).path("until").asString()).isNotEmpty();
    assertThat(history.get(1).path("approvedBy").asString()).isEqualTo("admin");
    assertThat(history.get(1).path("comment").asString()).isEqualTo("AUC 0.97 on March data");

    // a rejected request changes nothing
    long third = status(calls.json("POST", "/api/v1/registry/models/spindle-failure/aliases/champion/requests",
        "engineer", Map.of("version", 1)), 201).path("id").asLong();
    JsonNode rejected = status(calls.json("POST", "/api/v1/registry/alias-requests/" + third + "/decision", "admin",
        Map.of("approve", false, "comment", "v2 is better on vibration")), 200);
    assertThat(rejected.path("status").asString()).isEqualTo("rejected");
    assertThat(status(calls.get("/api/v1/registry/models/spindle-failure", "manager"), 200).path("aliases")
        .path("champion").asInt()).isEqualTo(2);

    JsonNode rolledBack = status(calls.send("POST", "/api/v1/registry/deployments/spindle-cnc/rollback", "engineer", null,
        null), 200);
    assertThat(rolledBack.path("version").asInt()).isEqualTo(1);
    assertThat(rolledBack.path("pinned").asBoolean()).isTrue();
    assertThat(JSON.readTree(topic().get("spindle-cnc")).path("version").asInt()).isEqualTo(1);

    JsonNode undeployed = status(calls.send("DELETE", "/api/v1/registry/deployments/spindle-cnc", "engineer", null, null), 200);
    assertThat(undeployed.path("status").asString()).isEqualTo("undeployed");
    Map<String, String> latest = topic();
    assertThat(latest).containsKey("spindle-cnc");
    assertThat(latest.get("spindle-cnc")).as("undeployed: a tombstone").isNull();

    // every change above is handed to the audit chain, by whom and which operation; the refused ones are not
    List<JsonNode> audited = AuditTopic.await(a -> a.path("path").asString().startsWith("/api/v1/registry/")
        && (a.path("path").asString().contains("spindle-cnc") || a.path("path").asString().endsWith("/decision")
        || a.path("path").asString().equals("/api/v1/registry/deployments")), 6);
    assertThat(audited.stream().map(a -> a.path("principal").asString() + " " + a.path("operationId").asString())
        .toList()).containsExactly("admin decideAliasRequest", "engineer createDeployment",
        "admin decideAliasRequest", "admin decideAliasRequest", "engineer rollbackDeployment", "engineer undeploy");
    assertThat(audited).allSatisfy(a -> assertThat(a.path("service").asString()).isEqualTo("registry"));
  }

  @Test
  @Order(3)
  void anAliasPolicyNamesWhoMayApprove() throws Exception {
    problem(calls.json("PUT", "/api/v1/registry/models/spindle-failure/aliases/challenger/policy", "engineer",
        Map.of("requiresApproval", true, "approverUsers", List.of("admin"))), 403, "Authorization");
    status(calls.json("PUT", "/api/v1/registry/models/spindle-failure/aliases/challenger/policy", "admin",
        Map.of("requiresApproval", true, "approverUsers", List.of("quality-lead"), "approverRoles", List.of())), 200);
    long id = status(calls.json("POST", "/api/v1/registry/models/spindle-failure/aliases/challenger/requests", "engineer",
        Map.of("version", 1)), 201).path("id").asLong();
    problem(calls.json("POST", "/api/v1/registry/alias-requests/" + id + "/decision", "admin", Map.of("approve", true)), 403,
        "id");
    // nobody here may approve it: its requester withdraws it, which frees the alias for a new request
    problem(calls.json("POST", "/api/v1/registry/alias-requests/" + id + "/decision", "engineer", Map.of("approve", true)),
        403, "id");
    JsonNode withdrawn = status(calls.json("POST", "/api/v1/registry/alias-requests/" + id + "/decision", "engineer",
        Map.of("approve", false)), 200);
    assertThat(withdrawn.path("status").asString()).isEqualTo("rejected");
    assertThat(withdrawn.path("decisionComment").asString()).isEqualTo("withdrawn by the requester");
    problem(calls.json("POST", "/api/v1/registry/alias-requests/" + id + "/decision", "admin", Map.of("approve", false)),
        409, "id");
    status(calls.json("PUT", "/api/v1/registry/models/spindle-failure/aliases/staging/policy", "admin",
        Map.of("requiresApproval", false)), 200);
    JsonNode immediate = status(calls.json("POST", "/api/v1/registry/models/spindle-failure/aliases/staging/requests",
        "engineer", Map.of("version", 2)), 201);
    assertThat(immediate.path("status").asString()).isEqualTo("applied");
  }

  @Test
  @Order(4)
  void aFeatureRecipeComponentBindsADeployment() throws Exception {
    JsonNode recipe = status(calls.json("POST", "/api/v1/registry/components", "engineer", Map.of("name", "spindle-features",
        "kind", "feature-recipe", "description", "主轴温度与振动，按满量程归一化",
        "spec", Map.of("bindings", List.of(Map.of("feature", "temperature", "signal", "spindle.temperature", "scale", 70),
            Map.of("feature", "vibration", "signal", "spindle.vibration", "scale", 5))))), 201);
    assertThat(recipe.path("version").asInt()).isEqualTo(1);
    // a deployment scores plants: an engineer of nb-02 neither deploys onto every plant or hz-01, nor undeploys
    // what scores them
    Map<String, Object> nb = new HashMap<>(Map.of("id", "nb-only", "model", "spindle-failure", "version", 2,
        "entity", "telemetry", "featureRecipe", "spindle-features@1"));
    problem(calls.json("POST", "/api/v1/registry/deployments", "engineer-nb", nb), 403, "plants");
    nb.put("plants", List.of("nb-02", "hz-01"));
    problem(calls.json("POST", "/api/v1/registry/deployments", "engineer-nb", nb), 403, "plants");
    problem(calls.send("DELETE", "/api/v1/registry/deployments/spindle-cnc", "engineer-nb", null, null), 403, "plants");
    nb.put("plants", List.of("nb-02"));
    assertThat(status(calls.json("POST", "/api/v1/registry/deployments", "engineer-nb", nb), 201).path("plants")
        .valueStream().map(JsonNode::asString).toList()).containsExactly("nb-02");
    // four eyes: a version no second person approved for an alias does not score by being named
    problem(calls.json("POST", "/api/v1/registry/deployments", "engineer", Map.of("id", "unapproved",
        "model", "spindle-limits", "version", 2, "entity", "telemetry", "featureRecipe", "spindle-features@1")), 409,
        "version");
    problem(calls.json("POST", "/api/v1/registry/components", "engineer", Map.of("name", "broken-recipe",
        "kind", "feature-recipe", "spec", Map.of("signals", List.of()))), 400, "spec.bindings");
    JsonNode deployed = status(calls.json("POST", "/api/v1/registry/deployments", "engineer", Map.of("id", "spindle-recipe",
        "model", "spindle-failure", "version", 2, "entity", "telemetry", "featureRecipe", "spindle-features@1")), 201);
    assertThat(deployed.path("pinned").asBoolean()).isTrue();
    assertThat(deployed.path("bindings").valueStream().map(b -> b.path("signal").asString()).toList())
        .containsExactly("spindle.temperature", "spindle.vibration");
    problem(calls.json("POST", "/api/v1/registry/deployments", "engineer", Map.of("id", "no-recipe",
        "model", "spindle-failure", "version", 2, "entity", "telemetry", "featureRecipe", "spindle-features@9")), 400,
        "featureRecipe");
  }

  @Test
  @Order(5)
  void theGraphDiagnosesASeededMachine() throws Exception {
    String seed = """
        {"nodes": [
          {"id": "equipment:CNC-9", "type": "equipment", "name": "立式加工中心 9#"},
          {"id": "component:CNC-9.spindle", "type": "component", "name": "主轴"},
          {"id": "failure-mode:overheat", "type": "failure-mode", "name": "主轴过热", "properties": {"iso14224": "OHE", "prior": 0.2}},
          {"id": "failure-mode:vibration", "type": "failure-mode", "name": "主轴振动", "properties": {"iso14224": "VIB", "prior": 0.1}},
          {"id": "failure-mode:elsewhere", "type": "failure-mode", "name": "别处的故障", "properties": {"prior": 0.9}},
          {"id": "symptom:hot", "type": "symptom", "name": "主轴温度过高", "properties": {"alarmCode": "SP1001"}},
          {"id": "symptom:shaking", "type": "symptom", "name": "振动超限", "properties": {"signal": "spindle.vibration"}},
          {"id": "cause:lubrication", "type": "cause", "name": "润滑不足"},
          {"id": "cause:bearing", "type": "cause", "name": "轴承磨损"},
          {"id": "remedy:grease", "type": "remedy", "name": "补充润滑脂"},
          {"id": "remedy:bearing", "type": "remedy", "name": "更换主轴轴承"}
        ], "edges": [
          {"from": "component:CNC-9.spindle", "type": "part-of", "to": "equipment:CNC-9"},
          {"from": "component:CNC-9.spindle", "type": "has-failure-mode", "to": "failure-mode:overheat"},
          {"from": "component:CNC-9.spindle", "type": "has-failure-mode", "to": "failure-mode:vibration"},
          {"from": "failure-mode:overheat", "type": "indicated-by", "to": "symptom:hot", "weight": 0.9},
          {"from": "failure-mode:overheat", "type": "indicated-by", "to": "symptom:shaking", "weight": 0.2},
          {"from": "failure-mode:vibration", "type": "indicated-by", "to": "symptom:shaking", "weight": 0.8},
          {"from": "failure-mode:vibration", "type": "indicated-by", "to": "symptom:hot", "weight": 0.3},
          {"from": "failure-mode:elsewhere", "type": "indicated-by", "to": "symptom:hot", "weight": 1},
          {"from": "failure-mode:overheat", "type": "caused-by", "to": "cause:lubrication", "weight": 0.6},
          {"from": "failure-mode:overheat", "type": "caused-by", "to": "cause:bearing", "weight": 0.4},
          {"from": "cause:lubrication", "type": "fixed-by", "to": "remedy:grease", "weight": 0.9},
          {"from": "cause:bearing", "type": "fixed-by", "to": "remedy:bearing", "weight": 1}
        ]}""";
    JsonNode written = status(calls.json("POST", "/api/v1/registry/graph/import", "engineer", seed), 200);
    assertThat(written.path("nodes").asInt()).isEqualTo(11);
    assertThat(written.path("edges").asInt()).isEqualTo(12);

    // hot alone: overheat 0.2 × 0.9 = 0.18 against vibration 0.1 × 0.3 = 0.03, so 0.18 / 0.21 = 0.857143
    JsonNode hot = status(calls.json("POST", "/api/v1/registry/graph/diagnose", "manager",
        Map.of("equipment", "CNC-9", "symptoms", List.of("SP1001", "E-999"))), 200);
    assertThat(hot.path("equipment").asString()).isEqualTo("equipment:CNC-9");
    JsonNode top = hot.path("failureModes").get(0);
    assertThat(top.path("failureMode").asString()).isEqualTo("failure-mode:overheat");
    assertThat(top.path("probability").asDouble()).isEqualTo(0.857143);
    assertThat(top.path("via").asString()).isEqualTo("component:CNC-9.spindle");
    assertThat(top.path("iso14224").asString()).isEqualTo("OHE");
    assertThat(top.path("causes").valueStream().map(c -> c.path("id").asString()).toList())
        .containsExactly("cause:lubrication", "cause:bearing");
    // remedies through causes: grease 0.6 × 0.9 = 0.54, bearing 0.4 × 1 = 0.4
    assertThat(top.path("remedies").get(0).path("id").asString()).isEqualTo("remedy:grease");
    assertThat(top.path("remedies").get(0).path("weight").asDouble()).isEqualTo(0.54);
    assertThat(hot.path("failureModes").valueStream().map(m -> m.path("failureMode").asString()).toList())
        .doesNotContain("failure-mode:elsewhere");
    assertThat(hot.path("unmatched").valueStream().map(JsonNode::asString).toList()).containsExactly("E-999");

    // hot and shaking: overheat 0.2 × 0.9 × 0.2 = 0.036, vibration 0.1 × 0.3 × 0.8 = 0.024: 0.6 / 0.4
    JsonNode both = status(calls.json("POST", "/api/v1/registry/graph/diagnose", "manager",
        Map.of("equipment", "equipment:CNC-9", "symptoms", List.of("SP1001", "spindle.vibration"))), 200);
    assertThat(both.path("failureModes").valueStream().map(m -> m.path("probability").asDouble()).toList())
        .containsExactly(0.6, 0.4);
    problem(calls.json("POST", "/api/v1/registry/graph/diagnose", "manager",
        Map.of("equipment", "CNC-404", "symptoms", List.of("SP1001"))), 404, "equipment");
    problem(calls.json("POST", "/api/v1/registry/graph/diagnose", "manager", Map.of("equipment", "CNC-9")), 400, "symptoms");

    JsonNode around = status(calls.get("/api/v1/registry/graph/nodes/component:CNC-9.spindle/neighbours?depth=1", "manager"),
        200);
    assertThat(around.path("nodes").valueStream().map(n -> n.path("id").asString()).toList())
        .containsExactlyInAnyOrder("component:CNC-9.spindle", "equipment:CNC-9", "failure-mode:overheat",
            "failure-mode:vibration");
    JsonNode paths = status(calls.get("/api/v1/registry/graph/paths?from=equipment:CNC-9&to=remedy:grease", "manager"), 200);
    assertThat(paths.size()).isEqualTo(1);
    assertThat(paths.get(0).valueStream().map(e -> e.path("type").asString()).toList())
        .containsExactly("part-of", "has-failure-mode", "caused-by", "fixed-by");
    // full text, Chinese included: the standard analyzer's single characters find 主轴 in 主轴过热
    JsonNode found = status(calls.get("/api/v1/registry/search?q=" + enc("主轴 过热") + "&kind=node", "manager"), 200);
    assertThat(found.get(0).path("id").asString()).isEqualTo("failure-mode:overheat");
    assertThat(found.valueStream().map(h -> h.path("kind").asString()).distinct().toList()).containsExactly("node");
    JsonNode models = status(calls.get("/api/v1/registry/search?q=" + enc("故障预测"), "auditor"), 200);
    assertThat(models.valueStream().map(h -> h.path("kind").asString() + ":" + h.path("id").asString()).toList())
        .contains("model:spindle-failure");
    JsonNode byProperty = status(calls.get("/api/v1/registry/search?q=OHE", "manager"), 200);
    assertThat(byProperty.get(0).path("id").asString()).isEqualTo("failure-mode:overheat");
    problem(calls.get("/api/v1/registry/search?q=x&kind=machine", "manager"), 400, "kind");
    problem(calls.json("POST", "/api/v1/registry/graph/edges", "engineer",
        List.of(Map.of("from", "equipment:CNC-9", "type", "uses", "to", "material:none"))), 400, "edges[0].to");

    HttpResponse<String> exported = calls.get("/api/v1/registry/graph/csv", "manager");
    assertThat(exported.statusCode()).isEqualTo(200);
    String csv = exported.body();
    assertThat(csv).startsWith("kind,id_or_from,type,name_or_to,properties_or_weight").contains("主轴过热");
    JsonNode reimported = status(calls.send("POST", "/api/v1/registry/graph/csv", "engineer", "text/csv",
        csv.getBytes(StandardCharsets.UTF_8)), 200);
    assertThat(reimported.path("edges").asInt()).isEqualTo(
        status(calls.get("/api/v1/registry/graph/export", "manager"), 200).path("edges").size());
  }

  @Test
  @Order(6)
  void equipmentMasterDataBecomesNodes() throws Exception {
    ObjectNode payload = JSON.createObjectNode().put("equipmentId", "CNC-Z1").put("name", "立式加工中心 Z1#")
        .put("level", "workcell").put("parent", "LINE-Z").put("type", "cnc-machining-center").put("manufacturer", "FANUC");
    // a node of that id written before nodes had plants (shared): the plant's master data places it in the plant
    status(calls.json("POST", "/api/v1/registry/graph/nodes", "engineer", List.of(Map.of("id",
        "equipment:hz-01:CNC-Z1", "type", "equipment", "name", "CNC-Z1"))), 200);
    ObjectNode envelope = JSON.createObjectNode().put("id", "EQ-CNC-Z1").put("entity", "equipment")
        .put("plant", "hz-01").put("occurredAt", "2026-05-01T00:00:00Z");
    envelope.set("payload", payload);
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", RealKafka.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(EQUIPMENT, "hz-01|CNC-Z1", JSON.writeValueAsString(envelope))).get();
    }
    String machine = "equipment:hz-01:CNC-Z1"; // the plant's: another plant's CNC-Z1 is another node
    long deadline = System.currentTimeMillis() + 30_000;
    HttpResponse<String> node = calls.get("/api/v1/registry/graph/nodes/" + machine, "manager");
    for (; !node.body().contains("立式加工中心 Z1#") && System.currentTimeMillis() < deadline; Thread.sleep(300)) {
      node = calls.get("/api/v1/registry/graph/nodes/" + machine, "manager");
    }
    JsonNode n = status(node, 200);
    assertThat(n.path("name").asString()).isEqualTo("立式加工中心 Z1#");
    assertThat(n.path("plant").asString()).isEqualTo("hz-01");
    assertThat(n.path("properties").path("manufacturer").asString()).isEqualTo("FANUC");
    assertThat(n.path("properties").path("equipmentId").asString()).isEqualTo("CNC-Z1");
    JsonNode up = status(calls.get("/api/v1/registry/graph/nodes/" + machine + "/neighbours?edgeType=part-of", "manager"), 200);
    assertThat(up.path("nodes").valueStream().map(x -> x.path("id").asString()).toList())
        .contains("equipment:hz-01:LINE-Z");
    problem(calls.get("/api/v1/registry/graph/nodes/" + machine, "engineer-nb"), 404, "id");

    // a deployment links its model to the machines it watches, in the plants it scores
    status(calls.json("POST", "/api/v1/registry/deployments", "engineer", Map.of("id", "spindle-z", "model", "spindle-failure",
        "version", 2, "entity", "telemetry", "equipment", "CNC-Z[0-9]", "featureRecipe", "spindle-features@1",
        "plants", List.of("hz-01"))), 201);
    JsonNode watched = status(calls.get("/api/v1/registry/graph/nodes/model:spindle-failure/neighbours?edgeType=monitored-by",
        "manager"), 200);
    assertThat(watched.path("nodes").valueStream().map(x -> x.path("id").asString()).toList())
        .contains(machine).doesNotContain("equipment:hz-01:LINE-Z", "equipment:CNC-9");
  }

  /**
   * The knowledge graph per plant (issue 15): each plant's machines are its own — two plants' PS-1 are two nodes,
   * a caller sees (and exports, searches, walks, diagnoses) the machines of the plants they act for and the shared
   * failure knowledge, and writes only their own plants' nodes; a node's plant never changes.
   */
  @Test
  @Order(7)
  void eachPlantSeesItsOwnMachinesAndEveryPlantTheSharedKnowledge() throws Exception {
    String hz = "equipment:hz-01:PS-1", nb = "equipment:nb-02:PS-1";
    status(calls.json("POST", "/api/v1/registry/graph/import", "engineer", Map.of(
        "nodes", List.of(
            Map.of("id", hz, "type", "equipment", "name", "压装机 1#", "plant", "hz-01",
                "properties", Map.of("equipmentId", "PS-1")),
            Map.of("id", nb, "type", "equipment", "name", "宁波压装机 1#", "plant", "nb-02",
                "properties", Map.of("equipmentId", "PS-1")),
            // a machine written before nodes had plants: shared, and second to a plant's own of the same id
            Map.of("id", "equipment:PS-1", "type", "equipment", "name", "旧压装机"),
            Map.of("id", "failure-mode:press-overload", "type", "failure-mode", "name", "压装过载"),
            Map.of("id", "symptom:press-force-high", "type", "symptom", "name", "压装力过高",
                "properties", Map.of("alarmCode", "PF-900"))),
        "edges", List.of(
            Map.of("from", hz, "type", "has-failure-mode", "to", "failure-mode:press-overload"),
            Map.of("from", nb, "type", "has-failure-mode", "to", "failure-mode:press-overload"),
            Map.of("from", "failure-mode:press-overload", "type", "indicated-by", "to", "symptom:press-force-high",
                "weight", 0.9)))), 200);

    // hz-01's manager: its machine and the shared knowledge, nothing of nb-02's
    problem(calls.get("/api/v1/registry/graph/nodes/" + nb, "manager"), 404, "id");
    assertThat(status(calls.get("/api/v1/registry/graph/nodes/" + hz, "manager"), 200).path("plant").asString())
        .isEqualTo("hz-01");
    JsonNode export = status(calls.get("/api/v1/registry/graph/export", "manager"), 200);
    List<String> exported = export.path("nodes").valueStream().map(x -> x.path("id").asString()).toList();
    assertThat(exported).contains(hz, "failure-mode:press-overload").doesNotContain(nb);
    assertThat(export.path("nodes").valueStream().map(x -> x.path("plant").asString("")).distinct().toList())
        .doesNotContain("nb-02");
    assertThat(export.path("edges").valueStream()).noneMatch(e -> e.path("from").asString().equals(nb)
        || e.path("to").asString().equals(nb));
    assertThat(calls.get("/api/v1/registry/graph/csv", "manager").body()).contains(hz).doesNotContain(nb);
    JsonNode around = status(calls.get("/api/v1/registry/graph/nodes/failure-mode:press-overload/neighbours?depth=1",
        "manager"), 200);
    assertThat(around.path("nodes").valueStream().map(x -> x.path("id").asString()).toList()).contains(hz)
        .doesNotContain(nb);
    assertThat(status(calls.get("/api/v1/registry/graph/paths?from=" + hz + "&to=" + nb + "&maxDepth=4", "engineer"),
        200)).as("the engineer acts for every plant: the machines share a failure mode").isNotEmpty();
    problem(calls.get("/api/v1/registry/graph/paths?from=" + hz + "&to=" + nb, "manager"), 404, "id");
    JsonNode found = status(calls.get("/api/v1/registry/search?q=PS-1&kind=node", "manager"), 200);
    assertThat(found.valueStream().map(h -> h.path("id").asString()).toList()).contains(hz).doesNotContain(nb);
    // the index the service found had another mapping: made again from PostgreSQL, without what it held
    assertThat(status(calls.get("/api/v1/registry/search?q=X&kind=node", "engineer"), 200).valueStream()
        .map(h -> h.path("id").asString()).toList()).doesNotContain("equipment:hz-01:X");
    JsonNode foundNb = status(calls.get("/api/v1/registry/search?q=PS-1&kind=node", "engineer-nb"), 200);
    assertThat(foundNb.valueStream().map(h -> h.path("id").asString()).toList()).contains(nb).doesNotContain(hz);

    // a diagnosis by equipment id finds the caller's machine; for someone acting for both plants it is ambiguous
    JsonNode diagnosis = status(calls.json("POST", "/api/v1/registry/graph/diagnose", "manager",
        Map.of("equipment", "PS-1", "symptoms", List.of("PF-900"))), 200);
    assertThat(diagnosis.path("equipment").asString()).isEqualTo(hz);
    assertThat(diagnosis.path("failureModes").get(0).path("failureMode").asString())
        .isEqualTo("failure-mode:press-overload");
    problem(calls.json("POST", "/api/v1/registry/graph/diagnose", "engineer",
        Map.of("equipment", "PS-1", "symptoms", List.of("PF-900"))), 400, "equipment");
    problem(calls.json("POST", "/api/v1/registry/graph/diagnose", "engineer-nb",
        Map.of("equipment", hz, "symptoms", List.of("PF-900"))), 404, "equipment");

    // writes: another plant's node is neither created, merged into nor linked; a node's plant never changes
    problem(calls.json("POST", "/api/v1/registry/graph/nodes", "engineer-nb", List.of(Map.of("id",
        "equipment:hz-01:PS-2", "type", "equipment", "name", "冒充", "plant", "hz-01"))), 403, "nodes[0].plant");
    problem(calls.json("POST", "/api/v1/registry/graph/nodes", "engineer-nb", List.of(Map.of("id", hz,
        "type", "equipment", "name", "改名"))), 409, "nodes[0].id");
    problem(calls.json("POST", "/api/v1/registry/graph/nodes", "engineer", List.of(Map.of("id", hz,
        "type", "equipment", "name", "压装机 1#", "plant", "nb-02"))), 409, "nodes[0].plant");
    problem(calls.json("POST", "/api/v1/registry/graph/edges", "engineer-nb", List.of(Map.of("from", hz,
        "type", "has-failure-mode", "to", "failure-mode:press-overload"))), 400, "edges[0].from");
    assertThat(status(calls.get("/api/v1/registry/graph/nodes/" + hz, "engineer"), 200).path("name").asString())
        .isEqualTo("压装机 1#");
    // a write without a plant keeps the node's (an export re-imported, a CSV edited in a spreadsheet)
    status(calls.json("POST", "/api/v1/registry/graph/nodes", "engineer", List.of(Map.of("id", hz,
        "type", "equipment", "name", "压装机 1# (A 区)"))), 200);
    assertThat(status(calls.get("/api/v1/registry/graph/nodes/" + hz, "manager"), 200).path("plant").asString())
        .isEqualTo("hz-01");
  }

  @Override
  public Service securedService() {
    return new Service("http://127.0.0.1:" + port, "registry", Duration.ofSeconds(1));
  }
}
