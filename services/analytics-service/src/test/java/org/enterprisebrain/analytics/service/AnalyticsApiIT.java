package org.enterprisebrain.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.enterprisebrain.testsupport.AuditTopic;
import org.enterprisebrain.testsupport.SecuredApi;
import org.enterprisebrain.testsupport.RealElasticsearch;
import org.enterprisebrain.testsupport.RealKafka;
import org.enterprisebrain.testsupport.RealKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The analytics API on a real Elasticsearch node and real Keycloak tokens, over result documents in the
 * shape the jobs write (their mapping from the shared index template).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalyticsApiIT implements SecuredApi {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String PREFIX = "brain-api-it-";
  static final Instant H0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    registry.add("brain.elasticsearch.url", RealElasticsearch::url);
    registry.add("brain.analytics.index-prefix", () -> PREFIX);
    // nothing listens here: the jobs endpoint must answer 503, not fail
    registry.add("brain.analytics.flink-rest-url", () -> "http://127.0.0.1:" + org.enterprisebrain.servers.ManagedProcess.freePort());
    RealKeycloak.resourceServer(registry);
    registry.add("brain.security.clock-skew", () -> "1s"); // the forged-token test waits out an expiry
    registry.add("spring.kafka.bootstrap-servers", RealKafka::bootstrapServers);
    registry.add("server.address", () -> "127.0.0.1");
    // no catalog here: PlatformIT checks the lineage the service registers
    registry.add("brain.analytics.lineage.enabled", () -> "false");
  }

  @Value("${local.server.port}")
  int port;

  @BeforeAll
  static void seed() throws Exception {
    try (RestClient es = RestClient.builder(HttpHost.create(RealElasticsearch.url())).build();
        InputStream template = AnalyticsApiIT.class.getResourceAsStream("/elasticsearch/analytics-template.json")) {
      Request put = new Request("PUT", "/_index_template/api-it");
      put.setJsonEntity(new String(template.readAllBytes(), StandardCharsets.UTF_8).replace("%PREFIX%", PREFIX)
          .replace("%REFRESH%", "1s"));
      es.performRequest(put);
      StringBuilder bulk = new StringBuilder();
      // two hours of one machine of hz-01 and one of nb-02 (another plant)
      index(bulk, "oee", "h0", hour("hz-01", "CNC-1", H0, 3600, 3000, 2400, 95, 100, 1, 300, "down", "M01"));
      index(bulk, "oee", "h1", hour("hz-01", "CNC-1", H0.plusSeconds(3600), 1800, 1800, 1620, 60, 60, 0, 0, null, null));
      index(bulk, "oee", "n0", hour("nb-02", "PRESS-9", H0, 3600, 3600, 3600, 10, 10, 0, 0, null, null));
      index(bulk, "oee", "l0", JSON.createObjectNode().put("level", "line").put("period", "hour").put("plant", "hz-01")
          .put("line", "L1").put("start", H0.toString()).put("end", H0.plusSeconds(3600).toString()).put("good", 190)
          .put("output", 95)
          .put("produced", 100).put("plannedBusySeconds", 3600).put("runSeconds", 3000).put("failures", 1));
      for (int i = 0; i < 3; i++) {
        ObjectNode point = JSON.createObjectNode();
        var violations = point.putArray("violations");
        if (i == 2) {
          violations.add("1"); // the last point breaks rule 1
        }
        index(bulk, "spc", "p" + i, point.put("plant", "hz-01").put("equipment", "CNC-1").put("product", "P1")
            .put("characteristic", "D-12.00").put("characteristicName", "内孔直径 Φ12").put("unit", "mm")
            .put("chart", "xbar-r").put("phase", "monitoring").put("subgroup", "SG-" + i)
            .put("at", H0.plusSeconds(600L * i).toString()).put("n", 5).put("value", 12.0 + 0.001 * i)
            .put("center", 12.0).put("ucl", 12.005).put("lcl", 11.995).put("cpk", 1.3 + 0.1 * i).put("lsl", 11.98)
            .put("usl", 12.02));
      }
      // the same characteristic of another product on the machine: its own chart
      ObjectNode other = JSON.createObjectNode().put("plant", "hz-01").put("equipment", "CNC-1").put("product", "P2")
          .put("characteristic", "D-12.00").put("chart", "xbar-r").put("phase", "baseline").put("subgroup", "Q-0")
          .put("at", H0.plusSeconds(3000).toString()).put("n", 5).put("value", 12.001);
      other.putArray("violations");
      index(bulk, "spc", "q0", other);
      // a lab's result: no machine
      ObjectNode lab = JSON.createObjectNode().put("plant", "hz-01").put("product", "STEEL-42")
          .put("characteristic", "HRC").put("chart", "i-mr").put("phase", "monitoring").put("subgroup", "LAB-1")
          .put("at", H0.plusSeconds(3000).toString()).put("n", 1).put("value", 45.2).put("baselineCpk", 1.41);
      lab.putArray("violations");
      index(bulk, "spc", "lab0", lab);
      ObjectNode energy = JSON.createObjectNode().put("plant", "hz-01").put("meter", "EM-L1").put("medium", "electricity")
          .put("unit", "kWh").put("line", "L1").put("start", H0.toString()).put("end", H0.plusSeconds(3600).toString())
          .put("consumption", 190.0).put("co2Kg", 190 * 0.5703);
      energy.putObject("byTariff").put("sharp", 0).put("peak", 190.0).put("flat", 0).put("valley", 0);
      index(bulk, "energy", "e0", energy);
      index(bulk, "alerts", "a0", JSON.createObjectNode().put("id", "spc|x|1").put("kind", "spc-rule")
          .put("severity", "critical").put("plant", "hz-01").put("equipment", "CNC-1").put("rule", "1")
          .put("message", "判异准则1").put("at", H0.plusSeconds(1200).toString()));
      index(bulk, "health", "w0", JSON.createObjectNode().put("plant", "hz-01").put("equipment", "CNC-1")
          .put("signal", "spindle.temperature").put("start", H0.toString()).put("end", H0.plusSeconds(600).toString())
          .put("count", 10).put("mean", 38.2).put("min", 37.9).put("max", 38.6).put("sd", 0.2).put("anomalies", 0));
      for (String link : GENEALOGY) {
        genealogy(bulk, "hz-01", link);
      }
      genealogy(bulk, "nb-02", "consumed-into|lot:X-9|lot:F-1"); // the same lot number in another plant
      // orders due in the range: LINE-1's three (one not reported yet), LINE-2's one, one without a plan
      order(bulk, "WO-A", "LINE-1", 100.0, 98.0, false);
      order(bulk, "WO-B", "LINE-1", 50.0, 50.0, true);
      order(bulk, "WO-C", "LINE-1", 30.0, null, null);
      order(bulk, "WO-D", "LINE-2", 10.0, 12.0, true);
      order(bulk, "WO-E", "LINE-2", null, 5.0, null);
      Request request = new Request("POST", "/_bulk");
      request.addParameter("refresh", "true");
      request.setJsonEntity(bulk.toString());
      JsonNode result = JSON.readTree(new String(es.performRequest(request).getEntity().getContent().readAllBytes(),
          StandardCharsets.UTF_8));
      assertThat(result.path("errors").asBoolean()).as(result.toString()).isFalse();
    }
  }

  /**
   * The links the genealogy job makes of a plant's lots over four levels of assembly (analytics-jobs'
   * GenealogyRecords has the records they come from): relation|from|to[|result].
   * <pre>
   * SUP-9 → PO-7 → R-1 ─┐ WO-11 (L1: M1, M2; E-1001)
   *                     C-1 ─┐
   * SUP-5 → PO-8 → R-2 ─ C-2 ─ S-1 → WO-13 → F-1 ─ F-1.1 → DN-1 → CUST-A
   *                      WO-12 (M3)              └ F-1.2 → DN-2 → CUST-B
   *         R-3 ─ C-3 (WO-14, unrelated)
   * </pre>
   */
  static final List<String> GENEALOGY = List.of("supplied|supplier:SUP-9|purchase-order:PO-7",
      "supplied|supplier:SUP-5|purchase-order:PO-8", "received|purchase-order:PO-7|lot:R-1",
      "received|purchase-order:PO-8|lot:R-2", "consumed-into|lot:R-1|lot:C-1", "produced|work-order:WO-11|lot:C-1",
      "processed|equipment:L1|lot:C-1", "processed|equipment:M1|lot:C-1", "processed|equipment:M2|lot:C-1",
      "operated|person:E-1001|lot:C-1", "consumed-into|lot:R-2|lot:C-2", "produced|work-order:WO-12|lot:C-2",
      "processed|equipment:M3|lot:C-2", "consumed-into|lot:R-3|lot:C-3", "produced|work-order:WO-14|lot:C-3",
      "assembled-into|lot:C-1|lot:S-1", "assembled-into|lot:C-2|lot:S-1", "issued-to|lot:S-1|work-order:WO-13",
      "produced|work-order:WO-13|lot:F-1", "split-into|lot:F-1|lot:F-1.1", "split-into|lot:F-1|lot:F-1.2",
      "shipped|lot:F-1.1|shipment:DN-1", "delivered|shipment:DN-1|customer:CUST-A", "shipped|lot:F-1.2|shipment:DN-2",
      "delivered|shipment:DN-2|customer:CUST-B", "inspected|characteristic:BORE|lot:C-1|pass",
      "inspected|characteristic:BORE|lot:C-1|fail", "inspected|characteristic:FINAL|lot:F-1|pass");

  /** A link document as the genealogy job writes it; people are graded L2 (personal), as are judgements. */
  static void genealogy(StringBuilder bulk, String plant, String link) {
    String[] part = link.split("\\|");
    String[] from = part[1].split(":", 2);
    String[] to = part[2].split(":", 2);
    ObjectNode doc = JSON.createObjectNode().put("plant", plant).put("relation", part[0]).put("fromKind", from[0])
        .put("from", from[1]).put("fromKey", part[1]).put("fromGrade", from[0].equals("person") ? "L2" : "L1")
        .put("toKind", to[0]).put("to", to[1]).put("toKey", part[2]).put("toGrade", "L1")
        .put("at", H0.toString()).put("record", "REC-" + link.hashCode());
    if (part.length > 3) {
      doc.put("result", part[3]).put("resultGrade", "L2");
    }
    // seeded as the job writes them: the spec's document (AnalyticsJobsIT checks the job against it too)
    assertThat(org.enterprisebrain.standard.SpecSchemas.load("analytics").validate("GenealogyLinkDocument", doc))
        .as(link).isEmpty();
    index(bulk, "genealogy", plant + "|" + link, doc);
  }

  /** An order's plan against its actuals as the genealogy job writes it. */
  static void order(StringBuilder bulk, String order, String line, Double planned, Double actual, Boolean onTime) {
    ObjectNode doc = JSON.createObjectNode().put("plant", "hz-01").put("workOrder", order).put("line", line)
        .put("responses", actual == null ? 0 : 1).put("at", H0.plusSeconds(1800).toString())
        .put("day", H0.plusSeconds(1800).atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString());
    if (planned != null) {
      doc.put("plannedQuantity", planned).put("plannedEnd", H0.plusSeconds(1800).toString());
    }
    if (actual != null) {
      doc.put("actualQuantity", actual).put("state", "Completed");
      if (planned != null) {
        doc.put("attainment", actual / planned).put("onTime", onTime);
      }
    }
    index(bulk, "attainment", "order|hz-01|" + order, doc);
  }

  @Test
  void planAgainstActualPerOrderAndPerLinesDay() throws Exception {
    String manager = RealKeycloak.userToken("manager");
    JsonNode attainment = ok(get("/api/v1/analytics/attainment?plant=hz-01", manager));
    assertThat(attainment.path("orders")).hasSize(5);
    String day = H0.plusSeconds(1800).atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString();
    JsonNode first = attainment.path("days").get(0);
    assertThat(first.path("line").asString()).isEqualTo("LINE-1");
    assertThat(first.path("day").asString()).isEqualTo(day);
    assertThat(first.path("orders").asInt()).isEqualTo(3);
    assertThat(first.path("reported").asInt()).isEqualTo(2);
    assertThat(first.path("onTime").asInt()).isEqualTo(1);
    assertThat(first.path("plannedQuantity").asDouble()).isEqualTo(180.0);
    assertThat(first.path("actualQuantity").asDouble()).isEqualTo(148.0);
    assertThat(first.path("attainment").asDouble()).isEqualTo(0.822222); // 148 / 180
    JsonNode second = attainment.path("days").get(1);
    assertThat(second.path("line").asString()).isEqualTo("LINE-2");
    assertThat(second.path("orders").asInt()).as("the unplanned order is not added").isEqualTo(1);
    assertThat(second.path("attainment").asDouble()).isEqualTo(1.2);
    assertThat(attainment.path("days")).hasSize(2);
    JsonNode line2 = ok(get("/api/v1/analytics/attainment?plant=hz-01&line=LINE-2&size=1", manager));
    assertThat(line2.path("orders")).hasSize(1);
    assertThat(line2.path("days")).hasSize(1);
    assertProblem(get("/api/v1/analytics/attainment?plant=nb-02", manager), 403, "plant");
  }

  static Map<String, Integer> levels(JsonNode trace) {
    Map<String, Integer> levels = new java.util.TreeMap<>();
    trace.path("nodes").forEach(n -> levels.put(n.path("kind").asString() + ":" + n.path("id").asString(),
        n.path("level").asInt()));
    return levels;
  }

  // ------------------------------------------------------------------ tests

  @Test
  void aFinishedLotIsTracedBackToEveryLotOrderMachineOperatorInspectionAndSupplier() throws Exception {
    String manager = RealKeycloak.userToken("manager");
    JsonNode back = ok(get("/api/v1/analytics/genealogy/trace?plant=hz-01&id=F-1.1", manager));
    assertThat(back.path("direction").asString()).isEqualTo("backward");
    assertThat(back.path("truncated").asBoolean()).isFalse();
    assertThat(levels(back)).isEqualTo(Map.ofEntries(Map.entry("lot:F-1.1", 0), Map.entry("lot:F-1", 1),
        Map.entry("work-order:WO-13", 2), Map.entry("characteristic:FINAL", 2), Map.entry("lot:S-1", 3),
        Map.entry("lot:C-1", 4), Map.entry("lot:C-2", 4), Map.entry("lot:R-1", 5), Map.entry("lot:R-2", 5),
        Map.entry("work-order:WO-11", 5), Map.entry("work-order:WO-12", 5), Map.entry("equipment:L1", 5),
        Map.entry("equipment:M1", 5), Map.entry("equipment:M2", 5), Map.entry("equipment:M3", 5),
        Map.entry("person:E-1001", 5), Map.entry("characteristic:BORE", 5), Map.entry("purchase-order:PO-7", 6),
        Map.entry("purchase-order:PO-8", 6), Map.entry("supplier:SUP-9", 7), Map.entry("supplier:SUP-5", 7)));
    // every link into those nodes, and nothing of the other plant's lot of the same number
    assertThat(back.path("links")).hasSize(21);
    List<String> results = new java.util.ArrayList<>();
    back.path("links").forEach(l -> results.add(l.path("result").asString("")));
    assertThat(results).filteredOn(r -> !r.isEmpty()).containsExactlyInAnyOrder("pass", "fail", "pass");

    // only as deep as asked, and saying there is more
    JsonNode shallow = ok(get("/api/v1/analytics/genealogy/trace?plant=hz-01&id=F-1.1&depth=3", manager));
    assertThat(levels(shallow).keySet()).containsExactlyInAnyOrder("lot:F-1.1", "lot:F-1", "work-order:WO-13",
        "characteristic:FINAL", "lot:S-1");
    assertThat(shallow.path("truncated").asBoolean()).isTrue();

    // a reader cleared for L1 sees the genealogy but not who operated or how the inspections judged
    JsonNode masked = ok(get("/api/v1/analytics/genealogy/trace?plant=hz-01&id=F-1.1",
        RealKeycloak.clientToken("catalog-reader")));
    assertThat(levels(masked)).doesNotContainKey("person:E-1001").containsEntry("person:***", 5);
    masked.path("links").forEach(l -> assertThat(l.path("result").asString("***")).isEqualTo("***"));
  }

  @Test
  void aSupplierLotsRecallReachesEveryLotShipmentAndCustomerMadeOfIt() throws Exception {
    String manager = RealKeycloak.userToken("manager");
    JsonNode recall = ok(get("/api/v1/analytics/genealogy/trace?plant=hz-01&id=R-1&direction=forward", manager));
    assertThat(levels(recall)).isEqualTo(Map.ofEntries(Map.entry("lot:R-1", 0), Map.entry("lot:C-1", 1),
        Map.entry("lot:S-1", 2), Map.entry("work-order:WO-13", 3), Map.entry("lot:F-1", 4), Map.entry("lot:F-1.1", 5),
        Map.entry("lot:F-1.2", 5), Map.entry("shipment:DN-1", 6), Map.entry("shipment:DN-2", 6),
        Map.entry("customer:CUST-A", 7), Map.entry("customer:CUST-B", 7)));
    assertThat(recall.path("links")).hasSize(10);
    assertThat(recall.path("truncated").asBoolean()).isFalse();
    // a whole supplier: both of its orders' lots (SUP-9 delivered R-1 only)
    JsonNode supplier = ok(get("/api/v1/analytics/genealogy/trace?plant=hz-01&kind=supplier&id=SUP-5&direction=forward",
        manager));
    assertThat(levels(supplier)).containsEntry("lot:R-2", 2).containsEntry("customer:CUST-B", 9)
        .doesNotContainKey("lot:R-1");
    // a lot nothing links to: just itself
    assertThat(levels(ok(get("/api/v1/analytics/genealogy/trace?plant=hz-01&id=NONE", manager))))
        .isEqualTo(Map.of("lot:NONE", 0));
  }

  @Test
  void aTraceRefusesWhatItCannotRun() throws Exception {
    String manager = RealKeycloak.userToken("manager");
    assertProblem(get("/api/v1/analytics/genealogy/trace?plant=hz-01&id=F-1&direction=sideways", manager), 400,
        "direction");
    assertProblem(get("/api/v1/analytics/genealogy/trace?plant=hz-01&id=F-1&depth=0", manager), 400, "depth");
    assertProblem(get("/api/v1/analytics/genealogy/trace?plant=hz-01&id=F-1&kind=pallet", manager), 400, "kind");
    assertProblem(get("/api/v1/analytics/genealogy/trace?plant=hz-01", manager), 400, "id");
    assertProblem(get("/api/v1/analytics/genealogy/trace?plant=nb-02&id=X-9", manager), 403, "plant");
  }

  @Test
  void aManagerSeesHisPlantsOeeAndASummaryAddedFromHourlyComponents() throws Exception {
    String manager = RealKeycloak.userToken("manager"); // plants: hz-01
    JsonNode hours = ok(get("/api/v1/analytics/oee?from=" + H0.minusSeconds(60) + "&to=" + H0.plusSeconds(7200), manager));
    assertThat(hours.valueStream().map(h -> h.path("plant").asString()).distinct().toList()).containsExactly("hz-01");
    assertThat(hours.get(0).path("start").asString()).startsWith(H0.plusSeconds(3600).toString().substring(0, 16));

    JsonNode summary = ok(get("/api/v1/analytics/oee/summary?plant=hz-01&from=" + H0 + "&to=" + H0.plusSeconds(7200), manager));
    JsonNode total = summary.path("total");
    assertThat(total.path("hours").asInt()).isEqualTo(2);
    assertThat(total.path("availability").asDouble()).isCloseTo(4800.0 / 5400, within(1e-9));
    assertThat(total.path("performance").asDouble()).isCloseTo(4020.0 / 4800, within(1e-9));
    assertThat(total.path("quality").asDouble()).isCloseTo(155.0 / 160, within(1e-9));
    assertThat(total.path("mttrSeconds").asDouble()).isEqualTo(300.0);
    assertThat(total.path("downtime").get(0).path("reason").asString()).isEqualTo("M01");
    assertThat(summary.path("machines")).hasSize(1);
  }

  @Test
  void spcEnergyHealthAndAlertsAreServed() throws Exception {
    String engineer = RealKeycloak.userToken("engineer");
    String range = "from=" + H0.minusSeconds(60) + "&to=" + H0.plusSeconds(7200);
    JsonNode characteristics = ok(get("/api/v1/analytics/spc/characteristics?plant=hz-01&" + range, engineer));
    assertThat(characteristics).hasSize(3);
    JsonNode hrc = characteristics.valueStream().filter(c -> c.path("characteristic").asString().equals("HRC"))
        .findFirst().orElseThrow();
    assertThat(hrc.has("equipment")).as("a lab's chart names no machine").isFalse();
    JsonNode labChart = ok(get("/api/v1/analytics/spc/chart?plant=hz-01&characteristic=HRC&" + range, engineer));
    assertThat(labChart.has("equipment")).isFalse();
    assertThat(labChart.path("points").get(0).path("baselineCpk").asDouble()).isEqualTo(1.41);
    assertProblem(get("/api/v1/analytics/spc/chart?plant=hz-01&characteristic=D-12.00&" + range, engineer), 404,
        "characteristic"); // D-12.00 is charted on CNC-1 only, not without a machine
    JsonNode p1 = characteristics.valueStream().filter(c -> c.path("product").asString().equals("P1")).findFirst().orElseThrow();
    assertThat(p1.path("points").asInt()).isEqualTo(3);
    assertThat(p1.path("violations").asInt()).isEqualTo(1);
    assertThat(p1.path("cpk").asDouble()).isCloseTo(1.5, within(1e-9));
    assertProblem(get("/api/v1/analytics/spc/chart?plant=hz-01&equipment=CNC-1&characteristic=D-12.00&" + range, engineer),
        400, "product");
    JsonNode chart = ok(get("/api/v1/analytics/spc/chart?plant=hz-01&equipment=CNC-1&characteristic=D-12.00&product=P1&"
        + range, engineer));
    assertThat(chart.path("product").asString()).isEqualTo("P1");
    assertThat(chart.path("chart").asString()).isEqualTo("xbar-r");
    assertThat(chart.path("points").get(2).path("violations").get(0).asString()).isEqualTo("1");
    assertThat(chart.path("points").get(0).path("subgroup").asString()).isEqualTo("SG-0");

    JsonNode energy = ok(get("/api/v1/analytics/energy/summary?plant=hz-01&line=L1&" + range, engineer));
    assertThat(energy.path("good").asLong()).isEqualTo(95);
    assertThat(energy.path("kwhPerGoodUnit").asDouble()).isCloseTo(2.0, within(1e-9));
    assertThat(energy.path("media").get(0).path("byTariff").path("peak").asDouble()).isEqualTo(190.0);

    assertThat(ok(get("/api/v1/analytics/alerts?plant=hz-01&kind=spc-rule&" + range, engineer)).get(0)
        .path("severity").asString()).isEqualTo("critical");
    assertThat(ok(get("/api/v1/analytics/health?plant=hz-01&" + range, engineer)).get(0).path("mean").asDouble())
        .isEqualTo(38.2);
  }

  @Test
  void refusalsAreProblemsNamingTheField() throws Exception {
    String manager = RealKeycloak.userToken("manager");
    assertProblem(get("/api/v1/analytics/oee?plant=nb-02", manager), 403, "plant");
    assertProblem(get("/api/v1/analytics/oee?size=0", manager), 400, "size");
    assertProblem(get("/api/v1/analytics/oee?period=week", manager), 400, "period");
    assertProblem(get("/api/v1/analytics/oee?from=" + H0 + "&to=" + H0.minusSeconds(1), manager), 400, "from");
    assertProblem(get("/api/v1/analytics/oee?from=yesterday", manager), 400, "from");
    assertProblem(get("/api/v1/analytics/spc/chart?plant=hz-01&equipment=CNC-1&characteristic=NOPE", manager), 404,
        "characteristic");
    // a date Elasticsearch cannot represent is the caller's error, not an outage
    assertProblem(get("/api/v1/analytics/oee/summary?from=%2B10000-01-01T00:00:00Z&to=%2B10001-01-01T00:00:00Z", manager),
        400, "");
    assertThat(get("/api/v1/analytics/oee", null).statusCode()).isEqualTo(401);
    // an integrator sends data; it does not read results
    assertThat(get("/api/v1/analytics/oee", RealKeycloak.clientToken("mes-a")).statusCode()).isEqualTo(403);
    HttpResponse<String> jobs = get("/api/v1/analytics/jobs", manager);
    assertThat(jobs.statusCode()).as(jobs.body()).isEqualTo(503);
    assertThat(jobs.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void anAdminRequestsABackfillAndFollowsIt() throws Exception {
    String admin = RealKeycloak.userToken("admin");
    Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    Instant from = to.minus(Duration.ofHours(48));
    HttpResponse<String> accepted = post("/api/v1/analytics/backfills",
        "{\"plant\":\"hz-01\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"jobs\":[\"oee\"]}", admin);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    JsonNode requested = JSON.readTree(accepted.body());
    assertThat(requested.path("status").asString()).isEqualTo("requested");
    assertThat(requested.path("requestedBy").asString()).isEqualTo("admin");
    assertThat(requested.path("jobs").toString()).isEqualTo("[\"oee\"]");
    String location = accepted.headers().firstValue("Location").orElseThrow();
    assertThat(location).isEqualTo("/api/v1/analytics/backfills/" + requested.path("id").asString());

    String manager = RealKeycloak.userToken("manager");
    JsonNode followed = ok(get(location, manager));
    assertThat(Instant.parse(followed.path("from").asString())).isEqualTo(from);
    assertThat(followed.path("status").asString()).isEqualTo("requested");
    assertThat(ok(get("/api/v1/analytics/backfills?plant=hz-01", manager)).findValuesAsString("id"))
        .contains(requested.path("id").asString());
    // without jobs: all three
    HttpResponse<String> all = post("/api/v1/analytics/backfills",
        "{\"plant\":\"nb-02\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}", admin);
    assertThat(JSON.readTree(all.body()).path("jobs").toString()).isEqualTo("[\"oee\",\"energy\",\"health\"]");
    // another plant's backfill is not the manager's to see
    assertProblem(get("/api/v1/analytics/backfills/" + JSON.readTree(all.body()).path("id").asString(), manager), 404, "id");
    assertThat(ok(get("/api/v1/analytics/backfills", manager)).findValuesAsString("plant")).containsOnly("hz-01");

    // only an admin requests one; bad requests name their field and store nothing
    String body = "{\"plant\":\"hz-01\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
    assertThat(post("/api/v1/analytics/backfills", body, manager).statusCode()).isEqualTo(403);
    assertThat(post("/api/v1/analytics/backfills", body, RealKeycloak.userToken("engineer")).statusCode()).isEqualTo(403);
    assertProblem(post("/api/v1/analytics/backfills", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}", admin),
        400, "plant");
    assertProblem(post("/api/v1/analytics/backfills", body.replace(to.toString(), from.toString()), admin), 400, "to");
    assertProblem(post("/api/v1/analytics/backfills", body.replace(to.toString(), Instant.now().plus(Duration.ofHours(2))
        .toString()), admin), 400, "to");
    assertProblem(post("/api/v1/analytics/backfills", body.replace(from.toString(), to.minus(Duration.ofDays(40))
        .toString()), admin), 400, "to");
    assertProblem(post("/api/v1/analytics/backfills", body.replace(from.toString(), to.minus(Duration.ofDays(8))
        .toString()), admin), 400, "from");
    assertProblem(post("/api/v1/analytics/backfills", body.replace("}", ",\"jobs\":[\"spc\"]}"), admin), 400, "jobs/0");
    assertThat(ok(get("/api/v1/analytics/backfills", admin))).hasSize(2);
  }

  @Test
  void aQualityEngineerRecomputesAChartsLimitsFromAPointAndTheJobIsTold() throws Exception {
    String engineer = RealKeycloak.userToken("engineer");
    Instant here = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    String chart = "{\"plant\":\"hz-01\",\"equipment\":\"CNC-1\",\"product\":\"P1\",\"characteristic\":\"D-12.00\","
        + "\"effectiveFrom\":\"" + here + "\",";
    HttpResponse<String> first = put("/api/v1/analytics/spc/settings", chart + "\"baselineSubgroups\":20,"
        + "\"reason\":\"换刀后重新计算控制限\"}", engineer);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(JSON.readTree(first.body()).path("version").asInt()).isEqualTo(1);
    assertThat(JSON.readTree(first.body()).path("changedBy").asString()).isEqualTo("engineer");
    HttpResponse<String> second = put("/api/v1/analytics/spc/settings", chart
        + "\"limits\":{\"center\":12.0,\"sigma\":0.002},\"reason\":\"客户给定控制限\"}", RealKeycloak.userToken("admin"));
    assertThat(JSON.readTree(second.body()).path("version").asInt()).isEqualTo(2);

    JsonNode history = ok(get("/api/v1/analytics/spc/settings?plant=hz-01&equipment=CNC-1&product=P1&characteristic=D-12.00",
        RealKeycloak.userToken("manager")));
    assertThat(history.findValuesAsString("reason")).containsExactly("客户给定控制限", "换刀后重新计算控制限");
    assertThat(history.get(0).path("limits").path("sigma").asDouble()).isEqualTo(0.002);
    assertThat(Instant.parse(history.get(1).path("effectiveFrom").asString())).isEqualTo(here);
    // another chart's history is its own
    assertThat(ok(get("/api/v1/analytics/spc/settings?plant=hz-01&product=P1&characteristic=D-12.00", engineer))).isEmpty();

    // what the SPC job reads: keyed by chart and version, as its topic's schema says
    Map<String, String> sent = sentOn("brain.analytics.spc-settings.v1", 2);
    assertThat(sent).containsOnlyKeys("hz-01|CNC-1|P1|D-12.00|1", "hz-01|CNC-1|P1|D-12.00|2");
    assertAsTheTopicSchemaSays("analytics-spc-settings.v1", sent.values());

    // a manager reads, does not change; bad settings name their field and change nothing
    assertThat(put("/api/v1/analytics/spc/settings", chart + "\"reason\":\"x\"}", RealKeycloak.userToken("manager"))
        .statusCode()).isEqualTo(403);
    assertProblem(put("/api/v1/analytics/spc/settings", chart + "\"baselineSubgroups\":20}", engineer), 400, "reason");
    assertProblem(put("/api/v1/analytics/spc/settings", chart + "\"baselineSubgroups\":1,\"reason\":\"x\"}", engineer),
        400, "baselineSubgroups");
    assertProblem(put("/api/v1/analytics/spc/settings", chart + "\"baselineSubgroups\":20,"
        + "\"limits\":{\"center\":12.0,\"sigma\":0.002},\"reason\":\"x\"}", engineer), 400, "limits");
    assertProblem(put("/api/v1/analytics/spc/settings", chart + "\"limits\":{\"center\":12.0,\"sigma\":0},"
        + "\"reason\":\"x\"}", engineer), 400, "limits/sigma");
    assertProblem(put("/api/v1/analytics/spc/settings", chart.replace(here.toString(), here.minus(Duration.ofDays(8))
        .toString()) + "\"reason\":\"x\"}", engineer), 400, "effectiveFrom");
    assertThat(ok(get("/api/v1/analytics/spc/settings?plant=hz-01&equipment=CNC-1&product=P1&characteristic=D-12.00",
        engineer))).hasSize(2);

    // the chart of subgroups and the tests judged on it are the chart's own settings too
    assertProblem(put("/api/v1/analytics/spc/settings", chart + "\"rules\":[1,9],\"reason\":\"x\"}", engineer), 400,
        "rules/1");
    assertProblem(put("/api/v1/analytics/spc/settings", chart + "\"subgroupSize\":1,\"reason\":\"x\"}", engineer), 400,
        "subgroupSize");
    assertProblem(put("/api/v1/analytics/spc/settings", chart + "\"chartType\":\"p\",\"reason\":\"x\"}", engineer), 400,
        "chartType");
    HttpResponse<String> third = put("/api/v1/analytics/spc/settings", chart + "\"chartType\":\"xbar-s\",\"subgroupSize\":12,\"rules\":[5,1,2,1],"
        + "\"reason\":\"改用均值-标准差图，加判异准则 2 和 5\"}", engineer);
    assertThat(third.statusCode()).as(third.body()).isEqualTo(202);
    JsonNode v3 = JSON.readTree(third.body());
    assertThat(v3.path("version").asInt()).isEqualTo(3);
    assertThat(v3.path("chartType").asString()).isEqualTo("xbar-s");
    assertThat(v3.path("rules").toString()).isEqualTo("[1,2,5]");
    assertThat(v3.path("subgroupSize").asInt()).isEqualTo(12);
    assertAsTheTopicSchemaSays("analytics-spc-settings.v1",
        List.of(sentOn("brain.analytics.spc-settings.v1", 3).get("hz-01|CNC-1|P1|D-12.00|3")));
    // the three versions are changes in the audit chain, by whom they were made; the refused ones are none
    List<JsonNode> audited = AuditTopic.await(a -> a.path("operationId").asString().equals("changeChartSettings"), 3);
    assertThat(audited.stream().map(a -> a.path("principal").asString()).toList())
        .containsExactly("engineer", "admin", "engineer");
    assertThat(audited).allSatisfy(a -> {
      assertThat(a.path("service").asString()).isEqualTo("analytics");
      assertThat(a.path("method").asString() + " " + a.path("path").asString())
          .isEqualTo("PUT /api/v1/analytics/spc/settings");
    });
  }

  /** The topic's messages by key, read until {@code expected} keys are there (or 20 s passed). */
  static Map<String, String> sentOn(String topic, int expected) {
    Map<String, String> sent = new HashMap<>();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", RealKafka.bootstrapServers(),
        "group.id", topic + "-check-" + java.util.UUID.randomUUID(), "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 20_000;
      while (sent.size() < expected && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(300)).forEach(r -> sent.put(r.key(), r.value()));
      }
    }
    return sent;
  }

  static void assertAsTheTopicSchemaSays(String topicSchema, java.util.Collection<String> messages) {
    for (String message : messages) {
      assertThat(org.enterprisebrain.standard.TopicSchemas.violations(topicSchema, message)).as(message).isEmpty();
    }
  }


  @Test
  void aPlannerSetsThePlantsAndALinesWorkCalendarAndTheOeeJobIsTold() throws Exception {
    String manager = RealKeycloak.userToken("manager");
    String shifts = "\"shifts\":[{\"code\":\"早班\",\"start\":\"08:00\",\"end\":\"20:00\",\"days\":[5,1,2,3,4],"
        + "\"breaks\":[{\"start\":\"12:00\",\"end\":\"12:45\"}]},{\"code\":\"夜班\",\"start\":\"20:00\","
        + "\"end\":\"08:00\",\"days\":[1,2,3,4,5],\"breaks\":[{\"start\":\"02:00\",\"end\":\"02:30\"}]}]";
    HttpResponse<String> plant = put("/api/v1/analytics/oee/calendars", "{\"plant\":\"hz-01\"," + shifts
        + ",\"holidays\":[\"2027-01-01\",\"2026-12-31\"],\"plannedDowntime\":[{\"from\":\"2026-12-20T08:00:00+08:00\","
        + "\"to\":\"2026-12-20T12:00:00+08:00\",\"reason\":\"PM\"}],\"reason\":\"两班制，周末休息\"}", manager);
    assertThat(plant.statusCode()).as(plant.body()).isEqualTo(202);
    JsonNode v1 = JSON.readTree(plant.body());
    assertThat(v1.path("version").asInt()).isEqualTo(1);
    assertThat(v1.path("zone").asString()).isEqualTo("Asia/Shanghai");
    assertThat(v1.path("changedBy").asString()).isEqualTo("manager");
    assertThat(v1.path("shifts").get(0).path("days").toString()).isEqualTo("[1,2,3,4,5]");
    assertThat(v1.path("holidays").toString()).isEqualTo("[\"2026-12-31\",\"2027-01-01\"]");
    HttpResponse<String> line = put("/api/v1/analytics/oee/calendars", "{\"plant\":\"hz-01\",\"line\":\"L2\","
        + "\"shifts\":[{\"code\":\"A\",\"start\":\"06:00\",\"end\":\"06:00\"}],\"reason\":\"连续生产\"}",
        RealKeycloak.userToken("engineer"));
    assertThat(line.statusCode()).as(line.body()).isEqualTo(202);
    assertThat(JSON.readTree(line.body()).path("version").asInt()).as("the line's own first version").isEqualTo(1);
    HttpResponse<String> again = put("/api/v1/analytics/oee/calendars", "{\"plant\":\"hz-01\"," + shifts
        + ",\"reason\":\"取消元旦假期\"}", manager);
    assertThat(JSON.readTree(again.body()).path("version").asInt()).isEqualTo(2);

    JsonNode history = ok(get("/api/v1/analytics/oee/calendars?plant=hz-01", RealKeycloak.userToken("auditor")));
    assertThat(history).hasSize(2);
    assertThat(history.get(0).path("reason").asString()).isEqualTo("取消元旦假期");
    assertThat(history.get(1).path("reason").asString()).isEqualTo("两班制，周末休息");
    assertThat(history.get(1).path("plannedDowntime").get(0).path("from").asString()).isEqualTo("2026-12-20T00:00:00Z");
    assertThat(ok(get("/api/v1/analytics/oee/calendars?plant=hz-01&line=L2", manager))).hasSize(1);

    Map<String, String> sent = sentOn("brain.analytics.calendars.v1", 3);
    assertThat(sent).containsOnlyKeys("hz-01||1", "hz-01||2", "hz-01|L2|1");
    assertAsTheTopicSchemaSays("analytics-calendars.v1", sent.values());

    // an auditor reads, does not plan; a calendar that cannot be planned names its field and changes nothing
    String calendar = "{\"plant\":\"hz-01\",\"reason\":\"x\",";
    assertThat(put("/api/v1/analytics/oee/calendars", calendar + shifts + "}", RealKeycloak.userToken("auditor"))
        .statusCode()).isEqualTo(403);
    assertProblem(put("/api/v1/analytics/oee/calendars", calendar + "\"shifts\":[]}", manager), 400, "shifts");
    assertProblem(put("/api/v1/analytics/oee/calendars", calendar
        + "\"shifts\":[{\"code\":\"A\",\"start\":\"06:30\",\"end\":\"14:00\"}]}", manager), 400, "shifts/0/start");
    assertProblem(put("/api/v1/analytics/oee/calendars", calendar + "\"shifts\":[{\"code\":\"A\",\"start\":\"06:00\","
        + "\"end\":\"14:00\"},{\"code\":\"B\",\"start\":\"13:00\",\"end\":\"22:00\"}]}", manager), 400, "shifts/1");
    assertProblem(put("/api/v1/analytics/oee/calendars", calendar + "\"shifts\":[{\"code\":\"N\",\"start\":\"22:00\","
        + "\"end\":\"06:00\",\"breaks\":[{\"start\":\"07:00\",\"end\":\"07:30\"}]}]}", manager), 400,
        "shifts/0/breaks/0");
    assertProblem(put("/api/v1/analytics/oee/calendars", calendar + "\"shifts\":[{\"code\":\"A\",\"start\":\"06:00\","
        + "\"end\":\"14:00\",\"days\":[8]}]}", manager), 400, "shifts/0/days/0");
    assertProblem(put("/api/v1/analytics/oee/calendars", calendar + shifts + ",\"plannedDowntime\":[{\"from\":"
        + "\"2026-12-20T12:00:00+08:00\",\"to\":\"2026-12-20T08:00:00+08:00\",\"reason\":\"PM\"}]}", manager), 400,
        "plannedDowntime/0/to");
    assertProblem(put("/api/v1/analytics/oee/calendars", calendar + shifts + ",\"zone\":\"Asia/Kolkata\"}", manager),
        400, "zone");
    assertProblem(put("/api/v1/analytics/oee/calendars", calendar + shifts + ",\"holidays\":[\"2026-02-30\"]}", manager),
        400, "holidays/0");
    assertThat(ok(get("/api/v1/analytics/oee/calendars?plant=hz-01", manager))).hasSize(2);
  }

  @Test
  void anIndustrialEngineerTimesAProductsOperationsAndTheOeeJobIsTold() throws Exception {
    String engineer = RealKeycloak.userToken("engineer");
    String routing = "{\"plant\":\"hz-01\",\"product\":\"P-100\",\"operations\":[{\"operation\":\"0010\","
        + "\"idealCycleSeconds\":42.5},{\"operation\":\"0020\",\"idealCycleSeconds\":30}],";
    HttpResponse<String> first = put("/api/v1/analytics/oee/routings", routing + "\"reason\":\"新工艺验证\"}", engineer);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    JsonNode v1 = JSON.readTree(first.body());
    assertThat(v1.path("version").asInt()).isEqualTo(1);
    assertThat(v1.path("changedBy").asString()).isEqualTo("engineer");
    assertThat(v1.path("operations").get(0).path("idealCycleSeconds").asDouble()).isEqualTo(42.5);
    HttpResponse<String> second = put("/api/v1/analytics/oee/routings", routing.replace("42.5", "40")
        + "\"reason\":\"换刀具后节拍优化\"}", RealKeycloak.userToken("admin"));
    assertThat(JSON.readTree(second.body()).path("version").asInt()).isEqualTo(2);

    JsonNode history = ok(get("/api/v1/analytics/oee/routings?plant=hz-01&product=P-100",
        RealKeycloak.userToken("auditor")));
    assertThat(history).hasSize(2);
    assertThat(history.get(0).path("operations").get(0).path("idealCycleSeconds").asDouble()).isEqualTo(40.0);
    assertThat(history.get(1).path("reason").asString()).isEqualTo("新工艺验证");
    assertThat(ok(get("/api/v1/analytics/oee/routings?plant=hz-01&product=P-200", engineer))).isEmpty();
    Map<String, String> sent = sentOn("brain.analytics.routings.v1", 2);
    assertThat(sent).containsOnlyKeys("hz-01|P-100|1", "hz-01|P-100|2");
    assertAsTheTopicSchemaSays("analytics-routings.v1", sent.values());

    // a manager reads routings but does not time operations; a routing a job cannot use names its field
    assertThat(put("/api/v1/analytics/oee/routings", routing + "\"reason\":\"x\"}", RealKeycloak.userToken("manager"))
        .statusCode()).isEqualTo(403);
    assertProblem(put("/api/v1/analytics/oee/routings", routing + "\"reason\":\"\"}", engineer), 400, "reason");
    assertProblem(put("/api/v1/analytics/oee/routings", "{\"plant\":\"hz-01\",\"product\":\"P-100\","
        + "\"operations\":[],\"reason\":\"x\"}", engineer), 400, "operations");
    assertProblem(put("/api/v1/analytics/oee/routings", routing.replace("0020", "0010") + "\"reason\":\"x\"}",
        engineer), 400, "operations/1/operation");
    assertProblem(put("/api/v1/analytics/oee/routings", routing.replace("30}", "0}") + "\"reason\":\"x\"}", engineer),
        400, "operations/1/idealCycleSeconds");
    assertProblem(put("/api/v1/analytics/oee/routings", routing.replace("P-100", "P|100") + "\"reason\":\"x\"}",
        engineer), 400, "product");
    assertProblem(get("/api/v1/analytics/oee/routings?plant=hz-01&product=%20P", engineer), 400, "product");
    assertThat(ok(get("/api/v1/analytics/oee/routings?plant=hz-01&product=P-100", engineer))).hasSize(2);
  }

  @Test
  void anEnergyManagerSetsThePlantsTariffPricesAndEmissionFactors() throws Exception {
    String manager = RealKeycloak.userToken("manager");
    String tariff = "\"tariff\":{\"periods\":[{\"period\":\"sharp\",\"start\":\"19:00\",\"end\":\"21:00\"},"
        + "{\"period\":\"peak\",\"start\":\"08:00\",\"end\":\"11:00\"},{\"period\":\"valley\",\"start\":\"23:00\","
        + "\"end\":\"07:00\"}],\"prices\":{\"sharp\":1.1,\"peak\":0.95,\"flat\":0.62,\"valley\":0.31}}";
    HttpResponse<String> first = put("/api/v1/analytics/energy/settings", "{\"plant\":\"hz-01\"," + tariff
        + ",\"emissionFactors\":[{\"medium\":\"electricity\",\"unit\":\"kWh\",\"kgCo2PerUnit\":0.5366}],"
        + "\"reason\":\"2027 年浙江分时电价与全国电网排放因子\"}", manager);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    JsonNode v1 = JSON.readTree(first.body());
    assertThat(v1.path("version").asInt()).isEqualTo(1);
    assertThat(v1.path("tariff").path("currency").asString()).isEqualTo("CNY");
    HttpResponse<String> second = put("/api/v1/analytics/energy/settings", "{\"plant\":\"hz-01\","
        + "\"emissionFactors\":[{\"medium\":\"natural-gas\",\"unit\":\"Nm3\",\"kgCo2PerUnit\":2.162}],"
        + "\"reason\":\"天然气因子\"}", RealKeycloak.userToken("engineer"));
    assertThat(JSON.readTree(second.body()).path("version").asInt()).isEqualTo(2);
    JsonNode history = ok(get("/api/v1/analytics/energy/settings?plant=hz-01", RealKeycloak.userToken("auditor")));
    assertThat(history).hasSize(2);
    assertThat(history.get(1).path("tariff").path("prices").path("valley").asDouble()).isEqualTo(0.31);
    Map<String, String> sent = sentOn("brain.analytics.energy-settings.v1", 2);
    assertThat(sent).containsOnlyKeys("hz-01|1", "hz-01|2");
    assertAsTheTopicSchemaSays("analytics-energy-settings.v1", sent.values());

    String settings = "{\"plant\":\"hz-01\",\"reason\":\"x\",";
    assertThat(put("/api/v1/analytics/energy/settings", settings + tariff + "}", RealKeycloak.userToken("auditor"))
        .statusCode()).isEqualTo(403);
    assertProblem(put("/api/v1/analytics/energy/settings", "{\"plant\":\"hz-01\",\"reason\":\"x\"}", manager), 400,
        "tariff");
    assertProblem(put("/api/v1/analytics/energy/settings", settings + "\"tariff\":{\"periods\":[{\"period\":\"peak\","
        + "\"start\":\"08:00\",\"end\":\"11:00\"},{\"period\":\"sharp\",\"start\":\"10:30\",\"end\":\"12:00\"}]}}",
        manager), 400, "tariff/periods/1");
    assertProblem(put("/api/v1/analytics/energy/settings", settings + tariff.replace("0.31", "-0.31") + "}", manager),
        400, "tariff/prices/valley");
    assertProblem(put("/api/v1/analytics/energy/settings", settings + "\"emissionFactors\":[{\"medium\":\"electricity\","
        + "\"unit\":\"kWh\",\"kgCo2PerUnit\":0.5},{\"medium\":\"electricity\",\"unit\":\"kWh\",\"kgCo2PerUnit\":0.6}]}",
        manager), 400, "emissionFactors/1");
    assertProblem(put("/api/v1/analytics/energy/settings", settings + "\"emissionFactors\":[{\"medium\":\"plasma\","
        + "\"unit\":\"kWh\",\"kgCo2PerUnit\":0.5}]}", manager), 400, "emissionFactors/0/medium");
    assertThat(ok(get("/api/v1/analytics/energy/settings?plant=hz-01", manager))).hasSize(2);
  }

  @Test
  void whatATargetRefusedIsShownToThePlantItIsAbout() throws Exception {
    Instant refused = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));
    try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(Map.<String, Object>of(
        "bootstrap.servers", RealKafka.bootstrapServers(), "acks", "all"),
        new org.apache.kafka.common.serialization.StringSerializer(),
        new org.apache.kafka.common.serialization.StringSerializer())) {
      for (String plant : List.of("hz-01", "nb-02")) {
        String id = "hour|" + plant + "|CNC-1|2026-12-01T00:00:00Z";
        String letter = "{\"job\":\"oee\",\"target\":\"elasticsearch:brain-analytics-oee\",\"id\":\"" + id
            + "\",\"plant\":\"" + plant + "\",\"reason\":\"HTTP 400 mapper_parsing_exception: failed to parse field "
            + "[unit]\",\"refusedAt\":\"" + refused + "\",\"record\":\"{}\",\"truncated\":false}";
        assertAsTheTopicSchemaSays("analytics-dead-letter.v1", List.of(letter));
        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("brain.analytics.dead-letter.v1",
            plant + "|" + id, letter)).get();
        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("brain.analytics.dead-letter.v1",
            plant + "|" + id, letter)).get(); // a replay refuses the same record again: stored once
      }
      producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("brain.analytics.dead-letter.v1", "x",
          "not json")).get(); // skipped, not a reason to stop taking the others
    }
    String manager = RealKeycloak.userToken("manager");
    String path = "/api/v1/analytics/dead-letters?from=" + refused.minusSeconds(60) + "&to=" + refused.plusSeconds(60);
    JsonNode letters = JSON.createArrayNode();
    long deadline = System.currentTimeMillis() + 30_000;
    while (letters.isEmpty() && System.currentTimeMillis() < deadline) {
      HttpResponse<String> response = get(path, manager);
      if (response.statusCode() == 200) {
        letters = JSON.readTree(response.body());
      }
      Thread.sleep(500);
    }
    assertThat(letters).as("the manager's plant's, once; not another plant's").hasSize(1);
    assertThat(letters.get(0).path("plant").asString()).isEqualTo("hz-01");
    assertThat(letters.get(0).path("reason").asString()).contains("mapper_parsing_exception");
    assertThat(ok(get(path + "&job=energy", manager))).isEmpty();
    assertProblem(get(path + "&job=mes", manager), 400, "job");
  }

  HttpResponse<String> put(String path, String json, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void peopleAcknowledgeAndCloseAnAlertAndTheirActionsOutliveItsRewrite() throws Exception {
    String id = "health|hz-01|CNC-1|spindle.temperature|" + H0.plusSeconds(1800);
    String foreign = "health|nb-02|PRESS-9|spindle.temperature|" + H0.plusSeconds(1800);
    try (RestClient es = RestClient.builder(HttpHost.create(RealElasticsearch.url())).build()) {
      StringBuilder bulk = new StringBuilder();
      index(bulk, "alerts", id, healthAlert(id, "hz-01"));
      index(bulk, "alerts", foreign, healthAlert(foreign, "nb-02"));
      Request request = new Request("POST", "/_bulk");
      request.addParameter("refresh", "true");
      request.setJsonEntity(bulk.toString());
      es.performRequest(request);
    }
    String path = "/api/v1/analytics/alerts/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8) + "/actions";
    String manager = RealKeycloak.userToken("manager");
    String range = "plant=hz-01&kind=health-anomaly&from=" + H0 + "&to=" + H0.plusSeconds(7200);
    assertThat(ok(get("/api/v1/analytics/alerts?status=open&" + range, manager)).findValuesAsString("id")).contains(id);

    HttpResponse<String> acknowledged = post(path, "{\"action\":\"acknowledge\",\"comment\":\"已通知设备科\"}", manager);
    assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
    assertThat(JSON.readTree(acknowledged.body()).path("status").asString()).isEqualTo("acknowledged");
    assertProblem(post(path, "{\"action\":\"acknowledge\"}", manager), 409, "action");
    assertProblem(post(path, "{\"action\":\"close\"}", manager), 400, "comment");
    assertThat(post(path, "{\"action\":\"close\",\"comment\":\"x\"}", RealKeycloak.userToken("auditor")).statusCode())
        .as("an auditor reads what was done, does not do it").isEqualTo(403);

    // the job replays the cause: the alert is written again, its actions stay
    try (RestClient es = RestClient.builder(HttpHost.create(RealElasticsearch.url())).build()) {
      Request rewrite = new Request("PUT", "/" + PREFIX + "alerts/_doc/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8));
      rewrite.addParameter("refresh", "true");
      rewrite.setJsonEntity(healthAlert(id, "hz-01").toString());
      es.performRequest(rewrite);
    }
    HttpResponse<String> closed = post(path, "{\"action\":\"close\",\"comment\":\"主轴轴承润滑不足，已加注润滑脂\"}",
        RealKeycloak.userToken("engineer"));
    assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
    JsonNode alert = JSON.readTree(closed.body());
    assertThat(alert.path("status").asString()).isEqualTo("closed");
    assertThat(alert.path("actions").findValuesAsString("by")).containsExactly("manager", "engineer");
    assertThat(alert.path("actions").get(1).path("comment").asString()).isEqualTo("主轴轴承润滑不足，已加注润滑脂");
    assertProblem(post(path, "{\"action\":\"close\",\"comment\":\"again\"}", manager), 409, "action");
    assertThat(ok(get("/api/v1/analytics/alerts?status=closed&" + range, manager)).findValuesAsString("id"))
        .containsExactly(id);
    assertThat(ok(get("/api/v1/analytics/alerts?status=open&" + range, manager)).findValuesAsString("id"))
        .doesNotContain(id);

    // another plant's alert is not the manager's to act on; an unknown action is named
    assertProblem(post("/api/v1/analytics/alerts/" + java.net.URLEncoder.encode(foreign, StandardCharsets.UTF_8)
        + "/actions", "{\"action\":\"acknowledge\"}", manager), 404, "id");
    assertProblem(post(path, "{\"action\":\"ignore\"}", manager), 400, "action");
    assertProblem(get("/api/v1/analytics/alerts?status=muted&" + range, manager), 400, "status");
  }

  static ObjectNode healthAlert(String id, String plant) {
    return JSON.createObjectNode().put("id", id).put("kind", "health-anomaly").put("severity", "warning")
        .put("plant", plant).put("equipment", "CNC-1").put("subject", "spindle.temperature").put("rule", "z")
        .put("message", "CNC-1 spindle.temperature 偏离基线 4.2σ").put("at", H0.plusSeconds(1800).toString());
  }

  HttpResponse<String> post(String path, String json, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  // ------------------------------------------------------------------ helpers

  static ObjectNode hour(String plant, String equipment, Instant start, double plannedBusy, double run, double ideal,
      long good, long produced, int failures, double down, String state, String reason) {
    ObjectNode n = JSON.createObjectNode().put("level", "equipment").put("period", "hour").put("plant", plant)
        .put("line", "L1").put("equipment", equipment).put("start", start.toString())
        .put("end", start.plusSeconds(3600).toString()).put("plannedBusySeconds", plannedBusy).put("runSeconds", run)
        .put("idealSeconds", ideal).put("downSeconds", down).put("good", good).put("produced", produced)
        .put("failures", failures).put("availability", run / plannedBusy);
    var downtime = n.putArray("downtime");
    if (state != null) {
      downtime.addObject().put("state", state).put("reason", reason).put("seconds", down);
    }
    return n;
  }

  static void index(StringBuilder bulk, String analysis, String id, ObjectNode source) {
    bulk.append("{\"index\":{\"_index\":\"").append(PREFIX).append(analysis).append("\",\"_id\":\"").append(id)
        .append("\"}}\n").append(source).append('\n');
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static void assertProblem(HttpResponse<String> response, int status, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(JSON.readTree(response.body()).path("errors").get(0).path("pointer").asString()).isEqualTo(field);
  }

  @Override
  public Service securedService() {
    return new Service("http://127.0.0.1:" + port, "analytics", Duration.ofSeconds(1));
  }
}
