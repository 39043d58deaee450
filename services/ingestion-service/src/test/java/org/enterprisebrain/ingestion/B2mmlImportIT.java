package org.enterprisebrain.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enterprisebrain.ingestion.IngestionApiIT.JSON;
import static org.enterprisebrain.ingestion.IngestionApiIT.mesToken;
import static org.enterprisebrain.ingestion.IngestionApiIT.problem;
import static org.enterprisebrain.ingestion.IngestionApiIT.readBack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * B2MML import against the real Kafka and Keycloak: MESA's public V0401 example documents (Courbon, from the
 * B2MML distribution) arrive on the standard topics; every bad document is a 400 naming the element with
 * nothing of it on Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class B2mmlImportIT {

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String V0600 = "http://www.mesa.org/xml/B2MML-V0600";

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    IngestionApiIT.servers(registry);
  }

  @Value("${local.server.port}")
  int port;

  HttpResponse<String> importDocument(String query, byte[] xml) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ingest/b2mml?" + query))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/xml")
        .header("Authorization", "Bearer " + mesToken())
        .POST(HttpRequest.BodyPublishers.ofByteArray(xml)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static byte[] example(String name) throws IOException {
    try (InputStream in = B2mmlImportIT.class.getResourceAsStream("/b2mml/" + name)) {
      return in.readAllBytes();
    }
  }

  static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void thePublicExampleDocumentsArriveOnTheStandardTopics() throws Exception {
    String system = "MES-A";
    JsonNode schedule = ok(importDocument("plant=hz-01&sourceSystem=" + system, example("PRO-20121210181416-27942.xml")));
    assertThat(schedule.path("document").path("release").asString()).isEqualTo("V0401");
    assertThat(schedule.path("document").path("verb").asString()).isEqualTo("Sync");
    assertThat(schedule.path("accepted").asInt()).isEqualTo(1);
    JsonNode result = schedule.path("results").path(0);
    assertThat(result.path("status").asString()).isEqualTo("accepted");
    assertThat(result.path("entity").asString()).isEqualTo("production-schedule");
    assertThat(result.path("topic").asString()).isEqualTo("brain.production.production-schedule.v1");
    assertThat(result.path("element").asString())
        .isEqualTo("/SyncProductionSchedule/DataArea/ProductionSchedule[1]/ProductionRequest[1]");
    String id = result.path("id").asString();
    assertThat(id).startsWith("MES-A:production-schedule:258456:");

    // the same document again: the same record id, so consumers see one record
    assertThat(ok(importDocument("plant=hz-01&sourceSystem=" + system, example("PRO-20121210181416-27942.xml")))
        .path("results").path(0).path("id").asString()).isEqualTo(id);
    List<ConsumerRecord<String, String>> onKafka = readBack("brain.production.production-schedule.v1", id, 2);
    assertThat(onKafka).hasSize(2).allSatisfy(r -> assertThat(r.key()).isEqualTo("hz-01|258456"));
    JsonNode payload = JSON.readTree(onKafka.get(0).value()).path("payload");
    assertThat(payload.path("product").asString()).isEqualTo("SO1215");
    assertThat(payload.path("segments").findValuesAsString("material")).contains("CRBN0001", "CRBN0002");

    for (String[] doc : new String[][] {
        {"PES-20121229115825-53107.xml", "production-performance"},
        {"MAT-20121210170256-CRBN0001.xml", "material"},
        {"LOT-20121210170718-0001L0001.xml", "material-lot"},
        {"INV-20121210175555-0001L0001_01.xml", "material-lot"}}) {
      JsonNode answer = ok(importDocument("plant=hz-01&sourceSystem=" + system, example(doc[0])));
      assertThat(answer.path("accepted").asInt()).as(doc[0]).isEqualTo(1);
      assertThat(answer.path("rejected").asInt()).as(doc[0]).isZero();
      assertThat(answer.path("results").path(0).path("entity").asString()).isEqualTo(doc[1]);
    }
    // sent a second time: the same id, the record once more (consumers keep one)
    String subLot = ok(importDocument("plant=hz-01&sourceSystem=" + system,
        example("INV-20121210175555-0001L0001_01.xml"))).path("results").path(0).path("id").asString();
    assertThat(readBack("brain.logistics.material-lot.v1", subLot, 2)).hasSize(2).allSatisfy(r -> {
      assertThat(r.key()).isEqualTo("hz-01|CRBN0001_LOT01_01");
      assertThat(JSON.readTree(r.value()).path("payload").path("parentLot").asString()).isEqualTo("CRBN0001_LOT01");
    });
  }

  @Test
  void aBadRecordIsRefusedAloneWithItsElementAndField() throws Exception {
    String lot = "LOT-" + UUID.randomUUID();
    String xml = """
        <SyncMaterialLot xmlns="%s"><ApplicationArea><Sender><LogicalID>MES-A</LogicalID></Sender>
        <CreationDateTime>2026-12-01T08:00:00</CreationDateTime></ApplicationArea><DataArea><Sync/>
        <MaterialLot><ID>%s-1</ID><MaterialDefinitionID>4000123</MaterialDefinitionID><Status>Released</Status>
          <Quantity><QuantityString>120</QuantityString><UnitOfMeasure>PCS</UnitOfMeasure></Quantity></MaterialLot>
        <MaterialLot><ID>%s-2</ID><Quantity><QuantityString>a dozen</QuantityString></Quantity></MaterialLot>
        </DataArea></SyncMaterialLot>""".formatted(V0600, lot, lot);
    JsonNode answer = ok(importDocument("plant=hz-01", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(answer.path("accepted").asInt()).isEqualTo(1);
    assertThat(answer.path("rejected").asInt()).isEqualTo(1);
    JsonNode rejected = answer.path("results").path(1);
    assertThat(rejected.path("element").asString()).isEqualTo("/SyncMaterialLot/DataArea/MaterialLot[2]");
    assertThat(rejected.path("errors").path(0).path("pointer").asString()).isEqualTo("/payload/quantity");
    // a date-time without an offset is read in the plant's zone (Asia/Shanghai by default)
    String accepted = answer.path("results").path(0).path("id").asString();
    assertThat(readBack("brain.logistics.material-lot.v1", accepted, 1)).singleElement().satisfies(r ->
        assertThat(JSON.readTree(r.value()).path("occurredAt").asString()).isEqualTo("2026-12-01T08:00:00+08:00"));
  }

  @Test
  void badDocumentsAreRefusedWholeNamingTheElement() throws Exception {
    String half = "HALF-" + UUID.randomUUID();
    // the first definition is fine, the document breaks after it: nothing of it is ingested
    String broken = ("<SyncMaterialDefinition xmlns=\"" + V0600 + "\"><DataArea><Sync/>"
        + "<MaterialDefinition><ID>" + half + "</ID><MaterialDefinitionProperty><ID>BaseUnitOfMeasure</ID><Value>"
        + "<ValueString>KG</ValueString></Value></MaterialDefinitionProperty></MaterialDefinition>"
        + "<MaterialDefinition><ID>second</ID></MaterialDefinitio></DataArea></SyncMaterialDefinition>");
    JsonNode malformed = problem(importDocument("plant=hz-01&sourceSystem=MES-A", broken.getBytes()), 400);
    assertThat(malformed.path("errors").path(0).path("pointer").asString())
        .isEqualTo("/SyncMaterialDefinition/DataArea/MaterialDefinition");
    assertThat(readBack("brain.master-data.material.v1", "MES-A:material:" + half, 0)).isEmpty();

    JsonNode laughs = problem(importDocument("plant=hz-01&sourceSystem=MES-A",
        example("billion-laughs.xml")), 400);
    assertThat(laughs.path("detail").asString()).contains("DOCTYPE is refused");
    JsonNode xxe = problem(importDocument("plant=hz-01&sourceSystem=MES-A", example("xxe.xml")), 400);
    assertThat(xxe.path("detail").asString()).doesNotContain("root:");

    JsonNode namespace = problem(importDocument("plant=hz-01&sourceSystem=MES-A",
        "<SyncProductionSchedule xmlns=\"urn:example\"><DataArea/></SyncProductionSchedule>".getBytes()), 400);
    assertThat(namespace.path("errors").path(0).path("pointer").asString()).isEqualTo("/SyncProductionSchedule");
    JsonNode verb = problem(importDocument("plant=hz-01&sourceSystem=MES-A",
        ("<CancelProductionSchedule xmlns=\"" + V0600 + "\"><DataArea/></CancelProductionSchedule>").getBytes()), 400);
    assertThat(verb.path("detail").asString()).contains("'Cancel' carries no records");

    // the Courbon documents name their sender DEV130, which the mes-a client may not send for
    JsonNode scope = problem(importDocument("plant=hz-01", example("MAT-20121210170256-CRBN0001.xml")), 403);
    assertThat(scope.path("errors").path(0).path("pointer").asString()).isEqualTo("/0/source/system");
    JsonNode zone = problem(importDocument("plant=hz-01&sourceSystem=MES-A&zone=Mars/Olympus",
        example("MAT-20121210170256-CRBN0001.xml")), 400);
    assertThat(zone.path("errors").path(0).path("pointer").asString()).isEqualTo("zone");
  }
}
