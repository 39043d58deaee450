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
}
