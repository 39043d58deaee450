package org.enterprisebrain.ingestion.b2mml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.enterprisebrain.ingestion.ingest.IngestionException;
import org.junit.jupiter.api.Test;

/** What the reader refuses, each as a 400 that names the element, before anything is bound. */
class B2mmlReaderTest {

  static final B2mmlReader READER = new B2mmlReader();
  static final String V0600 = "http://www.mesa.org/xml/B2MML-V0600";

  /** The billion laughs (OWASP XML External Entity Prevention Cheat Sheet): 10^9 "lol"s from 1 KiB. */
  static final String BILLION_LAUGHS = resource("billion-laughs.xml");
  /** An external entity that would read a local file into the document. */
  static final String XXE = resource("xxe.xml");

  static String resource(String name) {
    try {
      return new String(B2mmlMappingTest.resource(name), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static IngestionException refusal(String xml) {
    try {
      READER.read(xml.getBytes(StandardCharsets.UTF_8));
    } catch (IngestionException e) {
      return e;
    }
    throw new AssertionError("not refused: " + xml);
  }

  @Test
  void aDoctypeIsRefusedSoNoEntityIsEverExpanded() {
    for (String xml : new String[] {BILLION_LAUGHS, XXE}) {
      IngestionException e = refusal(xml);
      assertThat(e.status().value()).isEqualTo(400);
      assertThat(e.getMessage()).contains("DOCTYPE is refused");
      assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.pointer()).isEqualTo("/"));
    }
  }

  @Test
  void malformedXmlNamesTheElementWhereItBroke() {
    IngestionException e = refusal("<SyncProductionSchedule xmlns=\"" + V0600 + "\"><DataArea><ProductionSchedule>"
        + "<ID>1</Id></ProductionSchedule></DataArea></SyncProductionSchedule>");
    assertThat(e.getMessage()).startsWith("malformed XML at line 1");
    assertThat(e.errors().get(0).pointer()).isEqualTo("/SyncProductionSchedule/DataArea/ProductionSchedule/ID");
    assertThat(refusal("not xml at all").getMessage()).startsWith("malformed XML");
    assertThat(refusal("").getMessage()).contains("malformed XML");
  }

  @Test
  void aForeignNamespaceIsRefusedNamingTheRoot() {
    IngestionException e = refusal("<SyncProductionSchedule xmlns=\"urn:example:not-b2mml\"><DataArea/></SyncProductionSchedule>");
    assertThat(e.errors().get(0).pointer()).isEqualTo("/SyncProductionSchedule");
    assertThat(e.getMessage()).contains("urn:example:not-b2mml").contains("not a B2MML one");
    assertThat(refusal("<ProductionSchedule/>").getMessage()).contains("namespace ''");
  }

  @Test
  void anUnknownVerbOrAVerbWithoutDataOrANounNotMappedIsRefused() {
    assertThat(refusal("<FrobnicateProductionSchedule xmlns=\"" + V0600 + "\"/>").getMessage())
        .contains("<FrobnicateProductionSchedule> is neither a B2MML message");
    assertThat(refusal("<GetProductionSchedule xmlns=\"" + V0600 + "\"><DataArea/></GetProductionSchedule>").getMessage())
        .contains("the verb 'Get' carries no records");
    IngestionException noun = refusal("<SyncWorkCalendar xmlns=\"" + V0600 + "\"><DataArea/></SyncWorkCalendar>");
    assertThat(noun.getMessage()).contains("<SyncWorkCalendar> is not a noun the import maps, nor verb 'Sync' with one");
    assertThat(noun.errors().get(0).pointer()).isEqualTo("/SyncWorkCalendar");
    // a noun that starts like a verb is named as a whole
    assertThat(refusal("<ProcessSegment xmlns=\"" + V0600 + "\"><ID>P</ID></ProcessSegment>").getMessage())
        .contains("<ProcessSegment> is not a noun the import maps");
  }

  @Test
  void aBareNounAtTheRootIsReadLikeAMessage() {
    B2mmlReader.Parsed parsed = READER.read(("<ProductionPerformance xmlns=\"" + V0600 + "\"><ID>P1</ID>"
        + "<ProductionResponse><ID>R1</ID><ProductionRequestID>WO-1</ProductionRequestID></ProductionResponse>"
        + "<ProductionResponse><ID>R2</ID></ProductionResponse></ProductionPerformance>").getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.verb()).isNull();
    assertThat(parsed.release()).isEqualTo(B2mmlReader.Release.V0600);
    assertThat(B2mmlMapping.map(parsed, B2mmlMappingTest.SHANGHAI)).extracting(B2mmlMapping.Mapped::element)
        .containsExactly("/ProductionPerformance/ProductionResponse[1]", "/ProductionPerformance/ProductionResponse[2]");
  }

  @Test
  void anXsiNilRootIsRefusedNotANullPointer() {
    String nil = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"";
    assertThat(refusal("<SyncMaterialLot xmlns=\"" + V0600 + "\" " + nil + "/>").getMessage())
        .contains("the message has no DataArea");
    // a bare nil lot is a lot without an ID: one record, which the standard refuses naming lotId
    B2mmlReader.Parsed lot = READER.read(("<MaterialLot xmlns=\"" + V0600 + "\" " + nil + "/>")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(B2mmlMapping.map(lot, B2mmlMappingTest.SHANGHAI)).singleElement()
        .satisfies(r -> assertThat(r.payload().has("lotId")).isFalse());
  }

  @Test
  void aMessageCarriesTheNounItsRootNamesAndNoOther() {
    B2mmlReader.Parsed parsed = READER.read(("<SyncMaterialLot xmlns=\"" + V0600 + "\"><DataArea><Sync/>"
        + "<MaterialLot><ID>L1</ID><Status>Released</Status></MaterialLot>"
        + "<Person><ID>E1</ID></Person></DataArea></SyncMaterialLot>").getBytes(StandardCharsets.UTF_8));
    assertThat(B2mmlMapping.map(parsed, B2mmlMappingTest.SHANGHAI)).extracting(B2mmlMapping.Mapped::entity)
        .containsExactly("material-lot");
  }
}
