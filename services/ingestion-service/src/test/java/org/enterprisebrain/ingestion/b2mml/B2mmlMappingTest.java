package org.enterprisebrain.ingestion.b2mml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public B2MML V0401 example documents of MESA's B2MML distribution (github.com/MESAInternational/
 * B2MML-BatchML, Examples/Courbon B2MML v0401 Example XML Files.zip, unchanged: UTF-8 with a byte-order mark)
 * mapped onto the data standard; expected values read off the documents by hand.
 */
class B2mmlMappingTest {

  static final B2mmlReader READER = new B2mmlReader();
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  static byte[] resource(String name) throws IOException {
    try (InputStream in = B2mmlMappingTest.class.getResourceAsStream("/b2mml/" + name)) {
      return in.readAllBytes();
    }
  }

  static List<B2mmlMapping.Mapped> map(String name) throws IOException {
    return B2mmlMapping.map(READER.read(resource(name)), SHANGHAI);
  }

  @Test
  void aProductionScheduleBecomesOneRequestWithItsProductAndFlattenedSegments() throws IOException {
    B2mmlReader.Parsed parsed = READER.read(resource("PRO-20121210181416-27942.xml"));
    assertThat(parsed.release()).isEqualTo(B2mmlReader.Release.V0401);
    assertThat(parsed.verb()).isEqualTo("Sync");
    assertThat(parsed.noun()).isEqualTo("ProductionSchedule");
    List<B2mmlMapping.Mapped> records = B2mmlMapping.map(parsed, SHANGHAI);
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.entity()).isEqualTo("production-schedule");
      assertThat(r.element()).isEqualTo("/SyncProductionSchedule/DataArea/ProductionSchedule[1]/ProductionRequest[1]");
      assertThat(r.key()).isEqualTo("258456");
      assertThat(r.occurredAt()).isEqualTo("2009-12-10T17:14:16Z");
      assertThat(r.payload().path("product").asString()).isEqualTo("SO1215");
      assertThat(r.payload().path("quantity").decimalValue()).isEqualByComparingTo("1.000");
      assertThat(r.payload().path("unit").asString()).isEqualTo("KG");
      var segments = r.payload().path("segments");
      assertThat(segments.get(0).path("segment").asString()).isEqualTo("0010");
      assertThat(segments.get(1).path("segment").asString()).isEqualTo("Weighing");
      assertThat(segments.get(1).path("parent").asString()).isEqualTo("0010");
      assertThat(segments.get(1).path("parameters").get(0).path("name").asString()).isEqualTo("Center");
      assertThat(segments.get(1).path("parameters").get(0).path("value").asString()).isEqualTo("3");
      var consumed = segments.get(1).path("materials").get(0);
      assertThat(consumed.path("material").asString()).isEqualTo("CRBN0001");
      assertThat(consumed.path("use").asString()).isEqualTo("consumed");
      assertThat(consumed.path("quantity").decimalValue()).isEqualByComparingTo("5");
      assertThat(consumed.path("equipment").asString()).isEqualTo("BOX3");
    });
  }

  @Test
  void aProductionPerformanceBecomesOneResponseWithTheLotsItConsumed() throws IOException {
    assertThat(map("PES-20121229115825-53107.xml")).singleElement().satisfies(r -> {
      assertThat(r.entity()).isEqualTo("production-performance");
      assertThat(r.key()).isEqualTo("53107");
      assertThat(r.occurredAt()).isEqualTo("2012-11-29T11:58:25.3149559+01:00");
      var material = r.payload().path("segments").get(0).path("materials").get(0);
      assertThat(material.path("lot").asString()).isEqualTo("CRBN0001_LOT01");
      assertThat(material.path("subLot").asString()).isEqualTo("430147330000056734");
      assertThat(material.path("use").asString()).isEqualTo("consumed");
      assertThat(material.path("quantity").decimalValue()).isEqualByComparingTo("0.41");
      assertThat(material.path("properties")).hasSize(3);
      assertThat(r.payload().has("product")).as("nothing produced in this response").isFalse();
    });
  }

  @Test
  void materialInformationGivesTheLotAndTheSubLotAsLotRecords() throws IOException {
    assertThat(map("LOT-20121210170718-0001L0001.xml")).singleElement().satisfies(r -> {
      assertThat(r.entity()).isEqualTo("material-lot");
      assertThat(r.payload().path("lotId").asString()).isEqualTo("CRBN0001_LOT01");
      assertThat(r.payload().path("kind").asString()).isEqualTo("lot");
      assertThat(r.payload().path("status").asString()).isEqualTo("Valid");
      assertThat(r.payload().path("properties").get(0).path("name").asString()).isEqualTo("ExpiryDate");
    });
    // the lot element only names the lot its sub-lot belongs to: the sub-lot alone is a record
    assertThat(map("INV-20121210175555-0001L0001_01.xml")).singleElement().satisfies(r -> {
      assertThat(r.element()).endsWith("/MaterialInformation[1]/MaterialLot[1]/MaterialSubLot[1]");
      assertThat(r.payload().path("lotId").asString()).isEqualTo("CRBN0001_LOT01_01");
      assertThat(r.payload().path("kind").asString()).isEqualTo("sub-lot");
      assertThat(r.payload().path("parentLot").asString()).isEqualTo("CRBN0001_LOT01");
      assertThat(r.payload().path("status").asString()).isEqualTo("NotValid");
      assertThat(r.payload().path("quantity").decimalValue()).isEqualByComparingTo("24.910");
      assertThat(r.payload().path("unit").asString()).isEqualTo("KG");
    });
  }

  @Test
  void aMaterialDefinitionKeepsItsBaseUnitAndItsOtherPropertiesAsExtensions() throws IOException {
    assertThat(map("MAT-20121210170256-CRBN0001.xml")).singleElement().satisfies(r -> {
      assertThat(r.entity()).isEqualTo("material");
      assertThat(r.payload().path("materialId").asString()).isEqualTo("CRBN0001");
      assertThat(r.payload().path("name").asString()).isEqualTo("Product Courbon0001");
      assertThat(r.payload().path("baseUnit").asString()).isEqualTo("KG");
      assertThat(r.payload().path("type").asString()).isEqualTo("other");
      assertThat(r.payload().path("extensions").path("HazardousMaterialWarning").values())
          .extracting(n -> n.asString()).containsExactly("C", "XN");
    });
  }

  @Test
  void materialUseIsTheStandardsKebabCase() {
    assertThat(B2mmlMapping.useOf("Consumed")).isEqualTo("consumed");
    assertThat(B2mmlMapping.useOf("ReplacedAsset")).isEqualTo("replaced-asset");
    assertThat(B2mmlMapping.useOf(null)).isEqualTo("other");
  }

  @Test
  void v0600OperationsNounsOfProductionAreSchedulesAndPerformanceOthersAreRefused() {
    String v0600 = "http://www.mesa.org/xml/B2MML-V0600";
    B2mmlReader.Parsed parsed = READER.read(("""
        <ProcessOperationsSchedule xmlns="%s" releaseID="B2MML-V0600"><ApplicationArea><Sender><LogicalID>SAP-PRD</LogicalID>
        </Sender><CreationDateTime>2026-12-01T07:00:00+08:00</CreationDateTime></ApplicationArea><DataArea><Process/>
        <OperationsSchedule><ID>OS-1</ID><OperationsType>Production</OperationsType>
          <OperationsRequest><ID>000001004711</ID><OperationsType>Production</OperationsType>
            <StartTime>2026-12-01T08:00:00</StartTime><EndTime>2026-12-01T16:00:00</EndTime>
            <SegmentRequirement><ID>0010</ID><MaterialRequirement><MaterialDefinitionID>4000123</MaterialDefinitionID>
              <MaterialUse>Produced</MaterialUse><Quantity><QuantityString>500</QuantityString>
              <UnitOfMeasure>PCS</UnitOfMeasure></Quantity></MaterialRequirement></SegmentRequirement>
            <RequestState>Released</RequestState></OperationsRequest></OperationsSchedule></DataArea>
        </ProcessOperationsSchedule>""").formatted(v0600).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(parsed.noun()).isEqualTo("OperationsSchedule");
    assertThat(B2mmlMapping.map(parsed, SHANGHAI)).singleElement().satisfies(r -> {
      assertThat(r.entity()).isEqualTo("production-schedule");
      assertThat(r.element()).isEqualTo("/ProcessOperationsSchedule/DataArea/OperationsSchedule[1]/OperationsRequest[1]");
      assertThat(r.payload().path("productionRequest").asString()).isEqualTo("000001004711");
      assertThat(r.payload().path("product").asString()).isEqualTo("4000123");
      assertThat(r.payload().path("plannedStart").asString()).isEqualTo("2026-12-01T08:00:00+08:00");
    });

    B2mmlReader.Parsed maintenance = READER.read(("""
        <SyncOperationsPerformance xmlns="%s"><DataArea><Sync/><OperationsPerformance><ID>OP-9</ID>
        <OperationsType>Maintenance</OperationsType><OperationsResponse><ID>R-9</ID>
        <OperationsRequestID>MO-9</OperationsRequestID></OperationsResponse></OperationsPerformance></DataArea>
        </SyncOperationsPerformance>""").formatted(v0600).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> B2mmlMapping.map(maintenance, SHANGHAI))
        .isInstanceOfSatisfying(org.enterprisebrain.ingestion.ingest.IngestionException.class, e -> {
          assertThat(e.getMessage()).contains("OperationsType 'Maintenance' is not imported");
          assertThat(e.errors().get(0).pointer())
              .isEqualTo("/SyncOperationsPerformance/DataArea/OperationsPerformance[1]/OperationsType");
        });
  }

  /** Where V0600 types an element unlike V0401 (B2MML-V0600-Material.xsd, -Equipment.xsd, -OperationsPerformance). */
  @Test
  void v0600FormsOfStorageLocationEquipmentLevelAssemblyAndRepeatedIdsAreRead() {
    String v0600 = "http://www.mesa.org/xml/B2MML-V0600";
    B2mmlReader.Parsed lots = READER.read(("""
        <SyncMaterialLot xmlns="%s"><DataArea><Sync/><MaterialLot><ID>L-2</ID>
          <Description>first line
            second line</Description><StorageLocation>WH-A-01</StorageLocation>
          <Quantity><QuantityString>1E+999999999</QuantityString></Quantity>
          <AssemblyLotID><ID>L-1</ID></AssemblyLotID></MaterialLot></DataArea></SyncMaterialLot>""")
        .formatted(v0600).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(B2mmlMapping.map(lots, SHANGHAI)).singleElement().satisfies(r -> {
      assertThat(r.payload().path("location").asString()).isEqualTo("WH-A-01");
      assertThat(r.payload().path("assembledFrom").get(0).asString()).isEqualTo("L-1");
      assertThat(r.payload().path("description").asString()).isEqualTo("first line second line");
      // not a quantity a plant means: kept as text for the standard to refuse, never computed with
      assertThat(r.payload().path("quantity").isString()).isTrue();
    });
    B2mmlReader.Parsed equipment = READER.read(("""
        <SyncEquipment xmlns="%s"><DataArea><Sync/><Equipment><ID>HZ-01</ID>
          <EquipmentLevel><EquipmentElementLevel>Site</EquipmentElementLevel></EquipmentLevel>
          <Equipment><ID>MACH</ID><EquipmentLevel>Area</EquipmentLevel></Equipment></Equipment></DataArea>
        </SyncEquipment>""").formatted(v0600).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(B2mmlMapping.map(equipment, SHANGHAI)).extracting(r -> r.payload().path("level").asString())
        .containsExactly("site", "area");
    B2mmlReader.Parsed performance = READER.read(("""
        <SyncOperationsPerformance xmlns="%s"><DataArea><Sync/><OperationsPerformance><ID>OP</ID>
        <OperationsResponse><ID>R</ID><SegmentResponse><ID>0010</ID>
          <SegmentData><ID>spindle-load</ID><Value><ValueString>62</ValueString><UnitOfMeasure>%%</UnitOfMeasure></Value></SegmentData>
          <PersonnelActual><PersonID>E1</PersonID><PersonID>E2</PersonID></PersonnelActual>
          <EquipmentActual><EquipmentID>CNC-1</EquipmentID><EquipmentID>CNC-2</EquipmentID></EquipmentActual>
          <MaterialActual><MaterialDefinitionID>M</MaterialDefinitionID><MaterialUse>Replaced Asset</MaterialUse>
            <HierarchyScope><EquipmentID>WH-B</EquipmentID></HierarchyScope></MaterialActual>
        </SegmentResponse></OperationsResponse></OperationsPerformance></DataArea></SyncOperationsPerformance>""")
        .formatted(v0600).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(B2mmlMapping.map(performance, SHANGHAI)).singleElement().satisfies(r -> {
      var segment = r.payload().path("segments").get(0);
      assertThat(segment.path("personnel").findValuesAsString("person")).containsExactly("E1", "E2");
      assertThat(segment.path("equipment").asString()).isEqualTo("CNC-1");
      assertThat(segment.path("parameters").get(0).path("name").asString()).isEqualTo("spindle-load");
      assertThat(segment.path("materials").get(0).path("use").asString()).isEqualTo("replaced-asset");
      assertThat(segment.path("materials").get(0).path("equipment").asString()).isEqualTo("WH-B");
    });
  }
}
