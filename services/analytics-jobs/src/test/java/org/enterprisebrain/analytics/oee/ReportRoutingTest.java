package org.enterprisebrain.analytics.oee;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reports meet their work order's product and its routing, in whichever order the two topics deliver them. */
class ReportRoutingTest {

  static final long H0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
  static final long HOUR = 3_600_000;
  KeyedBroadcastOperatorTestHarness<String, OeeInput, String, OeeInput> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new ReportRouting(null, null),
        OeeInput::orderKey, Types.STRING, ReportRouting.ROUTINGS);
    harness.getTwoInputOperator().processWatermarkStatus2(WatermarkStatus.IDLE);
    harness.processBroadcastElement(routing(1, H0 - 24 * HOUR, 20), H0 - 24 * HOUR);
    harness.processBroadcastElement(routing(2, H0 + HOUR, 25), H0 - 24 * HOUR);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  static String routing(int version, long from, double seconds) {
    return "{\"plant\":\"p\",\"product\":\"P-100\",\"operations\":[{\"operation\":\"0010\",\"idealCycleSeconds\":"
        + seconds + "}],\"version\":" + version + ",\"effectiveFrom\":\"" + Instant.ofEpochMilli(from) + "\"}";
  }

  static OeeInput order(String workOrder, String product) {
    return new OeeInput(OeeInput.Kind.ORDER, "p", null, workOrder + "-rel", H0 - HOUR, null, null, 0, 0, 0, 0, null,
        Double.NaN, null, null, workOrder, product);
  }

  static OeeInput report(String id, String workOrder, String operation, long end) {
    return new OeeInput(OeeInput.Kind.REPORT, "p", "M1", id, end, null, null, 10, 0, 0, end - HOUR, null, Double.NaN,
        null, operation, workOrder, null);
  }

  @Test
  void aReportCountsAtItsOperationsCycleInTheRoutingInForceAtItsEnd() throws Exception {
    harness.processElement(order("WO-1", "P-100"), H0 - HOUR);
    harness.processElement(report("r1", "WO-1", "0010", H0 + HOUR), H0 + HOUR);
    harness.processElement(report("r2", "WO-1", "0010", H0 + 2 * HOUR), H0 + 2 * HOUR);
    harness.processElement(report("r3", "WO-1", "0020", H0 + 2 * HOUR), H0 + 2 * HOUR);
    List<OeeInput> out = harness.extractOutputValues();
    assertThat(out).extracting(OeeInput::recordId).containsExactly("r1", "r2", "r3");
    assertThat(out.get(0).idealCycleSeconds()).isEqualTo(20.0);
    assertThat(out.get(1).idealCycleSeconds()).as("version 2 from H0 + 1 h on").isEqualTo(25.0);
    assertThat(out.get(2).idealCycleSeconds()).as("0020 is not timed: the machine's applies").isNaN();
    assertThat(out.get(2).product()).isEqualTo("P-100");
  }

  @Test
  void aReportBeforeItsWorkOrderWaitsForItUntilTheWatermarkPassesItsEnd() throws Exception {
    harness.processElement(report("r1", "WO-1", "0010", H0 + HOUR), H0 + HOUR);
    harness.processElement(report("r2", "WO-2", "0010", H0 + HOUR), H0 + HOUR);
    harness.processWatermark(H0);
    assertThat(harness.extractOutputValues()).as("both wait: the watermark is before their end").isEmpty();

    harness.processElement(order("WO-1", "P-100"), H0 - HOUR);
    assertThat(harness.extractOutputValues()).extracting(OeeInput::recordId).containsExactly("r1");
    assertThat(harness.extractOutputValues().get(0).idealCycleSeconds()).isEqualTo(20.0);

    // WO-2 never comes: its report goes on at the machine's cycle when the watermark passes its end
    harness.processWatermark(H0 + HOUR);
    List<OeeInput> out = harness.extractOutputValues();
    assertThat(out).extracting(OeeInput::recordId).containsExactly("r1", "r2");
    assertThat(out.get(1).idealCycleSeconds()).isNaN();
    assertThat(out.get(1).product()).isNull();
  }
}
