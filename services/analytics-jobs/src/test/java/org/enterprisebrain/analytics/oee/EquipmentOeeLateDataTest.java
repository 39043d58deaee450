package org.enterprisebrain.analytics.oee;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.stream.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Late, very late and duplicate records against a watermark the test controls. */
class EquipmentOeeLateDataTest {

  static final long H0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
  static final long MIN = 60_000, HOUR = 3_600_000;
  KeyedBroadcastOperatorTestHarness<String, OeeInput, String, EsDocument> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new EquipmentOee("oee",
        WorkCalendar.defaults("A@06:00,B@14:00,C@22:00", "Asia/Shanghai"), 2 * HOUR, null, null), OeeInput::key,
        Types.STRING, EquipmentOee.CALENDARS);
    // the calendars' source says it is idle (SettingsTopic): it never holds event time back
    harness.getTwoInputOperator().processWatermarkStatus2(WatermarkStatus.IDLE);
    harness.processElement(new OeeInput(OeeInput.Kind.MASTER, "p", "M1", "EQ", H0 - HOUR, null, null, 0, 0, 0, 0,
        "L1", 60, "M1", null, null, null), H0 - HOUR);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  static OeeInput state(String id, long at, String state) {
    return new OeeInput(OeeInput.Kind.STATE, "p", "M1", id, at, state, state.equals("down") ? "M01" : null, 0, 0, 0,
        0, null, Double.NaN, null, null, null, null);
  }

  static OeeInput report(String id, long start, long end, long good) {
    return new OeeInput(OeeInput.Kind.REPORT, "p", "M1", id, end, null, null, good, 0, 0, start, null, Double.NaN, null,
        "0010", "WO-1", null);
  }

  JsonNode hourDocument(long start) throws Exception {
    List<EsDocument> out = harness.extractOutputValues();
    String id = "hour|p|M1|" + Instant.ofEpochMilli(start);
    EsDocument last = null;
    for (EsDocument d : out) {
      if (d.id().equals(id)) {
        last = d;
      }
    }
    return last == null ? null : Envelope.JSON.readTree(last.json());
  }

  @Test
  void aLateStateChangeRecomputesTheHoursItChanges() throws Exception {
    harness.processElement(state("s0", H0, "running"), H0);
    harness.processElement(report("r0", H0, H0 + HOUR, 50), H0 + HOUR);
    harness.processWatermark(H0 + 2 * HOUR);
    assertThat(hourDocument(H0).path("availability").asDouble()).isEqualTo(1.0);
    assertThat(hourDocument(H0 + HOUR).path("availability").asDouble()).isEqualTo(1.0);

    // the breakdown from 00:30 to 01:15 arrives after both hours were computed
    harness.processElement(state("s1", H0 + 30 * MIN, "down"), H0 + 30 * MIN);
    harness.processElement(state("s2", H0 + 75 * MIN, "running"), H0 + 75 * MIN);
    assertThat(hourDocument(H0).path("downSeconds").asDouble()).isEqualTo(1800.0);
    assertThat(hourDocument(H0).path("failures").asInt()).isEqualTo(1);
    assertThat(hourDocument(H0 + HOUR).path("downSeconds").asDouble()).as("the next hour moved too").isEqualTo(900.0);
  }

  @Test
  void duplicatesAndRecordsBeyondTheAllowedLatenessChangeNothing() throws Exception {
    harness.processElement(state("s0", H0, "running"), H0);
    harness.processElement(report("r0", H0, H0 + HOUR, 50), H0 + HOUR);
    harness.processElement(report("r0", H0, H0 + HOUR, 50), H0 + HOUR); // the same record again
    harness.processWatermark(H0 + HOUR);
    assertThat(hourDocument(H0).path("good").asLong()).isEqualTo(50);

    harness.processWatermark(H0 + 5 * HOUR);
    int before = harness.extractOutputValues().size();
    harness.processElement(report("r-late", H0, H0 + HOUR, 7), H0 + HOUR); // 4 hours late, 2 allowed
    assertThat(harness.extractOutputValues()).hasSize(before);
    assertThat(hourDocument(H0).path("good").asLong()).isEqualTo(50);
    // the hours in between were computed although the machine sent nothing: it kept running
    assertThat(hourDocument(H0 + 3 * HOUR).path("runSeconds").asDouble()).isEqualTo(3600.0);
  }

  @Test
  void pruningKeepsTheStateInForceForEveryHourStillOpenToLateRecords() throws Exception {
    harness.processElement(state("s0", H0 - 10 * MIN, "running"), H0 - 10 * MIN);
    harness.processElement(state("s1", H0 + 20 * MIN, "down"), H0 + 20 * MIN);
    harness.processWatermark(H0 + 2 * HOUR + 30 * MIN); // horizon 00:30: hour 00 may still change
    harness.processElement(report("r-late", H0, H0 + HOUR, 12), H0 + HOUR);
    JsonNode hour = hourDocument(H0);
    assertThat(hour.path("good").asLong()).isEqualTo(12);
    assertThat(hour.path("runSeconds").asDouble()).as("running from before the hour until 00:20").isEqualTo(1200.0);
    assertThat(hour.path("failures").asInt()).isEqualTo(1);
  }

  static String calendar(String line, int version, long effectiveFrom, String code, String start, String end) {
    return "{\"plant\":\"p\"," + (line == null ? "" : "\"line\":\"" + line + "\",") + "\"version\":" + version
        + ",\"effectiveFrom\":\"" + Instant.ofEpochMilli(effectiveFrom) + "\",\"zone\":\"Asia/Shanghai\","
        + "\"shifts\":[{\"code\":\"" + code + "\",\"start\":\"" + start + "\",\"end\":\"" + end + "\"}],"
        + "\"reason\":\"test\",\"changedAt\":\"2026-03-01T00:00:00Z\",\"changedBy\":\"planner\"}";
  }

  JsonNode document(String period, long start) throws Exception {
    String id = period + "|p|M1|" + Instant.ofEpochMilli(start);
    JsonNode last = null;
    for (EsDocument d : harness.extractOutputValues()) {
      if (d.id().equals(id)) {
        last = Envelope.JSON.readTree(d.json());
      }
    }
    return last;
  }

  @Test
  void calendarsOnTheBroadcastPlanTheHoursNotYetComputedTheLinesOverThePlants() throws Exception {
    // H0 is Monday 08:00 in Shanghai; the plant works 08:00–10:00, and from 11:00 on line L1 works 11:00–13:00
    harness.processBroadcastElement(calendar(null, 1, H0 - 24 * HOUR, "D", "08:00", "10:00"), H0);
    harness.processElement(state("s0", H0, "running"), H0);
    harness.processWatermark(H0 + 3 * HOUR);
    assertThat(document("hour", H0).path("runSeconds").asDouble()).isEqualTo(3600.0);
    assertThat(document("hour", H0).path("shift").asText()).isEqualTo("D");
    JsonNode evening = document("hour", H0 + 2 * HOUR);
    assertThat(evening.path("runSeconds").asDouble()).as("running, but not planned").isZero();
    assertThat(evening.path("plannedStopSeconds").asDouble()).isEqualTo(3600.0);
    assertThat(evening.path("plannedBusySeconds").asDouble()).isZero();
    assertThat(evening.path("downtime").get(0).path("reason").asText()).isEqualTo("no-shift");
    assertThat(evening.has("shift") && !evening.path("shift").isNull()).as("an hour outside every shift").isFalse();
    assertThat(document("shift", H0).path("runSeconds").asDouble()).as("shift D, two hours").isEqualTo(7200.0);

    harness.processBroadcastElement(calendar("L1", 1, H0 + 3 * HOUR, "X", "11:00", "13:00"), H0);
    harness.processBroadcastElement(calendar("L2", 1, H0, "Y", "08:00", "09:00"), H0); // another line's
    harness.processWatermark(H0 + 5 * HOUR);
    assertThat(document("hour", H0 + 3 * HOUR).path("runSeconds").asDouble()).isEqualTo(3600.0);
    assertThat(document("hour", H0 + 3 * HOUR).path("shift").asText()).isEqualTo("X");
    assertThat(document("shift", H0 + 3 * HOUR).path("runSeconds").asDouble()).isEqualTo(7200.0);
    assertThat(document("hour", H0 + 2 * HOUR).path("runSeconds").asDouble()).as("computed before: unchanged")
        .isZero();
  }

  @Test
  void whenTheRecordsPauseTooTheWatermarkStaysWhereTheyLeftIt() throws Exception {
    harness.processElement(state("s0", H0, "running"), H0);
    harness.processWatermark(H0 + 3 * HOUR);
    // the machines' partitions go idle (no records for a while): both inputs idle, no watermark may be made up
    harness.getTwoInputOperator().processWatermarkStatus1(WatermarkStatus.IDLE);
    harness.getTwoInputOperator().processWatermarkStatus1(WatermarkStatus.ACTIVE);
    harness.processElement(report("r-after-pause", H0 + 2 * HOUR, H0 + 3 * HOUR, 40), H0 + 3 * HOUR);
    assertThat(hourDocument(H0 + 2 * HOUR).path("good").asLong()).as("within the lateness: applied, not dropped")
        .isEqualTo(40);
  }
}
