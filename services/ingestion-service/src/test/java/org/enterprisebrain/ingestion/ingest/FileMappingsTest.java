package org.enterprisebrain.ingestion.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.FieldError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FileMappingsTest {

  /**
   * The first rows of PdM_telemetry.csv of Microsoft's public Azure predictive-maintenance data set: one wide row per
   * machine and hour, four signals as columns, local times without a zone. Machine 2's 07:00 row lacks its pressure.
   */
  static final String PDM = """
      datetime,machineID,volt,rotate,pressure,vibration
      2015-01-01 06:00:00,1,176.217853015625,418.504078221616,113.077935462083,45.0876857639276
      2015-01-01 07:00:00,1,162.87922289706,402.747489565395,95.4605253823187,43.4139726834815
      2015-01-01 07:00:00,2,168.8,450.1,,39.9
      """;

  static final String MAPPING = """
      {"columns": {"machineID": "equipment"},
       "times": [{"column": "datetime", "format": "yyyy-MM-dd HH:mm:ss", "zone": "Asia/Shanghai",
                  "fields": ["sampledAt", "occurredAt"]}],
       "units": [{"column": "pressure", "factor": 6.894757}],
       "unpivot": {"columns": ["volt", "rotate", "pressure", "vibration"], "nameField": "signal", "valueField": "value",
                   "names": {"volt": "voltage", "rotate": "rotation.speed"},
                   "units": {"volt": "V", "rotate": "r/min", "pressure": "kPa", "vibration": "mm/s"}},
       "id": {"prefix": "PDM-", "columns": ["machineID", "datetime"]},
       "constants": {"quality": "good"}}
      """;

  @Test
  void aWideRowPerTimestampBecomesOneValidTelemetryRecordPerSignal() {
    var standard = DataStandard.load();
    var entity = standard.entity("telemetry").orElseThrow();
    List<JsonNode> records = new CsvRecords().toRecords(entity, PDM,
        new CsvRecords.Defaults(null, "hz-01", "PDM-A", "SCADA", 1, FileMappings.parse(MAPPING)));
    assertThat(records).hasSize(4 + 4 + 3); // the missing pressure is no record
    for (JsonNode record : records) {
      assertThat(standard.validate("telemetry", record)).as(record.toString()).isEmpty();
    }
    JsonNode first = records.get(0);
    assertThat(first.path("id").asString()).isEqualTo("PDM-1-2015-01-01060000-voltage");
    assertThat(first.path("occurredAt").asString()).isEqualTo("2015-01-01T06:00:00+08:00");
    JsonNode p = first.path("payload");
    assertThat(p.path("equipment").asString()).isEqualTo("1");
    assertThat(p.path("signal").asString()).isEqualTo("voltage");
    assertThat(p.path("value").decimalValue()).isEqualByComparingTo("176.217853015625");
    assertThat(p.path("unit").asString()).isEqualTo("V");
    assertThat(p.path("sampledAt").asString()).isEqualTo("2015-01-01T06:00:00+08:00");
    assertThat(p.path("quality").asString()).isEqualTo("good");
    assertThat(p.has("datetime")).as("the time column is now the fields it filled").isFalse();
    // pressure converted: 113.077935462083 × 6.894757 kPa per psi
    JsonNode pressure = records.get(2).path("payload");
    assertThat(pressure.path("signal").asString()).isEqualTo("pressure");
    assertThat(pressure.path("value").decimalValue())
        .isEqualByComparingTo(new java.math.BigDecimal("113.077935462083").multiply(new java.math.BigDecimal("6.894757")));
    assertThat(records.get(8).path("id").asString()).isEqualTo("PDM-2-2015-01-01070000-voltage");
    assertThat(records).extracting(r -> r.path("payload").path("signal").asString()).filteredOn("pressure"::equals)
        .hasSize(2);
  }

  @Test
  void aTimeNotInThePatternStaysAsSentAndTheStandardRefusesThatRecordOnly() {
    var standard = DataStandard.load();
    var entity = standard.entity("telemetry").orElseThrow();
    List<JsonNode> records = new CsvRecords().toRecords(entity, PDM.replace("2015-01-01 07:00:00,2", "1/1/2015 7:00,2"),
        new CsvRecords.Defaults(null, "hz-01", "PDM-A", "SCADA", 1, FileMappings.parse(MAPPING)));
    assertThat(records).hasSize(11);
    assertThat(standard.validate("telemetry", records.get(10))).extracting(FieldError::pointer).contains("/occurredAt");
    assertThat(standard.validate("telemetry", records.get(0))).isEmpty();
  }

  @Test
  void aMappingThatCannotWorkIsRefusedNamingItsField() {
    assertThat(pointers("{\"times\": [{\"column\": \"t\", \"format\": \"yyyy\", \"zone\": \"Mars/Olympus\"}]}"))
        .containsExactly("fileMapping/times/0/zone");
    assertThat(pointers("{\"times\": [{\"column\": \"t\", \"format\": \"yyyy-bb\", \"zone\": \"UTC\"}]}"))
        .containsExactly("fileMapping/times/0/format");
    assertThat(pointers("{\"unpivot\": {\"columns\": [\"a\"], \"nameField\": \"signal\"}}"))
        .containsExactly("fileMapping/unpivot/valueField");
    assertThat(pointers("{\"rename\": {}}")).containsExactly("fileMapping/rename");
    assertThat(pointers("{not json")).containsExactly("fileMapping");
    assertThat(FileMappings.parse(" ")).isNull();
  }

  static List<String> pointers(String mapping) {
    try {
      FileMappings.parse(mapping);
    } catch (IngestionException e) {
      return e.errors().stream().map(FieldError::pointer).toList();
    }
    throw new AssertionError("accepted: " + mapping);
  }
}
