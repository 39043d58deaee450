package org.enterprisebrain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.enterprisebrain.servers.BrainRealm;
import org.enterprisebrain.servers.ManagedProcess;
import org.enterprisebrain.cli.demo.DemoSettings;
import org.enterprisebrain.cli.demo.DemoModel;
import org.enterprisebrain.servers.demo.Multipart;
import org.enterprisebrain.servers.demo.TrainedModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform as {@code brain up} starts it (Kafka, Keycloak, ingestion-service, gateway, each its own
 * process), driven only through the gateway with real Keycloak tokens; what was accepted is read back
 * from Kafka.
 */
class PlatformIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  // HTTP/1.1 as curl and the services' clients speak it: the JDK client's h2c upgrade of a POST with a body left
  // a pooled connection hanging behind the gateway once (PlatformIT, 2026-11-25)
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  static final String CSV_PREFIX = "EMS-A-CSV-";
  static LocalPlatform platform;
  static Connection connection;

  @BeforeAll
  static void start() {
    Path home = Path.of(System.getProperty("brain.home", "../..")).toAbsolutePath().normalize();
    Path data = Path.of(System.getProperty("java.io.tmpdir"), "platform-it-" + UUID.randomUUID());
    platform = LocalPlatform.start(LocalPlatform.Settings.ephemeral(home, data,
        // the classpath brain up runs Kafka from: the packaged CLI jar and its lib/ (not the test classpath)
        Path.of(System.getProperty("brain.cli.jar", "target/brain-cli.jar")).toAbsolutePath().toString()), System.out);
    connection = new Connection();
    connection.gateway = platform.gatewayUrl();
    connection.keycloak = platform.keycloakUrl();
    connection.clientId = "demo-factory";
    connection.secret = "";
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      long total = platform.processes().stream().mapToLong(ManagedProcess::residentBytes).sum();
      System.out.printf("RESULT platform RSS %d MiB over %d processes%n", total >> 20, platform.processes().size());
      platform.close();
    }
  }

  /** Counts the demo's records on the topics matching the pattern, per topic. */
  static Map<String, Integer> countOnKafka(Pattern topics, long expected) {
    Properties config = new Properties();
    config.put("bootstrap.servers", platform.kafkaBootstrap());
    config.put("group.id", "platform-it-" + UUID.randomUUID());
    config.put("auto.offset.reset", "earliest");
    config.put("metadata.max.age.ms", "1000");
    Map<String, Integer> counts = new HashMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(topics);
      long seen = 0;
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline && seen < expected) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
          // other tests of this class share the broker: count the demo's records only
          if (!JSON.readTree(record.value()).path("id").asString().startsWith(CSV_PREFIX)) {
            counts.merge(record.topic(), 1, Integer::sum);
            seen++;
          }
        }
      }
    }
    return counts;
  }

  @Test
  void theDemoPlantStreamsThroughTheGatewayOntoKafka() throws Exception {
    // three simulated hours, ten minutes per tick: enough for hourly OEE and energy results. They start five hours
    // back, so that the scoring minutes and the default-speed run below still have past to simulate
    java.time.Instant start = java.time.Instant.now().minus(Duration.ofHours(5));
    String manager = platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "manager",
        BrainRealm.demoPassword("manager"));
    // the guideline assessed before the plant sends anything: the data clauses are not met
    JsonNode before = JSON.readTree(get("/api/v1/assessment/evaluation?plant=hz-01", manager).body());
    assertThat(ruleValue(before, "ingest.standard-api")).isLessThan(1.0);
    assertThat(ruleValue(before, "analytics.spc")).isZero();
    assertThat(ruleValue(before, "registry.predictive-model")).isZero();
    assertThat(ruleValue(before, "catalog.backup")).isZero();
    // REST telemetry is no protocol conversion: 5.4.2.1 a waits for a device connection
    assertThat(ruleValue(before, "connect.protocols")).isZero();
    assertThat(ruleValue(before, "connect.energy-meters")).isZero();
    long snapshotBefore = JSON.readTree(send("POST", "/api/v1/assessment/snapshots?plant=hz-01", manager,
        "application/json", "").body()).path("id").asLong();
    // as brain up does: the plant's work calendar and electricity prices entered by the manager before it streams
    new DemoSettings(platform.gatewayUrl()).enter(manager, platform.keycloak().userToken(BrainRealm.NAME,
        BrainRealm.CONSOLE_CLIENT, "engineer", BrainRealm.demoPassword("engineer")), start,
        new PrintStream(System.out, true, StandardCharsets.UTF_8));
    DemoRunner demo = new DemoRunner(connection, 42, start);
    DemoRunner.Totals totals = demo.run(600, 18, new PrintStream(System.out, true, StandardCharsets.UTF_8));

    assertThat(totals.failed()).isZero();
    assertThat(totals.accepted()).isGreaterThan(50);
    // every deliberately bad record was rejected on its own, every other one accepted
    assertThat(totals.rejected()).isEqualTo(demo.badRecordsSoFar());
    assertThat(totals.accepted() + totals.rejected()).isEqualTo(totals.sent());

    // the standard topics only: brain.ingest-outcomes.v1 carries statistics, not records, and brain.analytics.*
    // the analytics' own configuration and dead letters
    Map<String, Integer> onKafka = countOnKafka(Pattern.compile("brain\\.(?!analytics\\.)[a-z0-9-]+\\.[a-z0-9-]+\\.v1"),
        totals.accepted());
    assertThat(onKafka.values().stream().mapToLong(Integer::longValue).sum()).isEqualTo(totals.accepted());
    assertThat(onKafka).containsKeys("brain.production.operation-report.v1", "brain.equipment.equipment-state.v1",
        "brain.quality.quality-result.v1", "brain.energy.energy-reading.v1", "brain.equipment.equipment.v1",
        // the MES's B2MML: schedules, and on each completed order its performance and the lot it made
        "brain.production.production-schedule.v1", "brain.production.production-performance.v1",
        "brain.logistics.material-lot.v1",
        // and the rest of the plant: shipments of the lots, the stack's emissions, PLM's bills of materials
        "brain.logistics.shipment.v1", "brain.energy.emission-reading.v1", "brain.master-data.bill-of-materials.v1",
        // the blanks' purchase orders and their receipts into stores: where a trace back ends
        "brain.supply-chain.purchase-order.v1", "brain.logistics.inventory-movement.v1");
    assertCatalogSeesTheDemoPlant();
    assertTheLinesStreamThroughTheirProtocols();
    assertAnalyticsSeeTheDemoPlant(start);
    assertThePistonRingExampleThroughTheIngestionApi(manager);
    assertTheXbarSAndIndividualsExamplesThroughTheIngestionApi(manager, platform.keycloak().userToken(BrainRealm.NAME,
        BrainRealm.CONSOLE_CLIENT, "engineer", BrainRealm.demoPassword("engineer")));
    assertTheRegistryScoresTheDemoPlant(demo);
    assertBrainBackupBacksUpAndReports();
    assertTheAssessmentSeesTheLivePlatform(before, snapshotBefore);
    JsonNode changed = recomputeAChartsLimitsFromNow(demo, manager);
    assertTheJobsSurviveTheDefaultDemoPastTheBrokersLimit(demo);
    assertTheChartFollowsItsNewSettings(changed, manager);
    assertTheOeeShiftExampleThroughTheIngestionApi(manager);
    assertBrainBackfillRecomputesTheSameResults(start, manager);
  }

  /** Montgomery (7th ed.), Table 6.3: inside diameters (mm) of 25 samples of 5 forged piston rings. */
  static final double[][] TABLE_6_3 = {
        {74.030, 74.002, 74.019, 73.992, 74.008}, {73.995, 73.992, 74.001, 74.011, 74.004},
        {73.988, 74.024, 74.021, 74.005, 74.002}, {74.002, 73.996, 73.993, 74.015, 74.009},
        {73.992, 74.007, 74.015, 73.989, 74.014}, {74.009, 73.994, 73.997, 73.985, 73.993},
        {73.995, 74.006, 73.994, 74.000, 74.005}, {73.985, 74.003, 73.993, 74.015, 73.988},
        {74.008, 73.995, 74.009, 74.005, 74.004}, {73.998, 74.000, 73.990, 74.007, 73.995},
        {73.994, 73.998, 73.994, 73.995, 73.990}, {74.004, 74.000, 74.007, 74.000, 73.996},
        {73.983, 74.002, 73.998, 73.997, 74.012}, {74.006, 73.967, 73.994, 74.000, 73.984},
        {74.012, 74.014, 73.998, 73.999, 74.007}, {74.000, 73.984, 74.005, 73.998, 73.996},
        {73.994, 74.012, 73.986, 74.005, 74.007}, {74.006, 74.010, 74.018, 74.003, 74.000},
        {73.984, 74.002, 74.003, 74.005, 73.997}, {74.000, 74.010, 74.013, 74.020, 74.003},
        {73.982, 74.001, 74.015, 74.005, 73.996}, {74.004, 73.999, 73.990, 74.006, 74.009},
        {74.010, 73.989, 73.990, 74.009, 74.014}, {74.015, 74.008, 73.993, 74.000, 74.010},
        {73.982, 73.984, 73.995, 74.017, 74.013}};

  /**
   * Montgomery, Introduction to Statistical Quality Control (7th ed.), Example 6.1 / Table 6.3: the inside
   * diameters of 25 samples of 5 forged piston rings, sent as a lab's quality results through the gateway's
   * ingestion API into the live SPC job. The book's phase I: x̿ = 74.001 mm, R̄ = 0.023 mm, X̄ chart limits
   * 73.988 / 74.014, R chart 0 / 0.049, every sample in control; with specifications 74.000 ± 0.05 mm,
   * Ĉp = 1.68 (the book rounds σ̂ = R̄/d2 to 0.0099 first; unrounded 1.668).
   */
  void assertThePistonRingExampleThroughTheIngestionApi(String manager) throws Exception {
    java.time.Instant base = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
        .minus(Duration.ofHours(2));
    List<JsonNode> points = chartThroughTheIngestionApi(manager, "ID-74.000", TABLE_6_3, base);
    assertThat(points).as("25 samples, the phase I complete").hasSize(25);
    var threeDecimals = org.assertj.core.api.Assertions.within(0.001); // the book prints three
    JsonNode last = points.get(24);
    assertThat(last.path("center").asDouble()).isCloseTo(74.001, threeDecimals);
    assertThat(last.path("ucl").asDouble()).isCloseTo(74.014, threeDecimals);
    assertThat(last.path("lcl").asDouble()).isCloseTo(73.988, threeDecimals);
    assertThat(last.path("spreadCenter").asDouble()).isCloseTo(0.023, threeDecimals);
    assertThat(last.path("spreadUcl").asDouble()).isCloseTo(0.049, threeDecimals);
    assertThat(last.path("spreadLcl").asDouble()).isZero();
    assertThat(last.path("baselineCp").asDouble()).isCloseTo(0.1 / (6 * 0.02324 / 2.326), org.assertj.core.api.Assertions.within(1e-3))
        .isCloseTo(1.68, org.assertj.core.api.Assertions.within(0.015));
    assertThat(points).allSatisfy(p -> {
      assertThat(p.path("phase").asString()).isEqualTo("baseline");
      assertThat(p.path("violations").isEmpty()).as("the book's phase I is in control").isTrue();
    });
  }

  /**
   * Montgomery (7th ed.), Example 6.3: the same piston rings on an X̄-S chart, which a quality engineer chooses
   * for the characteristic through the analytics API before the samples come. Published: x̿ = 74.001,
   * s̄ = 0.0094, X̄ chart 73.988 / 74.014, S chart 0 / 0.0196. And Section 6.4's individuals example, the weekly
   * costs of processing mortgage loan applications (no subgroups: I-MR): x̄ = 300.5, MR̄ = 7.79, limits
   * 279.78 / 321.22, MR chart UCL 25.45.
   */
  void assertTheXbarSAndIndividualsExamplesThroughTheIngestionApi(String manager, String engineer) throws Exception {
    java.time.Instant base = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
        .minus(Duration.ofMinutes(90));
    HttpResponse<String> settings = send("PUT", "/api/v1/analytics/spc/settings", engineer, "application/json",
        "{\"plant\":\"hz-01\",\"product\":\"PISTON-RING\",\"characteristic\":\"ID-74.000-S\",\"chartType\":\"xbar-s\","
            + "\"effectiveFrom\":\"" + base.minusSeconds(60) + "\",\"reason\":\"Montgomery 例 6.3：均值-标准差图\"}");
    assertThat(settings.statusCode()).as(settings.body()).isEqualTo(202);
    Thread.sleep(3000); // the SPC job's broadcast source takes the settings before the samples they govern
    JsonNode s = chartThroughTheIngestionApi(manager, "ID-74.000-S", TABLE_6_3, base).get(24);
    // the book adds 1.427 s̄ to x̿ rounded to 74.001 (74.0144); unrounded the limit is 74.0146: three decimals, as printed
    var book = org.assertj.core.api.Assertions.within(0.001);
    // (the chart's type is the chart's, not each point's: its spread line, s̄ rather than R̄ = 0.023, shows it)
    assertThat(s.path("center").asDouble()).isCloseTo(74.001, book);
    assertThat(s.path("ucl").asDouble()).isCloseTo(74.014, book);
    assertThat(s.path("lcl").asDouble()).isCloseTo(73.988, book);
    assertThat(s.path("spreadCenter").asDouble()).isCloseTo(0.0094, org.assertj.core.api.Assertions.within(0.00005));
    assertThat(s.path("spreadUcl").asDouble()).isCloseTo(0.0196, org.assertj.core.api.Assertions.within(0.00005));
    assertThat(s.path("spreadLcl").asDouble()).isZero();

    double[] costs = {310, 288, 297, 298, 307, 303, 294, 297, 308, 306, 294, 299, 297, 299, 314, 295, 293, 306, 301, 304};
    double[][] individuals = new double[costs.length][];
    for (int i = 0; i < costs.length; i++) {
      individuals[i] = new double[] {costs[i]};
    }
    // the book's phase I is all 20 weeks (the job's default is 25): the quality engineer says so first
    HttpResponse<String> twenty = send("PUT", "/api/v1/analytics/spc/settings", engineer, "application/json",
        "{\"plant\":\"hz-01\",\"product\":\"PISTON-RING\",\"characteristic\":\"LOAN-COST\",\"baselineSubgroups\":20,"
            + "\"effectiveFrom\":\"" + base.minusSeconds(60) + "\",\"reason\":\"Montgomery 6.4：20 周为第一阶段\"}");
    assertThat(twenty.statusCode()).as(twenty.body()).isEqualTo(202);
    Thread.sleep(3000);
    List<JsonNode> weeks = chartThroughTheIngestionApi(manager, "LOAN-COST", individuals, base);
    JsonNode i = weeks.get(weeks.size() - 1);
    var twoDecimals = org.assertj.core.api.Assertions.within(0.005);
    assertThat(i.path("center").asDouble()).isCloseTo(300.5, twoDecimals);
    assertThat(i.path("spreadCenter").asDouble()).isCloseTo(7.79, twoDecimals);
    assertThat(i.path("ucl").asDouble()).isCloseTo(321.22, twoDecimals);
    assertThat(i.path("lcl").asDouble()).isCloseTo(279.78, twoDecimals);
    assertThat(i.path("spreadUcl").asDouble()).isCloseTo(25.45, twoDecimals);
    assertThat(weeks).allSatisfy(p -> assertThat(p.path("violations").isEmpty()).as("in control, as the book finds")
        .isTrue());
  }

  /**
   * Samples (one a minute from {@code base}; one value each: individuals, no subgroup) sent as a lab's quality
   * results of product PISTON-RING through the gateway's ingestion API; returns the chart's points once every
   * sample is plotted with limits.
   */
  List<JsonNode> chartThroughTheIngestionApi(String manager, String characteristic, double[][] samples,
      java.time.Instant base) throws Exception {
    var records = JSON.createArrayNode();
    for (int g = 0; g < samples.length; g++) {
      for (int i = 0; i < samples[g].length; i++) {
        var record = records.addObject().put("id", "QMS-A-" + characteristic + "-" + g + "-" + i)
            .put("entity", "quality-result").put("schemaVersion", 1);
        record.putObject("source").put("system", "QMS-A").put("kind", "QMS");
        record.put("plant", "hz-01").put("occurredAt", base.plusSeconds(60L * g).toString());
        var payload = record.putObject("payload").put("characteristic", characteristic).put("characteristicName", "参考示例")
            .put("product", "PISTON-RING").put("inspectionType", "incoming").put("value", samples[g][i])
            .put("result", "pass");
        if (samples[g].length > 1) {
          payload.put("unit", "mm").put("lsl", 73.95).put("usl", 74.05).put("target", 74.0)
              .put("subgroup", characteristic + "-" + (g + 1)).put("sampleIndex", i + 1);
        }
      }
    }
    HttpResponse<String> sent = send("POST", "/api/v1/ingest/quality-result", connection.token(), "application/json",
        records.toString());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    String path = "/api/v1/analytics/spc/chart?plant=hz-01&product=PISTON-RING&characteristic=" + characteristic
        + "&from=" + base.minusSeconds(60) + "&to=" + java.time.Instant.now().plusSeconds(60);
    List<JsonNode> points = List.of();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> chart = getAnyStatus(path, manager); // 404 until the job's first points are stored
      if (chart.statusCode() == 200) {
        points = JSON.readTree(chart.body()).path("points").valueStream().toList();
        if (points.size() == samples.length && points.get(0).has("center")) {
          break;
        }
      }
      Thread.sleep(1000);
    }
    assertThat(points).as(samples.length + " samples, the phase I complete").hasSize(samples.length);
    return points;
  }

  /**
   * The worked OEE example of oee.com ("OEE Calculation", Vorne), whose definitions are ISO 22400-2's: an 8-hour
   * shift with two 15-minute breaks and a 30-minute meal (planned production time 420 min), 47 minutes of
   * breakdowns (run time 373 min), ideal cycle time 1.0 s, 19,271 pieces of which 423 rejected. Published:
   * availability 88.81 %, performance 86.11 %, quality 97.80 %, OEE 74.79 %. The shift and its breaks are the
   * line's work calendar, entered by the manager through the analytics API; the machine only says when it ran
   * and when it broke down (it is never switched to a planned stop for a break). Sent through the ingestion API
   * as a machine's history of twelve hours ago, computed by the live OEE job (within its lateness).
   */
  static String freshToken(String user) {
    return platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, user,
        BrainRealm.demoPassword(user));
  }

  void assertTheOeeShiftExampleThroughTheIngestionApi(String manager) throws Exception {
    java.time.Instant t = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS)
        .minus(Duration.ofHours(12));
    var records = JSON.createArrayNode();
    var master = records.addObject().put("id", "MES-A-OEE-REF-EQ").put("entity", "equipment").put("schemaVersion", 1);
    master.putObject("source").put("system", "MES-A").put("kind", "MES");
    master.put("plant", "hz-01").put("occurredAt", t.minus(Duration.ofDays(1)).toString());
    master.putObject("payload").put("equipmentId", "OEE-REF").put("name", "OEE 参考机").put("level", "workcell")
        .put("line", "LINE-REF").put("idealCycleTimeSeconds", 1.0);
    java.time.format.DateTimeFormatter hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
        .withZone(java.time.ZoneId.of("Asia/Shanghai"));
    java.util.function.IntFunction<String> local = minute -> hhmm.format(t.plus(Duration.ofMinutes(minute)));
    HttpResponse<String> calendar = send("PUT", "/api/v1/analytics/oee/calendars", manager, "application/json",
        "{\"plant\":\"hz-01\",\"line\":\"LINE-REF\",\"effectiveFrom\":\"" + t.minus(Duration.ofDays(1)) + "\","
            + "\"shifts\":[{\"code\":\"REF\",\"start\":\"" + local.apply(0) + "\",\"end\":\"" + local.apply(480)
            + "\",\"breaks\":[{\"start\":\"" + local.apply(150) + "\",\"end\":\"" + local.apply(165) + "\"},"
            + "{\"start\":\"" + local.apply(240) + "\",\"end\":\"" + local.apply(270) + "\"},"
            + "{\"start\":\"" + local.apply(390) + "\",\"end\":\"" + local.apply(405) + "\"}]}],"
            + "\"reason\":\"oee.com 的示例班次：两次 15 分钟休息，30 分钟用餐\"}");
    assertThat(calendar.statusCode()).as(calendar.body()).isEqualTo(202);
    // the OEE job's broadcast source polls the calendars' topic on its own: let it take the calendar before the
    // records it plans (a record computed under the plant's calendar would stay so until a backfill)
    Thread.sleep(5000);
    Object[][] states = {{0, "running", null}, {100, "down", "M01"}, {147, "running", null}};
    for (Object[] st : states) {
      java.time.Instant at = t.plus(Duration.ofMinutes((Integer) st[0]));
      var r = records.addObject().put("id", "MES-A-OEE-REF-ST-" + st[0]).put("entity", "equipment-state")
          .put("schemaVersion", 1);
      r.putObject("source").put("system", "MES-A").put("kind", "MES");
      r.put("plant", "hz-01").put("occurredAt", at.toString());
      var payload = r.putObject("payload").put("equipment", "OEE-REF").put("state", (String) st[1]).put("since", at.toString());
      if (st[2] != null) {
        payload.put("reasonCode", (String) st[2]);
      }
    }
    java.time.Instant end = t.plus(Duration.ofHours(8));
    var report = records.addObject().put("id", "MES-A-OEE-REF-OR").put("entity", "operation-report").put("schemaVersion", 1);
    report.putObject("source").put("system", "MES-A").put("kind", "MES");
    report.put("plant", "hz-01").put("occurredAt", end.toString());
    report.putObject("payload").put("workOrder", "WO-OEE-REF").put("equipment", "OEE-REF").put("operation", "0010")
        .put("good", 18848).put("scrap", 423).put("start", t.toString()).put("end", end.toString());
    // one entity per call: the master data, the states, the report
    for (String entity : List.of("equipment", "equipment-state", "operation-report")) {
      var batch = JSON.createArrayNode();
      records.valueStream().filter(r -> r.path("entity").asString().equals(entity)).forEach(batch::add);
      HttpResponse<String> sent = send("POST", "/api/v1/ingest/" + entity, connection.token(), "application/json",
          batch.toString());
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    }
    String path = "/api/v1/analytics/oee/summary?plant=hz-01&equipment=OEE-REF&from=" + t + "&to=" + end;
    JsonNode total = null;
    // the jobs compute the shift within seconds alone; a clean-clone CI beside a running brain up took longer than
    // 120 s, and a CI on a loaded machine longer than 300 s: the wait is long, and its failure says what was there
    long deadline = System.currentTimeMillis() + 600_000;
    boolean complete = false;
    while (!complete && System.currentTimeMillis() < deadline) {
      // a fresh token each time: the wait outlasts an access token's five minutes
      HttpResponse<String> summary = getAnyStatus(path, freshToken("manager"));
      if (summary.statusCode() == 200) {
        total = JSON.readTree(summary.body()).path("total");
        complete = total.path("hours").asInt() == 8 && total.path("good").asLong() == 18848
            && total.path("downSeconds").asDouble() == 47 * 60;
      }
      if (!complete) {
        Thread.sleep(2000);
      }
    }
    assertThat(complete).as("the shift's eight hours in time; last summary %s; jobs %s; dead letters %s", total,
        getAnyStatus("/api/v1/analytics/jobs", freshToken("manager")).body(),
        getAnyStatus("/api/v1/analytics/dead-letters", freshToken("manager")).body()).isTrue();
    // as published (four digits), and exactly the ratios they round
    var published = org.assertj.core.api.Assertions.within(0.0001);
    var exact = org.assertj.core.api.Assertions.within(1e-6);
    assertThat(total.path("plannedBusySeconds").asDouble()).isEqualTo(420 * 60.0);
    assertThat(total.path("runSeconds").asDouble()).isEqualTo(373 * 60.0);
    assertThat(total.path("availability").asDouble()).isCloseTo(0.8881, published).isCloseTo(373 / 420.0, exact);
    assertThat(total.path("performance").asDouble()).isCloseTo(0.8611, published).isCloseTo(19271 / (373 * 60.0), exact);
    assertThat(total.path("quality").asDouble()).isCloseTo(0.9780, published).isCloseTo(18848 / 19271.0, exact);
    assertThat(total.path("oee").asDouble()).isCloseTo(0.7479, published)
        .isCloseTo(373 / 420.0 * 19271 / (373 * 60.0) * 18848 / 19271.0, exact);
  }

  /**
   * A quality engineer's "recompute limits from here" on the live chart with the most points, through the
   * gateway: a phase I of 3 subgroups from the demo's present on (how many subgroups the demo's last hours give a
   * chart varies with its pace: 5 did not always leave a monitored one). Returns the version as the API answered it.
   */
  JsonNode recomputeAChartsLimitsFromNow(DemoRunner demo, String manager) throws Exception {
    JsonNode characteristics = JSON.readTree(get("/api/v1/analytics/spc/characteristics?plant=hz-01&from="
        + demo.clock().minus(Duration.ofHours(6)) + "&to=" + java.time.Instant.now().plusSeconds(60), manager).body());
    JsonNode busiest = characteristics.valueStream().filter(c -> c.has("equipment"))
        .max(java.util.Comparator.comparingInt(c -> c.path("points").asInt())).orElseThrow();
    String engineer = platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "engineer",
        BrainRealm.demoPassword("engineer"));
    HttpResponse<String> answer = send("PUT", "/api/v1/analytics/spc/settings", engineer, "application/json",
        JSON.createObjectNode().put("plant", "hz-01").put("equipment", busiest.path("equipment").asString())
            .put("product", busiest.path("product").asString())
            .put("characteristic", busiest.path("characteristic").asString())
            .put("effectiveFrom", demo.clock().toString()).put("baselineSubgroups", PHASE_I)
            .put("reason", "换刀后重新计算控制限")
            .toString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return JSON.readTree(answer.body());
  }

  static final int PHASE_I = 3;

  /** The chart's subgroups from then on are a new phase I of 3, then monitored against its limits: version 1. */
  void assertTheChartFollowsItsNewSettings(JsonNode changed, String manager) throws Exception {
    JsonNode chart = JSON.readTree(get("/api/v1/analytics/spc/chart?plant=hz-01&equipment="
        + changed.path("equipment").asString() + "&product=" + changed.path("product").asString() + "&characteristic="
        + changed.path("characteristic").asString() + "&from=" + changed.path("effectiveFrom").asString() + "&to="
        + java.time.Instant.now().plusSeconds(60), manager).body());
    List<JsonNode> points = chart.path("points").valueStream().toList();
    assertThat(points).as("subgroups since the change").hasSizeGreaterThan(PHASE_I);
    assertThat(points).allSatisfy(p -> assertThat(p.path("limitsVersion").asInt()).isEqualTo(changed.path("version").asInt()));
    double center = points.subList(0, PHASE_I).stream().mapToDouble(p -> p.path("value").asDouble()).sum() / PHASE_I;
    assertThat(points.get(PHASE_I).path("center").asDouble()).as("the mean of the new phase I's means, if none left out")
        .isCloseTo(center, org.assertj.core.api.Assertions.within(Math.abs(center) * 0.01));
  }

  /**
   * {@code brain backfill} over two hours the live OEE job computed: the request goes through the gateway to
   * the analytics API as the local admin client, brain up's runner runs it, and it rewrites the same ids with
   * the same values (history the live job had dropped is what it adds; AnalyticsJobsIT shows that).
   */
  void assertBrainBackfillRecomputesTheSameResults(java.time.Instant start, String manager) throws Exception {
    java.time.Instant from = start.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1));
    java.time.Instant to = from.plus(Duration.ofHours(2));
    String hours = "/api/v1/analytics/oee?plant=hz-01&level=equipment&period=hour&size=5000&from=" + from + "&to=" + to;
    JsonNode live = JSON.readTree(get(hours, manager).body());
    assertThat(live.size()).as("hours of the demo's machines in the range").isGreaterThan(4);
    java.io.StringWriter out = new java.io.StringWriter();
    int exit = new CommandLine(new BrainCommand()).setOut(new java.io.PrintWriter(out)).execute("backfill",
        "--plant", "hz-01", "--from", from.toString(), "--to", to.toString(), "--jobs", "oee", "--wait", "PT5M",
        "--gateway", platform.gatewayUrl(), "--keycloak", platform.keycloakUrl());
    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString()).contains("succeeded");
    JsonNode backfilled = JSON.readTree(get(hours, manager).body());
    // (hours of the same start come in no particular order once rewritten)
    assertThat(byMachineHour(backfilled)).as("the same hours, the same values").isEqualTo(byMachineHour(live));
  }

  static Map<String, JsonNode> byMachineHour(JsonNode hours) {
    Map<String, JsonNode> byKey = new java.util.TreeMap<>();
    hours.forEach(h -> byKey.put(h.path("equipment").asString() + "|" + h.path("start").asString(), h));
    return byKey;
  }

  /**
   * {@code brain up}'s demo at its default speed for longer than the hour ahead that Kafka accepts by default
   * (the jobs used to die on the first alert stamped that far ahead): it catches up with the wall clock, never
   * passes it, and every job is still RUNNING afterwards.
   */
  void assertTheJobsSurviveTheDefaultDemoPastTheBrokersLimit(DemoRunner demo) throws Exception {
    String manager = platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "manager",
        BrainRealm.demoPassword("manager"));
    java.time.Instant from = demo.clock();
    int speed = Integer.parseInt(DemoRunner.DEFAULT_SPEED);
    long ticks = Duration.between(from, java.time.Instant.now()).toSeconds() / speed + 10;
    assertThat(ticks * speed).as("simulated seconds asked for").isGreaterThan(3600);
    DemoRunner.Totals totals = demo.run(speed, ticks, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    assertThat(totals.failed()).isZero();
    assertThat(demo.clock()).as("the demo never runs ahead of the wall clock")
        .isBeforeOrEqualTo(java.time.Instant.now()).isAfter(java.time.Instant.now().minusSeconds(30));
    JsonNode jobs = JSON.readTree(get("/api/v1/analytics/jobs", manager).body());
    assertThat(jobs.valueStream().map(j -> j.path("name").asString() + "=" + j.path("state").asString()))
        .containsExactlyInAnyOrder("brain-analytics-energy=RUNNING", "brain-analytics-health=RUNNING",
            "brain-analytics-oee=RUNNING", "brain-analytics-score=RUNNING", "brain-analytics-spc=RUNNING",
            "brain-analytics-genealogy=RUNNING");
    assertThat(jobs.valueStream().map(j -> j.path("deadLetterRecords")))
        .as("every job counts what its sinks refused: none of the demo's results or alerts")
        .allMatch(n -> n.isNumber() && n.asLong() == 0);
  }

  /**
   * {@code brain backup} on the running platform: every schema's tables copied out with checksums that match
   * the files, the indices snapshotted, both runs reported to the catalog (the assessment's backup evidence).
   */
  void assertBrainBackupBacksUpAndReports() throws Exception {
    Path to = Files.createTempDirectory("brain-backup");
    java.io.StringWriter out = new java.io.StringWriter();
    int exit = new CommandLine(new BrainCommand()).setOut(new java.io.PrintWriter(out)).execute("backup",
        "--to", to.toString(), "--db-url", platform.postgresJdbcUrl(), "--elasticsearch", platform.elasticsearchUrl(),
        "--gateway", platform.gatewayUrl(), "--keycloak", platform.keycloakUrl());
    System.out.print(out);
    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString()).containsPattern("Elasticsearch: snapshot brain-backups/brain-[0-9-]+ SUCCESS")
        .contains("(succeeded)").doesNotContain("(failed)");
    Path dir;
    try (var dirs = Files.list(to)) {
      dir = dirs.filter(d -> d.getFileName().toString().startsWith("postgresql-")).findFirst().orElseThrow();
    }
    JsonNode manifest = JSON.readTree(Files.readString(dir.resolve("manifest.json")));
    // the catalog's tables live in public, the registry's and the assessment's in schemas of their own
    assertThat(manifest.path("schemas").valueStream().map(JsonNode::asString))
        .contains("public", "registry", "assessment");
    assertThat(manifest.path("tables").valueStream().map(t -> t.path("schema").asString() + "." + t.path("table")
        .asString())).contains("public.backup_run", "public.audit_event", "assessment.snapshot");
    JsonNode models = manifest.path("tables").valueStream()
        .filter(t -> t.path("schema").asString().equals("registry") && t.path("table").asString().equals("model"))
        .findFirst().orElseThrow();
    assertThat(models.path("rows").asLong()).isPositive();
    for (JsonNode table : manifest.path("tables")) {
      byte[] file = Files.readAllBytes(dir.resolve(table.path("file").asString()));
      assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file)))
          .as(table.path("file").asString()).isEqualTo(table.path("sha256").asString());
    }
    try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
        Files.newInputStream(dir.resolve(models.path("file").asString()))), StandardCharsets.UTF_8))) {
      assertThat(in.lines().count()).isEqualTo(models.path("rows").asLong() + 1); // the header line
    }

    // the restore test of that backup: every table loads into the live tables' shape, every row count matches
    java.io.StringWriter drill = new java.io.StringWriter();
    exit = new CommandLine(new BrainCommand()).setOut(new java.io.PrintWriter(drill)).execute("restore-check",
        "--from", to.toString(), "--db-url", platform.postgresJdbcUrl(), "--gateway", platform.gatewayUrl(),
        "--keycloak", platform.keycloakUrl());
    System.out.print(drill);
    assertThat(exit).as(drill.toString()).isZero();
    assertThat(drill.toString()).contains("restored " + manifest.path("tables").size() + " tables",
        "every checksum and row count matches the manifest", "reported to the catalog as restore-test run");
    // four eyes: the auditor witnesses the drill the tool reported, and the assessment counts it (catalog.backup)
    java.util.regex.Matcher drillRun = Pattern.compile("restore-test run (\\d+)").matcher(drill.toString());
    assertThat(drillRun.find()).isTrue();
    HttpResponse<String> witnessed = send("POST", "/api/v1/catalog/backups/" + drillRun.group(1) + "/witness",
        platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "auditor",
            BrainRealm.demoPassword("auditor")), "application/json", "");
    assertThat(witnessed.statusCode()).as(witnessed.body()).isEqualTo(200);
    assertThat(JSON.readTree(witnessed.body()).path("witnessedBy").asString()).isEqualTo("auditor");

    // a file altered after the backup fails the test, and the failure is reported too
    Path modelFile = dir.resolve(models.path("file").asString());
    byte[] original = Files.readAllBytes(modelFile);
    Files.write(modelFile, java.util.Arrays.copyOf(original, original.length - 1));
    java.io.StringWriter broken = new java.io.StringWriter();
    exit = new CommandLine(new BrainCommand()).setOut(new java.io.PrintWriter(broken)).execute("restore-check",
        dir.toString(), "--db-url", platform.postgresJdbcUrl(), "--gateway", platform.gatewayUrl(),
        "--keycloak", platform.keycloakUrl());
    assertThat(exit).isEqualTo(1);
    assertThat(broken.toString()).contains("registry.model: file missing or its checksum differs",
        "1 of " + manifest.path("tables").size() + " tables did not restore whole", "(failed)");
    Files.write(modelFile, original);

    // the audit log is a chain the auditor checks whole; a read outside the manager's plants is one more entry
    String manager = platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "manager",
        BrainRealm.demoPassword("manager"));
    assertThat(send("GET", "/api/v1/catalog/datasets/employee/records?plant=nb-02", manager, "application/json", "")
        .statusCode())
        .isEqualTo(403);
    java.io.StringWriter audit = new java.io.StringWriter();
    exit = new CommandLine(new BrainCommand()).setOut(new java.io.PrintWriter(audit)).execute("audit", "verify",
        "--gateway", platform.gatewayUrl(), "--keycloak", platform.keycloakUrl());
    System.out.print(audit);
    assertThat(exit).as(audit.toString()).isZero();
    assertThat(audit.toString()).containsPattern("audit log intact: [1-9][0-9]* entries, head [0-9]+ [0-9a-f]{64}");
  }

  /** The value an automatic rule gave in an evaluation (the same in every clause that uses it). */
  static double ruleValue(JsonNode evaluation, String rule) {
    JsonNode entry = ruleEntry(evaluation, rule);
    assertThat(entry.path("status").asString()).as(rule + ": " + entry).isEqualTo("evaluated");
    return entry.path("value").asDouble();
  }

  static JsonNode ruleEntry(JsonNode evaluation, String rule) {
    return evaluation.path("items").valueStream().flatMap(i -> i.path("evidence").valueStream())
        .filter(e -> rule.equals(e.path("rule").asString())).findFirst().orElseThrow();
  }

  /** Clauses whose evidence includes the rule. */
  static List<String> clausesUsing(JsonNode evaluation, String rule) {
    return evaluation.path("items").valueStream()
        .filter(i -> i.path("evidence").valueStream().anyMatch(e -> rule.equals(e.path("rule").asString())))
        .map(i -> i.path("id").asString()).toList();
  }

  static double satisfaction(JsonNode evaluation, String clause) {
    return evaluation.path("items").valueStream().filter(i -> i.path("id").asString().equals(clause)).findFirst()
        .orElseThrow().path("satisfaction").asDouble();
  }

  /**
   * The assessment reads the live platform: with the demo plant streaming, its jobs running and a model
   * deployed, the data, SPC, predictive-maintenance and knowledge-graph clauses turn from 0 to met; the level
   * follows the levels' scores, the gap list puts what blocks the next level first, and the snapshot diff
   * names the clauses that moved.
   */
  void assertTheAssessmentSeesTheLivePlatform(JsonNode before, long snapshotBefore) throws Exception {
    String manager = platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "manager",
        BrainRealm.demoPassword("manager"));
    // the assessment scores the evidence its background refresh gathered last: wait for one that began after now
    // and after every answer a round before now may have kept (BRAIN_ASSESSMENT_EVIDENCE_TTL, 10 s): a round just
    // after the backup reused the backup list read just before it, and catalog.backup was 0
    java.time.Instant asOf = java.time.Instant.now().plusSeconds(10);
    JsonNode latest = JSON.readTree(get("/api/v1/assessment/evaluation?plant=hz-01", manager).body());
    for (int i = 0; i < 90 && !java.time.Instant.parse(latest.path("evidenceAt").asString()).isAfter(asOf); i++) {
      Thread.sleep(1000);
      latest = JSON.readTree(get("/api/v1/assessment/evaluation?plant=hz-01", manager).body());
    }
    JsonNode after = latest;
    assertThat(java.time.Instant.parse(after.path("evidenceAt").asString())).isAfter(asOf);
    System.out.printf("RESULT assessment: level %s, score %.4f (range %.4f–%.4f), %d clauses: %d automatic, "
            + "%d attestation only, %d met, %d unknown; evaluated in %d ms%n",
        after.path("level").asString("none"), after.path("score").asDouble(), after.path("range").path("low").asDouble(),
        after.path("range").path("high").asDouble(), after.path("counts").path("items").asInt(),
        after.path("counts").path("automatic").asInt(), after.path("counts").path("attestationOnly").asInt(),
        after.path("counts").path("met").asInt(), after.path("counts").path("unknown").asInt(),
        after.path("durationMs").asLong());
    assertThat(after.path("items").valueStream().flatMap(i -> i.path("evidence").valueStream())
        .filter(e -> "unknown".equals(e.path("status").asString()))
        .map(e -> e.path("rule").asString() + ": " + e.path("reason").asString()).distinct().toList())
        .as("rules the live platform left unknown").isEmpty();
    for (String rule : List.of("ingest.standard-api", "ingest.equipment", "analytics.jobs", "analytics.health",
        "registry.predictive-model", "registry.knowledge-graph", "registry.models", "catalog.backup",
        "gateway.attack-defence", "connect.protocols", "connect.energy-meters",
        // the MES's B2MML, shipments, the stack's emissions and PLM's BOMs (6.1.2 b/c, 6.1.3 a, 6.2.1, 6.2.3 d,
        // 6.3.2 a, 6.5.2 a): before, attestation only or none
        "ingest.production-plan", "ingest.plan-and-actual", "ingest.lot-genealogy", "ingest.lot-traceability",
        "ingest.emissions", "ingest.plm", "analytics.attainment")) {
      // the rule's facts in the message: which entity, source or store was missing when it was not met
      assertThat(ruleValue(after, rule)).as(rule + ": " + ruleEntry(after, rule)).isEqualTo(1.0);
    }
    assertThat(ruleValue(after, "analytics.spc")).isGreaterThanOrEqualTo(0.5);
    assertThat(ruleValue(after, "analytics.oee-coverage")).isGreaterThanOrEqualTo(0.5);
    // the newest shipped lots answer a trace back to the supplier (the first ones were made of stock parts)
    assertThat(ruleValue(after, "analytics.genealogy")).as(ruleEntry(after, "analytics.genealogy").toString()).isPositive();
    // clauses evidenced by these rules alone went from 0 to met
    for (String rule : List.of("ingest.standard-api", "registry.predictive-model")) {
      List<String> clauses = clausesUsing(after, rule);
      assertThat(clauses).as(rule).isNotEmpty();
      assertThat(clauses.stream().mapToDouble(c -> satisfaction(after, c)).sum())
          .as(rule).isGreaterThan(clauses.stream().mapToDouble(c -> satisfaction(before, c)).sum());
    }
    assertThat(after.path("score").asDouble()).isGreaterThan(before.path("score").asDouble());
    // the level is the highest attained one, every lower level passing
    List<JsonNode> levels = after.path("levels").valueStream().toList();
    String expected = null;
    for (JsonNode level : levels) {
      if (!level.path("passed").asBoolean()) {
        break;
      }
      expected = level.path("id").asString();
    }
    assertThat(after.path("level").isMissingNode() ? null : after.path("level").asString()).isEqualTo(expected);

    JsonNode gaps = JSON.readTree(get("/api/v1/assessment/gaps?plant=hz-01&limit=10", manager).body());
    assertThat(gaps.size()).isEqualTo(10);
    assertThat(gaps.get(0).path("blocksNextLevel").asBoolean()).isTrue();
    assertThat(gaps.get(0).path("levels").get(0).asString()).isEqualTo(after.path("nextLevel").asString());

    long snapshotAfter = JSON.readTree(send("POST", "/api/v1/assessment/snapshots?plant=hz-01", manager,
        "application/json", "").body()).path("id").asLong();
    JsonNode diff = JSON.readTree(get("/api/v1/assessment/snapshots/diff?from=" + snapshotBefore + "&to="
        + snapshotAfter, manager).body());
    assertThat(diff.path("clauses").valueStream().map(c -> c.path("id").asString()).toList())
        .containsAll(clausesUsing(after, "registry.predictive-model").stream()
            .filter(c -> satisfaction(after, c) > satisfaction(before, c)).toList());

    // the dashboard's page and login settings through the gateway (no token: its figures need one), and a report
    HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/assessment/"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"radar\"", "/assessment/assets/");
    JsonNode dashboard = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
        + "/assessment/config.json")).build(), HttpResponse.BodyHandlers.ofString()).body());
    assertThat(dashboard.path("clientId").asString()).isEqualTo(BrainRealm.CONSOLE_CLIENT);
    HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
        + "/api/v1/assessment/report?format=pdf&plant=hz-01")).header("Authorization", "Bearer " + manager).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

    // evaluation time of the whole catalogue as a manager sees it (evidence gathered in the background), over a
    // half a minute so that background gatherings run in between, and how long those gatherings took
    long[] took = new long[30];
    long[] gathering = new long[took.length];
    for (int i = 0; i < took.length; i++) {
      JsonNode e = JSON.readTree(get("/api/v1/assessment/evaluation?plant=hz-01", manager).body());
      took[i] = e.path("durationMs").asLong();
      gathering[i] = e.path("evidenceMs").asLong();
      Thread.sleep(1000);
    }
    java.util.Arrays.sort(took);
    java.util.Arrays.sort(gathering);
    System.out.printf("RESULT assessment evaluation of %d clauses: first %d ms; p50 %d ms, p95 %d ms, max %d ms "
            + "(30 runs over 30 s); background evidence gathering %d–%d ms%n", after.path("items").size(),
        before.path("durationMs").asLong(), took[14], took[28], took[29], gathering[0], gathering[29]);
  }

  /**
   * Guideline 5.4.2.3 c) on the running platform: an engineer registers a real ONNX model, an admin approves
   * it as champion, a deployment binds it to the CNC spindles' telemetry, and the score job (running since
   * brain up) scores the demo's next minutes; v2 is promoted the same way and its scores follow while the
   * job keeps running. The seeded knowledge graph diagnoses a spindle alarm.
   */
  void assertTheRegistryScoresTheDemoPlant(DemoRunner demo) throws Exception {
    String engineer = platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "engineer",
        BrainRealm.demoPassword("engineer"));
    String admin = platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "admin",
        BrainRealm.demoPassword("admin"));
    String manager = platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "manager",
        BrainRealm.demoPassword("manager"));
    // v1 exactly as brain up's demo puts it in: trained, registered, approved as champion, deployed
    new DemoModel(platform.gatewayUrl()).deploy(engineer, admin, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
    new DemoModel(platform.gatewayUrl()).deploy(engineer, admin, new PrintStream(again, true, StandardCharsets.UTF_8));
    assertThat(again.toString(StandardCharsets.UTF_8)).as("a second brain up changes nothing").contains("already");
    JsonNode deployment = JSON.readTree(get("/api/v1/registry/deployments/" + DemoModel.DEPLOYMENT, manager).body());
    assertThat(deployment.path("model").asString()).isEqualTo(DemoModel.NAME);
    assertThat(deployment.path("version").asInt()).isEqualTo(1);
    // v2 registered by hand
    TrainedModels.Trained v2 = TrainedModels.spindleFailure(200, 2);
    Multipart m = Multipart.modelVersion(v2.versionMetadata().getBytes(StandardCharsets.UTF_8), v2.onnx());
    HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
            + "/api/v1/registry/models/spindle-failure/versions")).header("Authorization", "Bearer " + engineer)
        .header("Content-Type", m.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    String scoreJob = jobId("brain-analytics-score", manager);

    JsonNode first = scoresOf(demo, manager, 1);
    assertThat(first.path("model").asString()).isEqualTo("spindle-failure");
    assertThat(first.path("equipment").asString()).matches("CNC-A0[1-5]");
    assertThat(first.path("features").path("temperature").asDouble()).isBetween(15.0, 80.0);
    assertThat(first.path("score").asDouble()).isBetween(0.0, 1.0);

    promote(2, engineer, admin);
    JsonNode second = scoresOf(demo, manager, 2);
    assertThat(second.path("alias").asString()).isEqualTo("champion");
    assertThat(jobId("brain-analytics-score", manager)).as("the same job, still running").isEqualTo(scoreJob);

    HttpResponse<String> diagnosis = send("POST", "/api/v1/registry/graph/diagnose", manager, "application/json",
        "{\"equipment\": \"CNC-A01\", \"symptoms\": [\"SP1001\"]}");
    assertThat(diagnosis.statusCode()).as(diagnosis.body()).isEqualTo(200);
    assertThat(JSON.readTree(diagnosis.body()).path("failureModes").get(0).path("failureMode").asString())
        .isEqualTo("failure-mode:spindle-overheat");
    // what v1 was trained on is in the catalog's lineage (the registry registers it as its own client)
    JsonNode trained = null;
    long lineageDeadline = System.currentTimeMillis() + 60_000;
    while (trained == null && System.currentTimeMillis() < lineageDeadline) {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
          + "/api/v1/catalog/lineage?node=model:spindle-failure@v1&depth=1")).header("Authorization", "Bearer " + manager)
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        trained = JSON.readTree(response.body());
      } else {
        Thread.sleep(1000);
      }
    }
    assertThat(trained).as("lineage of model:spindle-failure@v1").isNotNull();
    assertThat(trained.path("nodes").valueStream().map(n -> n.path("id").asString()).toList())
        .contains("topic:brain.equipment.telemetry.v1");
    // the machine's node also carries what the ingested master data says about it
    JsonNode cnc = JSON.readTree(get("/api/v1/registry/graph/nodes/equipment:hz-01:CNC-A01", manager).body());
    assertThat(cnc.path("properties").path("level").asString()).isNotEmpty();
  }

  void promote(int version, String engineer, String admin) throws Exception {
    HttpResponse<String> request = send("POST", "/api/v1/registry/models/spindle-failure/aliases/champion/requests",
        engineer, "application/json", "{\"version\": " + version + "}");
    assertThat(request.statusCode()).as(request.body()).isEqualTo(201);
    HttpResponse<String> approved = send("POST", "/api/v1/registry/alias-requests/"
        + JSON.readTree(request.body()).path("id").asLong() + "/decision", admin, "application/json",
        "{\"approve\": true}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
  }

  /** Streams the demo a minute at a time until the score job wrote a score of {@code version}; returns it. */
  JsonNode scoresOf(DemoRunner demo, String manager, int version) throws Exception {
    for (int minute = 0; minute < 30; minute++) {
      demo.run(60, 1, new PrintStream(java.io.OutputStream.nullOutputStream()));
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
              + "/api/v1/analytics/scores?plant=hz-01&model=spindle-failure&size=200&from="
              + java.time.Instant.now().minus(Duration.ofDays(1)) + "&to=" + java.time.Instant.now().plus(Duration.ofDays(1))))
          .header("Authorization", "Bearer " + manager).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        for (JsonNode score : JSON.readTree(response.body())) {
          if (score.path("version").asInt() == version) {
            return score;
          }
        }
      } else {
        assertProblem(response, 503); // the scores index is being created
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("no score of version " + version + " after 30 demo minutes");
  }

  String jobId(String name, String token) throws Exception {
    return JSON.readTree(get("/api/v1/analytics/jobs", token).body()).valueStream()
        .filter(j -> j.path("name").asString().equals(name) && j.path("state").asString().equals("RUNNING"))
        .map(j -> j.path("id").asString()).findFirst().orElseThrow();
  }

  HttpResponse<String> getAnyStatus(String path, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String token, String contentType, String body)
      throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The Flink jobs (on the local MiniCluster) turned the demo into OEE, SPC, energy and health results that
   * analytics-service serves through the gateway. The demo machines run at 88-96 % of their ideal rate
   * and scrap or rework about 1.4 % of parts: OEE's performance and quality must say so.
   */
  void assertAnalyticsSeeTheDemoPlant(java.time.Instant start) throws Exception {
    String manager = platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "manager",
        BrainRealm.demoPassword("manager"));
    JsonNode jobs = JSON.readTree(get("/api/v1/analytics/jobs", manager).body());
    assertThat(jobs.valueStream().filter(j -> j.path("state").asString().equals("RUNNING")).count()).isEqualTo(6);
    // a source that sends a record twice: the OEE job counts the second one as a duplicate, in the API
    String at = start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    String report = "[{\"id\":\"MES-A-DUP-1\",\"entity\":\"operation-report\",\"schemaVersion\":1,"
        + "\"source\":{\"system\":\"MES-A\",\"kind\":\"MES\"},\"plant\":\"hz-01\",\"occurredAt\":\"" + at + "\","
        + "\"payload\":{\"workOrder\":\"WO-DUP\",\"equipment\":\"CNC-A01\",\"operation\":\"0010\",\"good\":1,"
        + "\"scrap\":0,\"start\":\"" + at + "\",\"end\":\"" + at + "\"}}]";
    for (int i = 0; i < 2; i++) {
      assertThat(post(connection.token(), report).statusCode()).isEqualTo(200);
    }
    long duplicates = 0;
    long countersDeadline = System.currentTimeMillis() + 60_000; // Flink's REST API refreshes metrics every 10 s
    while (duplicates == 0 && System.currentTimeMillis() < countersDeadline) {
      Thread.sleep(2000);
      duplicates = JSON.readTree(get("/api/v1/analytics/jobs", manager).body()).valueStream()
          .filter(j -> j.path("name").asString().equals("brain-analytics-oee"))
          .mapToLong(j -> j.path("duplicateRecords").asLong()).sum();
    }
    assertThat(duplicates).as("duplicates the OEE job counted").isPositive();
    String range = "from=" + start.minus(Duration.ofHours(1)) + "&to=" + java.time.Instant.now().plusSeconds(60);
    // hours complete when the watermark passes them: after the demo stops, once its idle partitions time out
    JsonNode lines = null;
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
          + "/api/v1/analytics/oee?plant=hz-01&level=line&" + range)).header("Authorization", "Bearer " + manager)
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      // 503 while the result index is being created (its shard not yet started): the service says retry
      if (response.statusCode() == 200) {
        lines = JSON.readTree(response.body());
        if (lines.size() >= 4) {
          break;
        }
      } else {
        assertProblem(response, 503);
      }
      Thread.sleep(2000);
    }
    assertThat(lines.valueStream().map(l -> l.path("line").asString()).distinct().toList())
        .containsExactlyInAnyOrder("LINE-A", "LINE-B");
    assertThat(lines.valueStream().filter(l -> l.path("line").asString().equals("LINE-A") && l.has("bottleneck"))
        .map(l -> l.path("bottleneck").asString()).toList()).allMatch(b -> b.startsWith("CNC-A0"));
    JsonNode total = JSON.readTree(get("/api/v1/analytics/oee/summary?plant=hz-01&" + range, manager).body()).path("total");
    // 88-96 % of the ideal rate; a run measured 0.979 once (the range's partial first hour, see the issue note)
    assertThat(total.path("performance").asDouble()).isBetween(0.85, 0.99);
    assertThat(total.path("quality").asDouble()).isBetween(0.95, 1.0);
    assertThat(total.path("availability").asDouble()).isBetween(0.3, 1.0);

    JsonNode characteristics = JSON.readTree(get("/api/v1/analytics/spc/characteristics?plant=hz-01&" + range, manager).body());
    assertThat(characteristics.valueStream().map(c -> c.path("characteristic").asString()).distinct().toList())
        .contains("D-12.00", "T-8.50");
    JsonNode energy = JSON.readTree(get("/api/v1/analytics/energy/summary?plant=hz-01&" + range, manager).body());
    assertThat(energy.path("media").valueStream().map(m -> m.path("medium").asString()).toList())
        .contains("electricity", "compressed-air");
    assertThat(energy.path("kwhPerGoodUnit").asDouble()).isPositive();
    assertThat(energy.path("co2Kg").asDouble()).isPositive();
    // the demo's time-of-use prices (DemoSettings): electricity hours carry their cost
    JsonNode electricity = JSON.readTree(get("/api/v1/analytics/energy?plant=hz-01&medium=electricity&" + range,
        manager).body());
    assertThat(electricity.valueStream().filter(h -> h.path("cost").asDouble() > 0
        && h.path("currency").asString("").equals("CNY")).count()).isPositive();
    // the demo's routings (DemoSettings): the complex variant's five operations, timed 12 % above the machines'
    JsonNode routing = JSON.readTree(get("/api/v1/analytics/oee/routings?plant=hz-01&product=4000124", manager).body());
    assertThat(routing.get(0).path("operations")).hasSize(5);
    assertThat(routing.get(0).path("operations").get(0).path("idealCycleSeconds").asDouble())
        .isCloseTo(42 * 1.12, within(1e-9));
    JsonNode health = JSON.readTree(get("/api/v1/analytics/health?plant=hz-01&equipment=CNC-A01&" + range, manager).body());
    assertThat(health.valueStream().map(h -> h.path("signal").asString()).distinct().toList())
        .contains("spindle.temperature", "spindle.vibration");
    get("/api/v1/analytics/alerts?plant=hz-01&" + range, manager);
    assertAShippedLotTracesBackToItsSupplierAndTheSupplierLotsRecallReachesTheCustomer(manager);
    // the MES's plans against its actuals: every completed order attained something, each line's day adds them
    JsonNode attainment = JSON.readTree(get("/api/v1/analytics/attainment?plant=hz-01&from="
        + start.minus(Duration.ofDays(1)) + "&to=" + java.time.Instant.now().plus(Duration.ofDays(1)), manager).body());
    assertThat(attainment.path("orders").valueStream().filter(o -> o.path("responses").asInt() > 0).toList())
        .isNotEmpty().allSatisfy(o -> assertThat(o.path("attainment").asDouble()).as(o.toString()).isPositive());
    assertThat(attainment.path("days").valueStream().map(d -> d.path("line").asString()).distinct().toList())
        .contains("LINE-A", "LINE-B");
    // analytics-service registered the jobs in the catalog's lineage: topic → job → result index
    JsonNode lineage = null;
    long lineageDeadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < lineageDeadline) {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
          + "/api/v1/catalog/lineage?node=job:analytics-oee&depth=1")).header("Authorization", "Bearer " + manager)
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        lineage = JSON.readTree(response.body());
        break;
      }
      Thread.sleep(1000);
    }
    assertThat(lineage).as("lineage of job:analytics-oee").isNotNull();
    assertThat(lineage.path("nodes").valueStream().map(n -> n.path("id").asString()).toList())
        .contains("topic:brain.production.operation-report.v1", "index:brain-analytics-oee");
    HttpResponse<String> foreign = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
        + "/api/v1/analytics/oee?plant=nb-02")).header("Authorization", "Bearer " + manager).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertProblem(foreign, 403);
  }

  /**
   * The genealogy job linked the demo's lots: a shipped assembly lot traces back through the machined lot it
   * consumed to the day's supplier lot, its purchase order and the supplier, with the machines and operators on the
   * way; that supplier lot's recall reaches the shipment and its customer.
   */
  void assertAShippedLotTracesBackToItsSupplierAndTheSupplierLotsRecallReachesTheCustomer(String manager)
      throws Exception {
    // the first assembly lots may be made of machined parts from stock (no lot of machining's yet): any shipment
    // of a lot made of one of machining's lots traces back to a supplier
    JsonNode shipment = null;
    String lot = null;
    java.util.Map<String, Integer> back = java.util.Map.of();
    long deadline = System.currentTimeMillis() + 90_000;
    while (!back.containsKey("supplier:V-2001") && System.currentTimeMillis() < deadline) {
      for (JsonNode record : JSON.readTree(get("/api/v1/catalog/datasets/shipment/records?plant=hz-01&limit=50",
          manager).body()).path("records")) {
        shipment = record.path("payload");
        lot = shipment.path("lines").path(0).path("lot").asString();
        back = traceLevels(get("/api/v1/analytics/genealogy/trace?plant=hz-01&id=" + lot, manager));
        if (back.containsKey("supplier:V-2001")) {
          break;
        }
      }
      Thread.sleep(2000);
    }
    assertThat(back).as("backward trace of " + lot).containsKey("supplier:V-2001");
    java.util.Map<String, Integer> traced = back;
    String supplierLot = traced.keySet().stream().filter(k -> k.startsWith("lot:S-1000456-")).findFirst().orElseThrow();
    assertThat(traced.keySet()).anyMatch(k -> k.startsWith("lot:LOT-") && traced.get(k) >= 1)
        .anyMatch(k -> k.startsWith("equipment:CNC-A0")).anyMatch(k -> k.startsWith("person:E"))
        .anyMatch(k -> k.startsWith("work-order:WO-")).anyMatch(k -> k.startsWith("purchase-order:PO-"));
    java.util.Map<String, Integer> recall = traceLevels(get("/api/v1/analytics/genealogy/trace?plant=hz-01&id="
        + supplierLot.substring(4) + "&direction=forward", manager));
    assertThat(recall).containsKey("lot:" + lot).containsKey("shipment:" + shipment.path("shipmentId").asString())
        .containsKey("customer:" + shipment.path("customer").asString());
  }

  static java.util.Map<String, Integer> traceLevels(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    java.util.Map<String, Integer> levels = new java.util.TreeMap<>();
    JSON.readTree(response.body()).path("nodes").forEach(n -> levels.put(n.path("kind").asString() + ":"
        + n.path("id").asString(), n.path("level").asInt()));
    return levels;
  }

  /** The catalog, fed from Kafka, lists the demo's datasets and masks its people for a manager. */
  void assertCatalogSeesTheDemoPlant() throws Exception {
    String manager = platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "manager",
        BrainRealm.demoPassword("manager"));
    JsonNode datasets = null;
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      datasets = JSON.readTree(get("/api/v1/catalog/datasets", manager).body());
      if (datasets.valueStream().anyMatch(d -> d.path("entity").asString().equals("employee"))
          && datasets.valueStream().anyMatch(d -> d.path("entity").asString().equals("operation-report"))) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(datasets.valueStream().map(d -> d.path("sourceSystem").asString() + "/" + d.path("entity").asString())
        .toList()).contains("HR-A/employee", "MES-A/operation-report", "ERP-A/equipment",
            // what the MES sent as B2MML, WMS's shipments, PLM's bills of materials and the stack's emissions
            "MES-A/production-schedule", "MES-A/production-performance", "MES-A/material-lot", "WMS-A/shipment",
            "PLM-A/bill-of-materials", "EHS-A/emission-reading");
    // a lot read back through the catalog names what it was made of
    JsonNode lots = JSON.readTree(get("/api/v1/catalog/datasets/material-lot/records?plant=hz-01&limit=20", manager)
        .body());
    assertThat(lots.path("records").valueStream().map(r -> r.path("payload"))
        .filter(l -> l.path("lotId").asString().startsWith("LOT-")).toList())
        .isNotEmpty().allSatisfy(l -> assertThat(l.path("assembledFrom").size()).isEqualTo(1));
    // the demo spoils a few records the way real interfaces do: the catalog sees them rejected
    long deadlineRejected = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadlineRejected
        && datasets.valueStream().mapToLong(d -> d.path("rejected").asLong()).sum() == 0) {
      Thread.sleep(500);
      datasets = JSON.readTree(get("/api/v1/catalog/datasets", manager).body());
    }
    assertThat(datasets.valueStream().mapToLong(d -> d.path("rejected").asLong()).sum()).isPositive();
    JsonNode reports = datasets.valueStream()
        .filter(d -> d.path("sourceSystem").asString().equals("MES-A") && d.path("entity").asString().equals("operation-report"))
        .findFirst().orElseThrow();
    assertThat(reports.path("qualityScore").asDouble()).isBetween(0.1, 1.0);
    assertThat(reports.path("freshnessSeconds").asLong()).isLessThan(300);
    JsonNode people = JSON.readTree(get("/api/v1/catalog/datasets/employee/records?plant=hz-01&limit=5", manager).body());
    assertThat(people.path("records").size()).isEqualTo(5);
    assertThat(people.path("records").get(0).path("payload").path("idNumber").asString()).contains("****");
    assertThat(people.path("maskedFields").valueStream().map(JsonNode::asString).toList()).contains("/idNumber");
  }

  /**
   * The demo CNC line's OPC UA server, connected and mapped as brain up does it through the gateway: the
   * machines' spindle speeds arrive as telemetry of the line's own source system, which the catalog lists.
   */
  void assertTheLinesStreamThroughTheirProtocols() throws Exception {
    String admin = platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "admin",
        BrainRealm.demoPassword("admin"));
    new org.enterprisebrain.cli.demo.DemoConnections(platform.gatewayUrl()).connect(admin, platform.opcUa(),
        platform.sparkplug(), platform.modbus(), new PrintStream(System.out, true, StandardCharsets.UTF_8));
    assertTheConnectionStreams(admin, org.enterprisebrain.cli.demo.DemoConnections.OPC_UA,
        org.enterprisebrain.cli.demo.DemoConnections.OPC_UA_SOURCE, 2 * platform.opcUa().machines().size());
    // Sparkplug B: the host asks the edge node, born before it came, for a rebirth and reads its metrics by alias
    JsonNode sparkplug = assertTheConnectionStreams(admin, org.enterprisebrain.cli.demo.DemoConnections.SPARKPLUG,
        org.enterprisebrain.cli.demo.DemoConnections.SPARKPLUG_SOURCE, 2 * platform.sparkplug().machines().size());
    assertThat(sparkplug.path("status").path("rebirthRequests").asLong()).isGreaterThanOrEqualTo(1);
    // Modbus: the utility meters' energy, polled every 5 s
    assertTheConnectionStreams(admin, org.enterprisebrain.cli.demo.DemoConnections.MODBUS,
        org.enterprisebrain.cli.demo.DemoConnections.MODBUS_SOURCE, 2 * org.enterprisebrain.cli.demo.DemoModbus.METERS
            .size());
  }

  /** The connection's records arrive (20 at least), none is refused and the catalog lists its telemetry. */
  JsonNode assertTheConnectionStreams(String admin, String id, String source, int tags) throws Exception {
    String path = org.enterprisebrain.standard.ApiSpec.load("connectors").path("getConnection", id);
    JsonNode connection = null;
    for (long until = System.currentTimeMillis() + 60_000; System.currentTimeMillis() < until; Thread.sleep(500)) {
      connection = JSON.readTree(get(path, admin).body());
      if (connection.path("status").path("records").asLong() >= 20) {
        break;
      }
    }
    assertThat(connection.path("status").path("state").asString()).as(connection.toString()).isEqualTo("connected");
    assertThat(connection.path("status").path("subscribedTags").asInt()).isEqualTo(tags);
    assertThat(connection.path("status").path("records").asLong()).as(connection.toString()).isGreaterThanOrEqualTo(20);
    // nothing refused a conversion; a Sparkplug B host drops (and counts) only what came before a birth it knows
    assertThat(connection.path("status").path("rejected").asLong()).as(connection.toString())
        .isLessThanOrEqualTo(connection.path("status").path("sequenceGaps").asLong());
    JsonNode datasets = null;
    for (long until = System.currentTimeMillis() + 60_000; System.currentTimeMillis() < until; Thread.sleep(500)) {
      datasets = JSON.readTree(get("/api/v1/catalog/datasets", admin).body());
      if (datasets.valueStream().anyMatch(d -> d.path("sourceSystem").asString().equals(source))) {
        break;
      }
    }
    System.out.printf("RESULT %s (%s): %d records from %d tags, %d rejected, state %s%n", id,
        connection.path("protocol").asString(), connection.path("status").path("records").asLong(),
        connection.path("status").path("subscribedTags").asInt(), connection.path("status").path("rejected").asLong(),
        connection.path("status").path("state").asString());
    assertThat(datasets.valueStream().map(d -> d.path("sourceSystem").asString() + "/" + d.path("entity").asString())
        .toList()).contains(source + "/telemetry");
    // the lineage runs source system → device connection → topic (the protocol conversion)
    String lineage = org.enterprisebrain.standard.ApiSpec.load("catalog").path("getLineage") + "?node="
        + java.net.URLEncoder.encode("device:" + id, StandardCharsets.UTF_8);
    List<String> edges = List.of();
    for (long until = System.currentTimeMillis() + 30_000; System.currentTimeMillis() < until; Thread.sleep(500)) {
      HttpResponse<String> view = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + lineage))
          .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (view.statusCode() == 200) {
        edges = JSON.readTree(view.body()).path("edges").valueStream()
            .map(e -> e.path("from").asString() + " → " + e.path("to").asString()).toList();
        break;
      }
    }
    assertThat(edges).contains("source:" + source + " → device:" + id,
        "device:" + id + " → topic:brain.equipment.telemetry.v1");
    return connection;
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  @Test
  void theGatewayTurnsAwayMissingForgedAndForeignTokens() throws Exception {
    String body = "[]";
    assertProblem(post(null, body), 401);
    String[] parts = connection.token().split("\\.");
    assertProblem(post(parts[0] + "." + parts[1] + ".c2lnbmF0dXJl", body), 401);
    // a real token of the same Keycloak, but of the master realm: wrong issuer
    assertProblem(post(platform.keycloak().adminToken(), body), 401);
    // a brain-realm token without the integrator role passes the gateway; the service refuses it
    String foreign = org.enterprisebrain.servers.KeycloakServer.tokenFrom(platform.keycloakUrl(), "brain",
        "catalog-reader", org.enterprisebrain.servers.BrainRealm.demoSecret("catalog-reader"));
    JsonNode forbidden = assertProblem(post(foreign, "[" + "{}" + "]"), 403);
    assertThat(forbidden.path("detail").asString()).contains("integrator");
  }

  @Test
  void brainIngestSendsACsvFileWithItsMapping() throws Exception {
    Path csv = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "readings", ".csv");
    String prefix = CSV_PREFIX + UUID.randomUUID().toString().substring(0, 8);
    StringBuilder text = new StringBuilder("id,occurredAt,电表,medium,读数,valueKind,unit,readAt\n");
    for (int i = 0; i < 25; i++) {
      text.append(prefix).append('-').append(i).append(",2026-11-24T08:00:00+08:00,EM-LINE-A,electricity,")
          .append(1000 + i).append(",cumulative,kWh,2026-11-24T08:00:00+08:00\n");
    }
    Files.writeString(csv, text);
    int exit = new CommandLine(new BrainCommand()).execute("ingest", csv.toString(), "-e", "energy-reading",
        "--batch", "10", "--mapping", "电表=meter,读数=value", "--plant", "hz-01", "--source-system", "EMS-A",
        "--source-kind", "EMS", "--gateway", platform.gatewayUrl(), "--keycloak", platform.keycloakUrl());
    assertThat(exit).isZero();
  }

  /**
   * A wide export (Microsoft's public Azure predictive-maintenance telemetry: one row per machine and hour, a column
   * per signal, local times) ingested with a mapping file: one telemetry record per signal, every one accepted (ids
   * of CSV_PREFIX, which the demo test's count of the topics leaves out).
   */
  @Test
  void brainIngestUnpivotsAWideExportWithAMappingFile() throws Exception {
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pdm");
    Path csv = Files.writeString(dir.resolve("PdM_telemetry.csv"), """
        datetime,machineID,volt,rotate,pressure,vibration
        2026-11-24 06:00:00,1,176.217853015625,418.504078221616,113.077935462083,45.0876857639276
        2026-11-24 07:00:00,1,162.87922289706,402.747489565395,95.4605253823187,43.4139726834815
        """);
    Path mapping = Files.writeString(dir.resolve("pdm.json"), """
        {"columns": {"machineID": "equipment"},
         "times": [{"column": "datetime", "format": "yyyy-MM-dd HH:mm:ss", "zone": "Asia/Shanghai",
                    "fields": ["sampledAt", "occurredAt"]}],
         "unpivot": {"columns": ["volt", "rotate", "pressure", "vibration"], "nameField": "signal",
                     "valueField": "value", "units": {"volt": "V", "rotate": "r/min", "pressure": "kPa",
                     "vibration": "mm/s"}},
         "id": {"prefix": "%s-", "columns": ["machineID", "datetime"]}}
        """.formatted(CSV_PREFIX + UUID.randomUUID().toString().substring(0, 8)));
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    PrintStream before = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = new CommandLine(new BrainCommand()).execute("ingest", csv.toString(), "-e", "telemetry", "--mapping-file",
          mapping.toString(), "--plant", "hz-01", "--source-system", "SCADA-A", "--source-kind", "SCADA",
          "--gateway", platform.gatewayUrl(), "--keycloak", platform.keycloakUrl());
    } finally {
      System.setOut(before);
    }
    assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("8 accepted, 0 rejected");
    // stored under a name, the next export (the logger's next hour) only names it
    String name = "pdm-" + UUID.randomUUID().toString().substring(0, 8);
    Path next = Files.writeString(dir.resolve("PdM_telemetry-next.csv"), """
        datetime,machineID,volt,rotate,pressure,vibration
        2026-11-24 08:00:00,1,170.0,410.0,100.0,44.0
        """);
    printed.reset();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      exit = new CommandLine(new BrainCommand()).execute("ingest", csv.toString(), "-e", "telemetry", "--mapping-file",
          mapping.toString(), "--save-mapping", name, "--plant", "hz-01", "--source-system", "SCADA-A",
          "--source-kind", "SCADA", "--gateway", platform.gatewayUrl(), "--keycloak", platform.keycloakUrl());
      assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isZero();
      exit = new CommandLine(new BrainCommand()).execute("ingest", next.toString(), "-e", "telemetry", "--mapping-name",
          name, "--plant", "hz-01", "--source-system", "SCADA-A", "--source-kind", "SCADA",
          "--gateway", platform.gatewayUrl(), "--keycloak", platform.keycloakUrl());
    } finally {
      System.setOut(before);
    }
    assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("stored file mapping '" + name + "'")
        .contains("4 accepted, 0 rejected");
  }

  @Test
  void brainClassifyGradesACsvSampleThroughTheGeneratedCatalogClient() throws Exception {
    Path csv = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "people", ".csv");
    java.util.Random r = new java.util.Random(3);
    StringBuilder text = new StringBuilder("工号,证件号码,联系电话,班组\n");
    for (int i = 0; i < 20; i++) {
      text.append("E").append(2000 + i).append(',')
          .append(org.enterprisebrain.cli.demo.DemoFactory.residentId("330106", java.time.LocalDate.of(1980, 1, 1 + i), i))
          .append(',').append(org.enterprisebrain.cli.demo.DemoFactory.mobile(r)).append(",L1-A\n");
    }
    Files.writeString(csv, text);
    java.io.StringWriter out = new java.io.StringWriter();
    int exit = new CommandLine(new BrainCommand()).setOut(new java.io.PrintWriter(out)).execute("classify",
        csv.toString(), "-e", "employee", "--source", "HR-CLI", "--gateway", platform.gatewayUrl(), "--keycloak",
        platform.keycloakUrl());
    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString()).contains("employee: 20 records, 4 fields")
        .containsPattern("/extensions/证件号码 +20 +- +PRC_RESIDENT_ID +L3")
        .containsPattern("/extensions/联系电话 +20 +- +MOBILE_CN +L3");
  }

  HttpResponse<String> post(String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
        + "/api/v1/ingest/operation-report")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    return JSON.readTree(response.body());
  }

}
