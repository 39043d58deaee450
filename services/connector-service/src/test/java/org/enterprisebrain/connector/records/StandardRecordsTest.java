package org.enterprisebrain.connector.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.enterprisebrain.connector.connections.ConnectionConfig;
import org.enterprisebrain.connector.connections.TagBinding;
import org.enterprisebrain.standard.DataStandard;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class StandardRecordsTest {

  static final StandardRecords RECORDS = new StandardRecords(DataStandard.load());
  static final ConnectionConfig CNC = new ConnectionConfig("hz-01-cnc", "hz-01", "SCADA-A", "opc-ua",
      "opc.tcp://127.0.0.1:4840/brain", "none", null, null, null, null, true);
  static final Instant SAMPLED = Instant.parse("2026-12-07T08:00:00.250Z");
  static final Instant NOW = SAMPLED.plusSeconds(1);

  static TagBinding telemetry(double scale, double offset) {
    return new TagBinding("ns=2;s=CNC-01.Temperature", "telemetry", "CNC-01", "spindle.temperature", "Cel", scale,
        offset, 1000, null, Map.of(), null, null, null, null, null);
  }

  static TagValue good(Object value) {
    return new TagValue("t", value, "Good", "good", SAMPLED);
  }

  @Test
  void aNodeValueBecomesTheTelemetryRecordARestClientWouldSend() {
    ObjectNode record = RECORDS.make(CNC, telemetry(0.1, -5), good(700), NOW).record();
    assertThat(record.path("id").asString()).isEqualTo("CNC-01:spindle.temperature:" + SAMPLED.toEpochMilli());
    assertThat(record.path("entity").asString()).isEqualTo("telemetry");
    assertThat(record.path("plant").asString()).isEqualTo("hz-01");
    assertThat(record.path("source").path("system").asString()).isEqualTo("SCADA-A");
    assertThat(record.path("source").path("kind").asString()).isEqualTo("IOT");
    assertThat(record.path("occurredAt").asString()).isEqualTo(SAMPLED.toString());
    assertThat(record.path("payload").path("value").asDouble()).isEqualTo(65.0); // 700 × 0.1 − 5
    assertThat(record.path("payload").path("unit").asString()).isEqualTo("Cel");
    assertThat(record.path("payload").path("quality").asString()).isEqualTo("good");
    // a boolean is 0/1, as the standard says
    assertThat(RECORDS.make(CNC, telemetry(1, 0), good(true), NOW).record().path("payload").path("value").asDouble())
        .isEqualTo(1.0);
    // the same sample sent twice is the same record
    assertThat(RECORDS.make(CNC, telemetry(1, 0), good(1), NOW).record().path("id"))
        .isEqualTo(RECORDS.make(CNC, telemetry(1, 0), good(2), NOW.plusSeconds(5)).record().path("id"));
  }

  @Test
  void anUncertainValueIsKeptWithItsQualityAValuelessOneIsRejected() {
    assertThat(RECORDS.make(CNC, telemetry(1, 0), new TagValue("t", 3.5, "Uncertain_LastUsableValue", "uncertain",
        SAMPLED), NOW).record().path("payload").path("quality").asString()).isEqualTo("uncertain");
    assertThat(RECORDS.make(CNC, telemetry(1, 0), new TagValue("t", null, "Bad_SensorFailure", "bad", SAMPLED), NOW)
        .rejection()).contains("Bad_SensorFailure");
    assertThat(RECORDS.make(CNC, telemetry(1, 0), good("hot"), NOW).rejection()).contains("not a number");
    assertThat(RECORDS.make(CNC, telemetry(1, 0), good(Double.NaN), NOW).rejection()).contains("not a number");
  }

  @Test
  void aStateValueIsMappedToTheStandardsStates() {
    TagBinding state = new TagBinding("ns=2;s=CNC-01.State", "equipment-state", "CNC-01", null, null, 1, 0, 1000, null,
        Map.of("RUNNING", "running", "2", "down"), null, null, null, null, null);
    ObjectNode running = RECORDS.make(CNC, state, good("RUNNING"), NOW).record();
    assertThat(running.path("payload").path("state").asString()).isEqualTo("running");
    assertThat(running.path("payload").path("since").asString()).isEqualTo(SAMPLED.toString());
    // a numeric state code, as many PLCs report it
    assertThat(RECORDS.make(CNC, state, good(2.0), NOW).record().path("payload").path("state").asString())
        .isEqualTo("down");
    assertThat(RECORDS.make(CNC, state, good("WARMUP"), NOW).rejection()).contains("WARMUP");
  }

  @Test
  void whatTheDataStandardRefusesIsRejectedWithItsWords() {
    TagBinding meter = new TagBinding("ns=2;s=M-01.Energy", "energy-reading", "CNC-01", null, "kWh", 1, 0, 1000, null,
        Map.of(), "M-01", null, null, null, null);
    assertThat(RECORDS.make(CNC, meter, good(1234.5), NOW).record().path("payload").path("medium").asString())
        .isEqualTo("electricity");
    assertThat(RECORDS.make(CNC, meter, good(-3), NOW).rejection()).contains("/payload/value");
  }

  @Test
  void anIdWithCharactersAnIdMayNotHoldIsHashedStably() {
    String id = StandardRecords.id("机床 01", "温度", SAMPLED);
    assertThat(id).matches("[A-Za-z0-9._:\\-]{1,128}").isEqualTo(StandardRecords.id("机床 01", "温度", SAMPLED))
        .isNotEqualTo(StandardRecords.id("机床 02", "温度", SAMPLED));
  }
}
