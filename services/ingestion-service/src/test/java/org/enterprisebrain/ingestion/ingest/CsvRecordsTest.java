package org.enterprisebrain.ingestion.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.enterprisebrain.standard.DataStandard;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CsvRecordsTest {

  @Test
  void quotedFieldsKeepCommasQuotesAndLineBreaks() {
    List<List<String>> rows = CsvRecords.parse("\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n");
    assertThat(rows).containsExactly(List.of("a", "b"), List.of("x, y", "say \"hi\"\nthere"));
  }

  @Test
  void columnsFillEnvelopeAndTypedPayload() {
    var entity = DataStandard.load().entity("operation-report").orElseThrow();
    List<JsonNode> records = new CsvRecords().toRecords(entity, "id,机台,good,plant\nR1,CNC-1,12,hz-02\nR2,CNC-2,x,\n",
        new CsvRecords.Defaults("机台=equipment", "hz-01", "MES-A", "MES", 1, null));
    assertThat(records).hasSize(2);
    assertThat(records.get(0).path("plant").asString()).isEqualTo("hz-02");
    assertThat(records.get(1).path("plant").asString()).isEqualTo("hz-01");
    assertThat(records.get(0).path("payload").path("good").isIntegralNumber()).isTrue();
    assertThat(records.get(1).path("payload").path("good").isString()).isTrue();
    assertThat(records.get(0).path("payload").path("equipment").asString()).isEqualTo("CNC-1");
    assertThat(records.get(0).path("source").path("system").asString()).isEqualTo("MES-A");
  }

  @Test
  void aBrokenMappingOrQuoteIsABadRequest() {
    var entity = DataStandard.load().entity("operation-report").orElseThrow();
    assertThatThrownBy(() -> new CsvRecords().toRecords(entity, "a\n1\n", new CsvRecords.Defaults("oops", null, null, null, 1, null)))
        .isInstanceOf(IngestionException.class).hasMessageContaining("mapping");
    assertThatThrownBy(() -> CsvRecords.parse("a\n\"open")).isInstanceOf(IngestionException.class);
  }
}
