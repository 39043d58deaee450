package org.enterprisebrain.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.FieldError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class DemoFactoryTest {

  static final DataStandard STANDARD = DataStandard.load();

  @Test
  void residentIdsCarryTheirGb11643CheckCharacter() {
    // the example of GB 11643-1999 itself
    assertThat(DemoFactory.residentId("110105", LocalDate.of(1949, 12, 31), 2)).isEqualTo("11010519491231002X");
  }

  @Test
  void everyRecordFollowsTheStandardExceptTheDeliberatelySpoiledOnes() {
    DemoFactory factory = new DemoFactory(42, Instant.parse("2026-11-24T00:30:00Z"));
    List<DemoFactory.Batch> batches = new ArrayList<>(factory.masterData());
    assertThat(batches).extracting(DemoFactory.Batch::entity).contains("equipment", "work-order", "employee");
    for (int i = 0; i < 60; i++) {
      batches.addAll(factory.tick(Duration.ofMinutes(1)));
    }
    int invalid = 0;
    for (DemoFactory.Batch batch : batches) {
      for (ObjectNode record : batch.records()) {
        List<FieldError> errors = STANDARD.validate(batch.entity(), record);
        if (!errors.isEmpty()) {
          invalid++;
        }
      }
    }
    assertThat(invalid).isEqualTo(factory.badRecordsSoFar());
    ObjectNode employee = batches.stream().filter(b -> b.entity().equals("employee")).findFirst().orElseThrow()
        .records().get(0);
    assertThat(employee.path("payload").path("extensions").path("工资卡号").asString()).startsWith("6222").hasSize(19);
  }

  @Test
  void theMesSendsSchedulesAndOnCompletionThePerformanceAndTheLotItMade() throws Exception {
    DemoFactory factory = new DemoFactory(42, Instant.parse("2026-11-24T00:30:00Z"));
    factory.masterData();
    List<DemoB2mml.Document> documents = new ArrayList<>(factory.documents());
    assertThat(documents).extracting(DemoB2mml.Document::name).allMatch(n -> n.startsWith("SyncProductionSchedule-"))
        .hasSize(4);
    assertThat(factory.documents()).as("drained").isEmpty();
    List<DemoFactory.Batch> batches = new ArrayList<>();
    List<DemoFactory.Export> exports = new ArrayList<>();
    for (int i = 0; i < 6 * 60; i++) {
      batches.addAll(factory.tick(Duration.ofMinutes(1)));
      documents.addAll(factory.documents());
      exports.addAll(factory.exports());
    }
    // the coolant logger's hourly file: three machines every 10 minutes, in °F and local time, with its mapping
    assertThat(exports).hasSize(6).allSatisfy(e -> {
      assertThat(e.csv().lines().toList()).hasSize(1 + 6 * 3).first().isEqualTo("时间,机台,冷却液温度(F),浓度(%),pH");
      assertThat(e.csv().lines().skip(1)).allMatch(l -> l.matches("\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2},CNC-A0[1-3],[0-9.]+,[0-9.]+,[0-9.]+"));
      assertThat(e.mapping()).contains("\"unpivot\"");
    });
    var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    xml.setNamespaceAware(true);
    List<org.w3c.dom.Document> performances = new ArrayList<>();
    List<org.w3c.dom.Document> lots = new ArrayList<>();
    for (DemoB2mml.Document d : documents) {
      org.w3c.dom.Document dom = xml.newDocumentBuilder().parse(new org.xml.sax.InputSource(
          new java.io.StringReader(d.xml())));
      assertThat(dom.getDocumentElement().getNamespaceURI()).isEqualTo(DemoB2mml.NAMESPACE);
      switch (dom.getDocumentElement().getLocalName()) {
        case "SyncProductionPerformance" -> performances.add(dom);
        case "SyncMaterialLot" -> lots.add(dom);
        default -> assertThat(dom.getDocumentElement().getLocalName()).isEqualTo("SyncProductionSchedule");
      }
    }
    // both lines completed orders within six hours: each completion is one performance and one lot
    assertThat(performances).hasSizeGreaterThanOrEqualTo(2).hasSameSizeAs(lots);
    for (org.w3c.dom.Document lot : lots) {
      String id = text(lot, "ID");
      assertThat(id).startsWith("LOT-");
      assertThat(text(lot, "AssemblyLotID")).as("made of a lot").isNotBlank();
    }
    // assembly consumes what machining made: a lot of LINE-A is named as assembly's source
    List<String> machined = lots.stream().filter(l -> text(l, "MaterialDefinitionID").startsWith("4"))
        .map(l -> text(l, "ID")).toList();
    List<String> assemblySources = lots.stream().filter(l -> text(l, "MaterialDefinitionID").startsWith("5"))
        .map(l -> text(l, "AssemblyLotID")).toList();
    assertThat(machined).isNotEmpty();
    assertThat(assemblySources).anyMatch(machined::contains);
    // and what assembly made leaves as shipments naming the lot: a recall reaches the customer
    List<String> assembled = lots.stream().filter(l -> text(l, "MaterialDefinitionID").startsWith("5"))
        .map(l -> text(l, "ID")).toList();
    List<String> shipped = batches.stream().filter(b -> b.entity().equals("shipment"))
        .flatMap(b -> b.records().stream()).map(r -> r.path("payload").path("lines").path(0).path("lot").asString())
        .toList();
    assertThat(shipped).isNotEmpty().isEqualTo(assembled);
    assertThat(batches).extracting(DemoFactory.Batch::entity).contains("emission-reading", "safety-event");
    // machining's supplier lots were ordered and received first: a trace back reaches the supplier
    List<String> supplierLots = lots.stream().filter(l -> text(l, "MaterialDefinitionID").startsWith("4"))
        .map(l -> text(l, "AssemblyLotID")).distinct().toList();
    List<ObjectNode> receipts = batches.stream().filter(b -> b.entity().equals("inventory-movement"))
        .flatMap(b -> b.records().stream()).toList();
    assertThat(receipts).extracting(r -> r.path("payload").path("lot").asString())
        .containsExactlyInAnyOrderElementsOf(supplierLots);
    List<String> orders = batches.stream().filter(b -> b.entity().equals("purchase-order"))
        .flatMap(b -> b.records().stream()).map(r -> r.path("payload").path("purchaseOrder").asString()).toList();
    assertThat(receipts).extracting(r -> r.path("payload").path("reference").asString())
        .containsExactlyInAnyOrderElementsOf(orders);
    // and who worked each operation is in the performance
    for (org.w3c.dom.Document performance : performances) {
      assertThat(performance.getElementsByTagNameNS(DemoB2mml.NAMESPACE, "PersonID").getLength())
          .isEqualTo(performance.getElementsByTagNameNS(DemoB2mml.NAMESPACE, "SegmentResponse").getLength());
    }
  }

  private static String text(org.w3c.dom.Document dom, String element) {
    var nodes = dom.getElementsByTagNameNS(DemoB2mml.NAMESPACE, element);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
  }
}
