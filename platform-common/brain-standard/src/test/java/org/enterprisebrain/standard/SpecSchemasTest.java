package org.enterprisebrain.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SpecSchemasTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final SpecSchemas CONNECTORS = SpecSchemas.load("connectors");

  static List<String> pointers(List<FieldError> errors) {
    return errors.stream().map(FieldError::pointer).toList();
  }

  @Test
  void aBodyIsCheckedAgainstTheSpecsOwnPatternsBoundsAndEnums() {
    assertThat(CONNECTORS.validate("ConnectionSpec", JSON.readTree("""
        {"id": "cnc-opcua", "plant": "hz-01", "sourceSystem": "SCADA-A", "protocol": "opc-ua",
         "endpoint": "opc.tcp://127.0.0.1:4840/brain", "securityPolicy": "basic256sha256"}"""))).isEmpty();
    List<FieldError> errors = CONNECTORS.validate("ConnectionSpec", JSON.readTree("""
        {"id": "-cnc", "plant": "HZ 01", "sourceSystem": "SCADA A", "protocol": "modbus",
         "securityPolicy": "basic128"}"""));
    assertThat(pointers(errors)).containsExactlyInAnyOrder("/id", "/plant", "/sourceSystem", "/protocol",
        "/securityPolicy", "/endpoint");
    assertThat(errors.stream().filter(e -> e.pointer().equals("/endpoint")).findFirst().orElseThrow().message())
        .contains("endpoint");
  }

  @Test
  void eachElementOfAnArrayIsNamedByItsPosition() {
    List<FieldError> errors = CONNECTORS.validateEach("TagMapping", JSON.readTree("""
        [{"tag": "ns=2;s=CNC-01.SpindleSpeed", "entity": "telemetry", "equipment": "CNC-01", "signal": "spindle.speed"},
         {"tag": "ns=2;s=CNC-01.State", "entity": "equipment-state", "equipment": "CNC-01", "samplingIntervalMs": 5,
          "deadband": -1, "states": {"RUNNING": "busy"}}]"""));
    assertThat(pointers(errors)).containsExactlyInAnyOrder("/1/samplingIntervalMs", "/1/deadband",
        "/1/states/RUNNING");
  }

  @Test
  void anUnknownSchemaIsTheCallersMistake() {
    assertThatThrownBy(() -> CONNECTORS.validate("NoSuchThing", JSON.createObjectNode()))
        .hasMessageContaining("NoSuchThing");
  }
}
