package org.enterprisebrain.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.enterprisebrain.cli.LocalPlatform;
import org.enterprisebrain.security.OperationRoles;
import org.enterprisebrain.servers.BrainRealm;
import org.enterprisebrain.servers.KeycloakServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The B2MML import beside the JSON API on the same records, same platform, same run: a ProductionPerformance
 * document of 10,000 production responses (each a segment with its machine, operator, the lot consumed and the
 * lot produced) against a JSON batch of the 10,000 production-performance records the import makes of it. One
 * request at a time, as an MES sends a document; both alternate after a warm-up. Prints records/s, the
 * document sizes and the ratio.
 *
 * <p>Settings (system properties): bench.records (per document, default 10,000), bench.warmup (rounds of each,
 * default 5), bench.rounds (measured rounds of each, default 10).
 */
public final class B2mmlBench {

  static final JsonMapper JSON = JsonMapper.builder().build();

  public static void main(String[] args) throws Exception {
    int records = Integer.getInteger("bench.records", 10_000);
    int warmup = Integer.getInteger("bench.warmup", 5);
    int rounds = Integer.getInteger("bench.rounds", 10);
    try (LocalPlatform platform = BenchPlatform.start("brain-bench-b2mml")) {
      String token = KeycloakServer.tokenFrom(platform.keycloakUrl(), BrainRealm.NAME, "mes-a",
          BrainRealm.demoSecret("mes-a"));
      OperationRoles ingestion = OperationRoles.load("ingestion");
      URI b2mml = URI.create(platform.gatewayUrl() + ingestion.path("ingestB2mml") + "?plant=hz-01&sourceSystem=MES-A");
      URI json = URI.create(platform.gatewayUrl() + ingestion.path("ingestRecords", "production-performance"));
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      long xmlBytes = 0;
      long jsonBytes = 0;
      long xmlNanos = 0;
      long jsonNanos = 0;
      for (int round = 0; round < warmup + rounds; round++) {
        String run = "R" + round;
        byte[] document = document(run, records).getBytes(StandardCharsets.UTF_8);
        byte[] batch = batch(run, records).getBytes(StandardCharsets.UTF_8);
        long x = post(http, b2mml, token, "application/xml", document, records);
        long j = post(http, json, token, "application/json", batch, records);
        if (round >= warmup) {
          xmlNanos += x;
          jsonNanos += j;
          xmlBytes = document.length;
          jsonBytes = batch.length;
        }
      }
      double xmlRate = (double) records * rounds / (xmlNanos / 1e9);
      double jsonRate = (double) records * rounds / (jsonNanos / 1e9);
      System.out.println();
      System.out.printf(Locale.ROOT, "%-58s %12s %12s %7s%n", "", "records/s", "request MB", "ratio");
      System.out.printf(Locale.ROOT, "%-58s %,12.0f %12.1f %7.2f%n", "JSON API, production-performance batch of "
          + records, jsonRate, jsonBytes / 1e6, 1.0);
      System.out.printf(Locale.ROOT, "%-58s %,12.0f %12.1f %7.2f%n", "B2MML import, SyncProductionPerformance of "
          + records, xmlRate, xmlBytes / 1e6, xmlRate / jsonRate);
      System.out.println("(" + rounds + " rounds of each after " + warmup + " of warm-up, alternating, one request"
          + " at a time, until Kafka acknowledged every record; ratio = B2MML records/s ÷ JSON records/s)");
    }
  }

  /** Nanoseconds until the answer, which must report every record accepted. */
  static long post(HttpClient http, URI uri, String token, String type, byte[] body, int records) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
        .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    long elapsed = System.nanoTime() - t0;
    JsonNode answer = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    if (answer == null || answer.path("accepted").asInt() != records) {
      throw new IllegalStateException(uri.getPath() + " did not accept all " + records + " records (HTTP "
          + response.statusCode() + "): " + response.body().substring(0, Math.min(600, response.body().length())));
    }
    return elapsed;
  }

  /** Response i: request WO-i, machine, operator, a consumed supplier lot and the produced lot. */
  record Response(String id, String request, String equipment, String operator, String consumedLot,
      String producedLot, int quantity) {
    static Response of(String run, int i) {
      return new Response(run + "-PR-" + i, "WO-" + run + "-" + i, "CNC-A0" + (i % 5 + 1), "E" + (10001 + i % 40),
          "S-1000456-" + (i % 31), "LOT-" + run + "-" + i, 100 + i % 400);
    }
  }

  static String document(String run, int records) {
    StringBuilder xml = new StringBuilder(records * 900).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<SyncProductionPerformance xmlns=\"http://www.mesa.org/xml/B2MML-V0600\"><ApplicationArea><Sender>")
        .append("<LogicalID>MES-A</LogicalID></Sender><CreationDateTime>2026-12-07T08:00:00+08:00</CreationDateTime>")
        .append("</ApplicationArea><DataArea><Sync/><ProductionPerformance><ID>PP-").append(run).append("</ID>");
    for (int i = 0; i < records; i++) {
      Response r = Response.of(run, i);
      xml.append("<ProductionResponse><ID>").append(r.id()).append("</ID><ProductionRequestID>").append(r.request())
          .append("</ProductionRequestID><StartTime>2026-12-07T06:00:00+08:00</StartTime><EndTime>")
          .append("2026-12-07T07:30:00+08:00</EndTime><SegmentResponse><ID>0010</ID><ProcessSegmentID>0010")
          .append("</ProcessSegmentID><PersonnelActual><PersonID>").append(r.operator())
          .append("</PersonID></PersonnelActual><EquipmentActual><EquipmentID>").append(r.equipment())
          .append("</EquipmentID></EquipmentActual>")
          .append(actual("1000456", r.consumedLot(), "Consumed", r.quantity()))
          .append(actual("4000123", r.producedLot(), "Produced", r.quantity()))
          .append("</SegmentResponse><ResponseState>Completed</ResponseState></ProductionResponse>");
    }
    return xml.append("</ProductionPerformance></DataArea></SyncProductionPerformance>").toString();
  }

  private static String actual(String material, String lot, String use, int quantity) {
    return "<MaterialActual><MaterialDefinitionID>" + material + "</MaterialDefinitionID><MaterialLotID>" + lot
        + "</MaterialLotID><MaterialUse>" + use + "</MaterialUse><Quantity><QuantityString>" + quantity
        + "</QuantityString><UnitOfMeasure>PCS</UnitOfMeasure></Quantity></MaterialActual>";
  }

  /** The same responses as the records the import makes of them (B2mmlMapping), in one JSON batch. */
  static String batch(String run, int records) {
    List<String> out = new ArrayList<>(records);
    for (int i = 0; i < records; i++) {
      Response r = Response.of(run, i);
      out.add("{\"id\":\"MES-A:production-performance:" + r.id() + "\",\"entity\":\"production-performance\","
          + "\"schemaVersion\":1,\"source\":{\"system\":\"MES-A\",\"kind\":\"MES\"},\"plant\":\"hz-01\","
          + "\"occurredAt\":\"2026-12-07T07:30:00+08:00\",\"payload\":{\"productionResponse\":\"" + r.id()
          + "\",\"productionRequest\":\"" + r.request() + "\",\"performance\":\"PP-" + run + "\",\"product\":\"4000123\","
          + "\"quantity\":" + r.quantity() + ",\"unit\":\"PCS\",\"start\":\"2026-12-07T06:00:00+08:00\","
          + "\"end\":\"2026-12-07T07:30:00+08:00\",\"state\":\"Completed\",\"segments\":[{\"segment\":\"0010\","
          + "\"processSegment\":\"0010\",\"equipment\":\"" + r.equipment() + "\",\"personnel\":[{\"person\":\""
          + r.operator() + "\"}],\"materials\":[{\"material\":\"1000456\",\"use\":\"consumed\",\"quantity\":"
          + r.quantity() + ",\"unit\":\"PCS\",\"lot\":\"" + r.consumedLot() + "\"},{\"material\":\"4000123\","
          + "\"use\":\"produced\",\"quantity\":" + r.quantity() + ",\"unit\":\"PCS\",\"lot\":\"" + r.producedLot()
          + "\"}]}]}}");
    }
    return "[" + String.join(",", out) + "]";
  }
}
