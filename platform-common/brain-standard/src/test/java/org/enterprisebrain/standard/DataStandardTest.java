package org.enterprisebrain.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DataStandardTest {

  static final DataStandard STANDARD = DataStandard.load();
  static final JsonMapper JSON = JsonMapper.builder().build();

  static JsonNode record(String payload) {
    return JSON.readTree("""
        {"id":"MES-A-1","entity":"equipment-state","schemaVersion":1,"source":{"system":"MES-A","kind":"MES"},
         "plant":"hz-01","occurredAt":"2026-11-24T08:00:00+08:00","payload":%s}""".formatted(payload));
  }

  @Test
  void everyEntityOfTheIssueIsPublishedWithTopicAndNaturalKey() {
    assertThat(STANDARD.entities()).extracting(EntityStandard::entity).contains("equipment", "material",
        "work-order", "operation-report", "quality-result", "equipment-state", "maintenance-event", "telemetry",
        "alarm", "energy-reading", "inventory-movement", "sales-order", "purchase-order", "supplier", "employee");
    EntityStandard state = STANDARD.entity("equipment-state").orElseThrow();
    assertThat(state.topic(1)).isEqualTo("brain.equipment.equipment-state.v1");
    assertThat(state.naturalKey()).containsExactly("equipment");
  }

  @Test
  void aValidRecordHasNoErrorsAndItsKeyIsPlantPlusNaturalKey() {
    JsonNode ok = record("{\"equipment\":\"CNC-07\",\"state\":\"down\",\"reasonCode\":\"M01\",\"since\":\"2026-11-24T07:55:00+08:00\"}");
    assertThat(STANDARD.validate("equipment-state", ok)).isEmpty();
    assertThat(STANDARD.partitionKey(STANDARD.entity("equipment-state").orElseThrow(), ok)).isEqualTo("hz-01|CNC-07");
  }

  @Test
  void everyErrorIsReportedWithAPointer() {
    JsonNode bad = record("{\"state\":\"dancing\",\"since\":\"yesterday\",\"colour\":\"red\"}");
    List<String> pointers = STANDARD.validate("equipment-state", bad).stream().map(FieldError::pointer).toList();
    assertThat(pointers).contains("/payload/equipment", "/payload/state", "/payload/since", "/payload/colour");
  }

  @Test
  void theEnvelopeAndTheEntityInThePathAreChecked() {
    JsonNode wrongEntity = JSON.readTree("{\"id\":\"x\",\"entity\":\"alarm\",\"schemaVersion\":9,\"payload\":{}}");
    List<String> pointers = STANDARD.validate("equipment-state", wrongEntity).stream().map(FieldError::pointer).toList();
    assertThat(pointers).contains("/entity", "/schemaVersion", "/source", "/plant", "/occurredAt");
    assertThat(STANDARD.validate("equipment-state", JSON.readTree("[1]"))).extracting(FieldError::pointer)
        .containsExactly("");
  }

  @Test
  void personalFieldsCarryTheHighestGrade() {
    EntityStandard employee = STANDARD.entity("employee").orElseThrow();
    assertThat(employee.hasPersonalFields()).isTrue();
    assertThat(employee.highestGrade()).isEqualTo(FieldClassification.Grade.L3);
    assertThat(employee.classification()).filteredOn(c -> c.pointer().equals("/idNumber"))
        .singleElement().satisfies(c -> assertThat(c.personal()).isTrue());
  }

  @Test
  void recordsCarryTheirFieldGradesHighestFirstLeavingL1Implicit() {
    String grades = STANDARD.entity("employee").orElseThrow().fieldGrades();
    assertThat(grades).startsWith("L3=/idNumber,/phone,/salaryGrade;L2=/employeeId,/name,");
    assertThat(grades).doesNotContain("/department").contains("/skills/-/certificate");
  }
}
