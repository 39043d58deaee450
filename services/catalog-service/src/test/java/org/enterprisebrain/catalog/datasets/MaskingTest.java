package org.enterprisebrain.catalog.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.catalog.scheme.ProtectionPolicy;
import org.enterprisebrain.catalog.standards.EffectiveField;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class MaskingTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Map<Grade, ProtectionPolicy> POLICIES = Map.of(
      Grade.L2, new ProtectionPolicy(Grade.L2, ProtectionPolicy.Masking.PARTIAL, false, false, 90),
      Grade.L3, new ProtectionPolicy(Grade.L3, ProtectionPolicy.Masking.PARTIAL, true, true, 180));

  static EffectiveField field(String pointer, Grade grade) {
    return new EffectiveField(pointer, "personnel", grade, true, EffectiveField.Origin.LABEL, null, null);
  }

  @Test
  void partialMasksShowAtMostAThirdOfAValue() {
    ObjectNode payload = (ObjectNode) JSON.readTree("{\"phone\":\"13800000000\",\"account\":\"62220212\","
        + "\"id\":\"11010519491231002X\",\"grade\":\"P4\",\"code\":\"12345\"}");
    Masking.Outcome outcome = Masking.apply(payload, List.of(field("/phone", Grade.L3), field("/account", Grade.L3),
        field("/id", Grade.L3), field("/grade", Grade.L3), field("/code", Grade.L3)), Grade.L2, POLICIES);
    assertThat(payload.toString()).isEqualTo("{\"phone\":\"138****0000\",\"account\":\"******12\","
        + "\"id\":\"110***********002X\",\"grade\":\"**\",\"code\":\"*****\"}");
    assertThat(outcome.masked()).containsExactly("/account", "/code", "/grade", "/id", "/phone");
    assertThat(outcome.audited()).hasSize(5);
  }

  @Test
  void listsOfValuesAndNestedListsAreMaskedValueByValue() {
    ObjectNode payload = (ObjectNode) JSON.readTree("{\"extensions\":{\"mobiles\":[\"13800000000\",null,"
        + "\"13900000001\"]},\"skills\":[{\"certificate\":\"T330100000000\"},{\"skill\":\"WELDER\"}]}");
    Masking.apply(payload, List.of(field("/extensions/mobiles/-", Grade.L3),
        field("/skills/-/certificate", Grade.L3)), Grade.L2, POLICIES);
    assertThat(payload.toString()).isEqualTo("{\"extensions\":{\"mobiles\":[\"138****0000\",null,\"139****0001\"]},"
        + "\"skills\":[{\"certificate\":\"T33******0000\"},{\"skill\":\"WELDER\"}]}");
  }

  @Test
  void nothingAtOrBelowTheClearanceIsTouched() {
    ObjectNode payload = (ObjectNode) JSON.readTree("{\"phone\":\"13800000000\"}");
    Masking.Outcome outcome = Masking.apply(payload, List.of(field("/phone", Grade.L3)), Grade.L3, POLICIES);
    assertThat(payload.path("phone").asString()).isEqualTo("13800000000");
    assertThat(outcome.masked()).isEmpty();
    assertThat(outcome.audited()).containsExactly("/phone");
  }
}
