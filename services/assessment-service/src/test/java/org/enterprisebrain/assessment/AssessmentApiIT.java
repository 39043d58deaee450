package org.enterprisebrain.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enterprisebrain.testsupport.ServiceCalls.problem;
import static org.enterprisebrain.testsupport.ServiceCalls.status;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.servers.demo.Multipart;
import org.enterprisebrain.testsupport.AuditTopic;
import org.enterprisebrain.testsupport.SecuredApi;
import org.enterprisebrain.testsupport.ServiceCalls;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The assessment on real PostgreSQL and Keycloak, with the services it reads for evidence down (nothing
 * listens where they should be): every automatic rule is unknown, never failed, and the breaker stops calling;
 * attestations move clauses once someone else approves them, expire, and show in snapshots and their diff;
 * the profile is versioned data only an admin changes. PlatformIT evaluates against the live platform.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssessmentApiIT extends AssessmentServer implements SecuredApi {

  HttpResponse<String> attest(String user, Map<String, Object> metadata, byte[] file) throws Exception {
    return attest(user, metadata, "5S-巡检.pdf", "application/pdf", file);
  }

  HttpResponse<String> attest(String user, Map<String, Object> metadata, String name, String type, byte[] file)
      throws Exception {
    Multipart m = Multipart.of(JSON.writeValueAsBytes(metadata), "attachment", name, type, file);
    return calls.send("POST", "/api/v1/assessment/attestations", user, m.contentType(), m.body());
  }

  static JsonNode clause(JsonNode evaluation, String id) {
    return evaluation.path("items").valueStream().filter(i -> i.path("id").asString().equals(id)).findFirst()
        .orElseThrow();
  }

  /** A clause evidenced by attestation only: what the platform cannot observe (e.g. 5S on the shop floor). */
  static String attestationOnlyLeanClause() {
    return CATALOGUE.items().filter(i -> i.levels().contains("lean"))
        .filter(i -> i.evidence().stream().allMatch(e -> e.attestation() != null)).findFirst().orElseThrow().id();
  }

  @Test
  @Order(1)
  void theCatalogueRulesAndProfileAreReadByManagersOnly() throws Exception {
    JsonNode catalogue = status(calls.get("/api/v1/assessment/catalogue", "manager"), 200);
    assertThat(catalogue.path("scenarios").size()).isEqualTo(11);
    assertThat(catalogue.path("scenarios").get(0).path("subScenarios").get(0).path("items").get(0).path("text")
        .asString()).startsWith("应通过传感器");
    assertThat(status(calls.get("/api/v1/assessment/rules", "admin"), 200).size()).isGreaterThan(20);
    assertThat(status(calls.get("/api/v1/assessment/profile", "manager"), 200).path("passThreshold").asDouble()).isEqualTo(0.8);
    problem(calls.get("/api/v1/assessment/catalogue", "integrator"), 403, "Authorization");
    problem(calls.get("/api/v1/assessment/evaluation", null), 401, "Authorization");
    // the auditor reads history, not the live evaluation
    problem(calls.get("/api/v1/assessment/evaluation", "auditor"), 403, "Authorization");
  }

  @Test
  @Order(2)
  void servicesThatAreDownMakeTheirClausesUnknownNotFailed() throws Exception {
    JsonNode first = status(calls.get("/api/v1/assessment/evaluation?plant=hz-01", "manager"), 200);
    int automatic = first.path("counts").path("automatic").asInt();
    assertThat(automatic).isGreaterThan(20);
    assertThat(first.path("counts").path("unknown").asInt()).isEqualTo(automatic);
    assertThat(first.has("level")).isFalse(); // null: nothing attained
    assertThat(first.path("nextLevel").asString()).isEqualTo("lean");
    JsonNode spc = clause(first, "6.2.3.c");
    assertThat(spc.path("unknown").asBoolean()).isTrue();
    assertThat(spc.path("satisfaction").asDouble()).isZero();
    JsonNode rule = spc.path("evidence").valueStream().filter(e -> e.path("rule").asString().equals("analytics.spc"))
        .findFirst().orElseThrow();
    assertThat(rule.path("status").asString()).isEqualTo("unknown");
    assertThat(rule.path("reason").asString()).contains("analytics");
    // unknown is counted as not met, and as met at the top of the range
    assertThat(spc.path("range").path("high").asDouble()).isPositive();
    assertThat(first.path("range").path("high").asDouble()).isGreaterThan(first.path("range").path("low").asDouble());

    // after the failures of the first evaluations the breakers are open: services are no longer called
    status(calls.get("/api/v1/assessment/evaluation?plant=hz-01", "manager"), 200);
    JsonNode later = status(calls.get("/api/v1/assessment/clauses/6.2.3.c?plant=hz-01", "manager"), 200);
    assertThat(later.path("evidence").valueStream().map(e -> e.path("reason").asString()).toList())
        .anyMatch(reason -> reason.contains("circuit open"));

    problem(calls.get("/api/v1/assessment/clauses/9.9.9.z", "manager"), 404, "clauseId");
    problem(calls.get("/api/v1/assessment/evaluation?plant=nb-02", "manager"), 403, "plant");
    problem(calls.get("/api/v1/assessment/evaluation?plant=HZ_01", "admin"), 400, "plant");
    problem(calls.get("/api/v1/assessment/gaps?limit=0", "manager"), 400, "limit");
    JsonNode gaps = status(calls.get("/api/v1/assessment/gaps?limit=5", "manager"), 200);
    assertThat(gaps.size()).isEqualTo(5);
    assertThat(gaps.get(0).path("blocksNextLevel").asBoolean()).isTrue();
    assertThat(gaps.get(0).path("toClose").size()).isPositive();
  }

  @Test
  @Order(3)
  void anAttestationCountsOnceSomeoneElseApprovesItAndShowsInTheSnapshotDiff() throws Exception {
    String clause = attestationOnlyLeanClause();
    long before = status(calls.send("POST", "/api/v1/assessment/snapshots?plant=hz-01", "manager", null, null), 201)
        .path("id").asLong();

    byte[] pdf = "%PDF-1.4 5S audit 2026-11".getBytes(StandardCharsets.UTF_8);
    JsonNode submitted = status(attest("manager", Map.of("clause", clause, "satisfaction", 1.0,
        "statement", "已推行5S管理，附11月现场审核记录"), pdf), 201);
    long id = submitted.path("id").asLong();
    assertThat(submitted.path("state").asString()).isEqualTo("pending");
    assertThat(submitted.path("submittedBy").asString()).isEqualTo("manager");
    assertThat(submitted.path("attachmentBytes").asLong()).isEqualTo(pdf.length);
    assertThat(Instant.parse(submitted.path("expiresAt").asString()))
        .isAfter(Instant.now().plus(Duration.ofDays(364)));

    // pending: not counted, but in the optimistic end of the range
    JsonNode pending = status(calls.get("/api/v1/assessment/clauses/" + clause, "manager"), 200);
    assertThat(pending.path("satisfaction").asDouble()).isZero();
    assertThat(pending.path("range").path("high").asDouble()).isEqualTo(1.0);
    assertThat(pending.path("evidence").get(0).path("status").asString()).isEqualTo("pending");

    problem(calls.json("POST", "/api/v1/assessment/attestations/" + id + "/review", "manager",
        Map.of("decision", "approved")), 403, "attestationId");
    JsonNode approved = status(calls.json("POST", "/api/v1/assessment/attestations/" + id + "/review", "admin",
        Map.of("decision", "approved", "comment", "现场核实")), 200);
    assertThat(approved.path("state").asString()).isEqualTo("approved");
    assertThat(approved.path("reviewer").asString()).isEqualTo("admin");
    problem(calls.json("POST", "/api/v1/assessment/attestations/" + id + "/review", "admin",
        Map.of("decision", "rejected")), 409, "attestationId");

    JsonNode met = status(calls.get("/api/v1/assessment/clauses/" + clause, "manager"), 200);
    assertThat(met.path("satisfaction").asDouble()).isEqualTo(1.0);
    assertThat(met.path("scaleZh").asString()).isEqualTo("全部满足");
    assertThat(met.path("evidence").get(0).path("attestationId").asLong()).isEqualTo(id);

    HttpResponse<String> file = calls.get("/api/v1/assessment/attestations/" + id + "/attachment", "auditor");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo("%PDF-1.4 5S audit 2026-11");
    assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        d -> assertThat(d).contains("attachment").contains("filename*=UTF-8''5S-"));
    assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(file.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).startsWith("sandbox"));

    long after = status(calls.send("POST", "/api/v1/assessment/snapshots?plant=hz-01", "admin", null, null), 201)
        .path("id").asLong();
    JsonNode diff = status(calls.get("/api/v1/assessment/snapshots/diff?from=" + before + "&to=" + after, "auditor"), 200);
    assertThat(diff.path("clauses").valueStream().filter(c -> c.path("id").asString().equals(clause)).findFirst()
        .orElseThrow().path("to").asDouble()).isEqualTo(1.0);
    assertThat(diff.path("scoreDelta").asDouble()).isPositive();
    assertThat(diff.path("to").path("takenBy").asString()).isEqualTo("admin");

    JsonNode history = status(calls.get("/api/v1/assessment/snapshots?plant=hz-01", "auditor"), 200);
    assertThat(history.get(0).path("id").asLong()).isEqualTo(after);
    JsonNode kept = status(calls.get("/api/v1/assessment/snapshots/" + before, "auditor"), 200);
    assertThat(clause(kept.path("evaluation"), clause).path("satisfaction").asDouble()).isZero();
    assertThat(status(calls.get("/api/v1/assessment/attestations?clause=" + clause, "auditor"), 200).size()).isEqualTo(1);
    problem(calls.send("POST", "/api/v1/assessment/snapshots", "auditor", null, null), 403, "Authorization");
    problem(calls.get("/api/v1/assessment/snapshots/999999", "auditor"), 404, "snapshotId");

    // the audit chain gets every change and the download, who and from where; the refused review (409) is none
    String attestation = "/api/v1/assessment/attestations/" + id;
    List<JsonNode> review = AuditTopic.await(AuditTopic.path(attestation + "/review"), 1);
    assertThat(review).hasSize(1);
    assertThat(review.get(0).path("principal").asString()).isEqualTo("admin");
    assertThat(review.get(0).path("operationId").asString()).isEqualTo("reviewAttestation");
    assertThat(review.get(0).path("kind").asString()).isEqualTo("write");
    assertThat(review.get(0).path("service").asString()).isEqualTo("assessment");
    assertThat(review.get(0).path("clientAddress").asString()).isEqualTo("127.0.0.1");
    List<JsonNode> download = AuditTopic.await(AuditTopic.path(attestation + "/attachment"), 1);
    assertThat(download).hasSize(1);
    assertThat(download.get(0).path("principal").asString()).isEqualTo("auditor");
    assertThat(download.get(0).path("kind").asString()).isEqualTo("download");
    assertThat(download.get(0).path("method").asString()).isEqualTo("GET");
    assertThat(AuditTopic.await(a -> a.path("operationId").asString().equals("takeSnapshot")
        && a.path("principal").asString().equals("manager"), 1)).isNotEmpty();
    assertThat(AuditTopic.await(a -> a.path("operationId").asString().equals("submitAttestation")
        && a.path("principal").asString().equals("manager"), 1)).isNotEmpty();
  }

  @Test
  @Order(4)
  void badAttestationsAreRefusedNamingTheFieldAndExpiredOnesArePendingAgain() throws Exception {
    String clause = attestationOnlyLeanClause();
    problem(attest("manager", Map.of("clause", "6.99.a", "satisfaction", 1.0, "statement", "x"), null), 400,
        "metadata.clause");
    problem(attest("manager", Map.of("clause", clause, "satisfaction", 0.7, "statement", "x"), null), 400,
        "metadata.satisfaction");
    problem(attest("manager", Map.of("clause", clause, "satisfaction", 1.0, "statement", " "), null), 400,
        "metadata.statement");
    problem(attest("manager", Map.of("clause", clause, "satisfaction", 1.0, "statement", "x",
        "expiresAt", "2020-01-01T00:00:00Z"), null), 400, "metadata.expiresAt");
    problem(attest("manager", Map.of("clause", clause, "satisfaction", 1.0, "statement", "x",
        "expiresAt", Instant.now().plus(Duration.ofDays(3650)).toString()), null), 400, "metadata.expiresAt");
    // a page under a PDF's name and type, an SVG with script: served back, either would run in a reviewer's browser
    byte[] page = "<!DOCTYPE html><html><body><script>fetch('/api/v1/assessment/profile')</script></body></html>"
        .getBytes(StandardCharsets.UTF_8);
    problem(attest("manager", Map.of("clause", clause, "satisfaction", 1.0, "statement", "x"), "审核.pdf",
        "application/pdf", page), 400, "attachment");
    byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
        .getBytes(StandardCharsets.UTF_8);
    problem(attest("manager", Map.of("clause", clause, "satisfaction", 1.0, "statement", "x"), "plan.svg",
        "image/svg+xml", svg), 400, "attachment");
    problem(attest("manager", Map.of("clause", clause, "plant", "nb-02", "satisfaction", 1.0, "statement", "x"),
        null), 403, "plant");
    problem(attest("auditor", Map.of("clause", clause, "satisfaction", 1.0, "statement", "x"), null), 403,
        "Authorization");

    // another clause, approved but expiring within seconds: then pending again (optimistic range only)
    String other = CATALOGUE.items().filter(i -> i.attestable() && !i.id().equals(clause)).findFirst().orElseThrow().id();
    JsonNode shortLived = status(attest("admin", Map.of("clause", other, "satisfaction", 0.8, "statement", "临时",
        "expiresAt", Instant.now().plusSeconds(3).toString()), null), 201);
    status(calls.json("POST", "/api/v1/assessment/attestations/" + shortLived.path("id").asLong() + "/review", "manager",
        Map.of("decision", "approved")), 200);
    Thread.sleep(3500);
    JsonNode expired = status(calls.get("/api/v1/assessment/clauses/" + other, "manager"), 200);
    JsonNode attestation = expired.path("evidence").valueStream()
        .filter(e -> e.path("kind").asString().equals("attestation")).findFirst().orElseThrow();
    assertThat(attestation.path("status").asString()).isEqualTo("expired");
    assertThat(attestation.path("value").asDouble()).isZero();
    assertThat(expired.path("range").path("high").asDouble()).isGreaterThan(expired.path("range").path("low").asDouble());
    assertThat(status(calls.get("/api/v1/assessment/attestations?state=approved", "manager"), 200).valueStream()
        .filter(a -> a.path("clause").asString().equals(other)).findFirst().orElseThrow()
        .path("expired").asBoolean()).isTrue();
    problem(calls.get("/api/v1/assessment/attestations?state=done", "manager"), 400, "state");
  }

  @Test
  @Order(5)
  void onlyAnAdminChangesTheProfileAndEachChangeIsANewVersion() throws Exception {
    JsonNode profile = status(calls.get("/api/v1/assessment/profile", "admin"), 200);
    ((tools.jackson.databind.node.ObjectNode) profile).put("passThreshold", 0.01);
    problem(calls.json("PUT", "/api/v1/assessment/profile", "manager", profile), 403, "Authorization");
    ((tools.jackson.databind.node.ObjectNode) profile).put("target", "everything");
    problem(calls.json("PUT", "/api/v1/assessment/profile", "admin", profile), 400, "/target");
    ((tools.jackson.databind.node.ObjectNode) profile).put("target", "lean");
    JsonNode stored = status(calls.json("PUT", "/api/v1/assessment/profile", "admin", profile), 200);
    assertThat(stored.path("version").asInt()).isEqualTo(2);
    // with a threshold of 1 %, the approved 5S attestation alone passes 制造精益级
    JsonNode evaluation = status(calls.get("/api/v1/assessment/evaluation", "admin"), 200);
    assertThat(evaluation.path("profileVersion").asInt()).isEqualTo(2);
    assertThat(evaluation.path("levels").get(0).path("passed").asBoolean()).isTrue();
    assertThat(evaluation.path("level").asString()).isIn("lean", "integrated", "leading");
    assertThat(evaluation.path("target").asString()).isEqualTo("lean");
  }

  @Test
  @Order(6)
  void anAdminMovesAClauseToAnotherLevelAsANewCatalogueVersionButNeverItsText() throws Exception {
    JsonNode item = status(calls.get("/api/v1/assessment/catalogue", "admin"), 200).path("scenarios").valueStream()
        .flatMap(sc -> sc.path("subScenarios").valueStream()).flatMap(sub -> sub.path("items").valueStream())
        .filter(i -> i.path("id").asString().equals("6.2.3.c")).findFirst().orElseThrow();
    tools.jackson.databind.node.ObjectNode edit = ((tools.jackson.databind.node.ObjectNode) item).deepCopy();
    edit.putArray("levels").add("lean");
    edit.put("levelWhy", "制造精益级: SPC is where this plant starts");
    edit.put("weight", 2.0);
    String path = "/api/v1/assessment/catalogue/items/6.2.3.c";
    problem(calls.json("PUT", path, "manager", edit), 403, "Authorization");
    problem(calls.json("PUT", "/api/v1/assessment/catalogue/items/6.99.z", "admin", edit), 404, "clauseId");
    problem(calls.json("PUT", path, "admin", edit.deepCopy().put("text", "应采用任何工具")), 400, "text");
    tools.jackson.databind.node.ObjectNode badLevel = edit.deepCopy();
    badLevel.putArray("levels").add("nowhere");
    problem(calls.json("PUT", path, "admin", badLevel), 400, "levels");
    tools.jackson.databind.node.ObjectNode badRule = edit.deepCopy();
    badRule.putArray("evidence").addObject().put("rule", "no.such.rule").put("weight", 1);
    problem(calls.json("PUT", path, "admin", badRule), 400, "evidence");

    JsonNode edited = status(calls.json("PUT", path, "admin", edit), 200);
    assertThat(edited.path("levels").get(0).asString()).isEqualTo("lean");
    assertThat(edited.path("text").asString()).isEqualTo(CATALOGUE.item("6.2.3.c").orElseThrow().text());
    JsonNode catalogue = status(calls.get("/api/v1/assessment/catalogue", "manager"), 200);
    assertThat(catalogue.path("version").asInt()).isEqualTo(CATALOGUE.version() + 1);
    JsonNode evaluation = status(calls.get("/api/v1/assessment/evaluation", "admin"), 200);
    assertThat(evaluation.path("catalogueVersion").asInt()).isEqualTo(CATALOGUE.version() + 1);
    assertThat(clause(evaluation, "6.2.3.c").path("levels").get(0).asString()).isEqualTo("lean");
    assertThat(clause(evaluation, "6.2.3.c").path("weight").asDouble()).isEqualTo(2.0);
  }

  @Override
  public Service securedService() {
    return new Service("http://127.0.0.1:" + port, "assessment", Duration.ofSeconds(1));
  }
}
