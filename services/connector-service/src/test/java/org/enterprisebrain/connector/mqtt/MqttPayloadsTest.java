package org.enterprisebrain.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.enterprisebrain.connector.connections.TagBinding;
import org.junit.jupiter.api.Test;

class MqttPayloadsTest {

  static TagBinding binding(String valuePointer, String timePointer) {
    return new TagBinding("hz-01/line-c/OVEN-01/temperature", "telemetry", "OVEN-01", "oven.temperature", "Cel", 1, 0,
        1000, null, Map.of(), null, null, valuePointer, timePointer, null);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aBarePayloadIsANumberABooleanOrText() throws Exception {
    assertThat(MqttPayloads.value(binding(null, null), utf8(" 181.5\n")).value()).isEqualTo(181.5);
    assertThat(MqttPayloads.value(binding(null, null), utf8("true")).value()).isEqualTo(true);
    assertThat(MqttPayloads.value(binding(null, null), utf8("RUNNING")).value()).isEqualTo("RUNNING");
    assertThat(MqttPayloads.value(binding(null, null), utf8("RUNNING")).sourceTime()).isNull();
  }

  @Test
  void aJsonPayloadIsReadAtItsPointers() throws Exception {
    var value = MqttPayloads.value(binding("/data/t", "/ts"), utf8("{\"data\": {\"t\": 75.25}, \"ts\": 1796601600000}"));
    assertThat(value.value()).isEqualTo(75.25);
    assertThat(value.sourceTime()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    var text = MqttPayloads.value(binding("/state", "/at"), utf8("{\"state\": \"IDLE\", \"at\": \"2026-12-07T08:00:00+08:00\"}"));
    assertThat(text.value()).isEqualTo("IDLE");
    assertThat(text.sourceTime()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    // RFC 6901: ~1 is '/', ~0 is '~'
    assertThat(MqttPayloads.value(binding("/a~1b", null), utf8("{\"a/b\": 3}")).value()).isEqualTo(3.0);
    assertThat(MqttPayloads.value(binding("/v", null), utf8("{\"v\": null}")).value()).isNull();
  }

  @Test
  void whatCannotBeReadSaysWhy() {
    assertThatThrownBy(() -> MqttPayloads.value(binding(null, null), new byte[] {(byte) 0xb0, 0x31}))
        .hasMessageContaining("not UTF-8");
    assertThatThrownBy(() -> MqttPayloads.value(binding("/v", null), utf8("v=3"))).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> MqttPayloads.value(binding("/v", null), utf8("{\"w\": 3}")))
        .hasMessageContaining("nothing at /v");
    assertThatThrownBy(() -> MqttPayloads.value(binding("/v", null), utf8("{\"v\": [1, 2]}")))
        .hasMessageContaining("array");
    assertThatThrownBy(() -> MqttPayloads.value(binding("/v", "/ts"), utf8("{\"v\": 1, \"ts\": \"yesterday\"}")))
        .hasMessageContaining("not RFC 3339");
    assertThatThrownBy(() -> MqttPayloads.value(binding("/v", "/ts"), utf8("{\"v\": 1}")))
        .hasMessageContaining("no time at /ts");
  }

  @Test
  void aBrowsedTopicSaysWhatKindOfPayloadItCarries() {
    assertThat(MqttTopicLink.kind(utf8("{\"v\": 1}"))).isEqualTo("json");
    assertThat(MqttTopicLink.kind(utf8("12.5"))).isEqualTo("number");
    assertThat(MqttTopicLink.kind(utf8("false"))).isEqualTo("boolean");
    assertThat(MqttTopicLink.kind(utf8("RUNNING"))).isEqualTo("text");
    assertThat(MqttTopicLink.kind(new byte[] {(byte) 0xff})).isEqualTo("binary");
  }
}
