package org.enterprisebrain.analytics.spc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.stream.Envelope;
import org.junit.jupiter.api.Test;

/** A chart's own subgroup size and chart type from its settings, against a watermark the test holds back. */
class SpcProcessSettingsTest {

  static Measurement value(String subgroup, int i, double value) {
    return new Measurement("p", "M1", "P1", "D", "直径", subgroup + "-" + i, 1_000L * i, value, Double.NaN, Double.NaN,
        Double.NaN, subgroup, "mm");
  }

  @Test
  void aSubgroupOfTheChartsOwnSizeIsPlottedAtOnceOnItsOwnChart() throws Exception {
    KeyedBroadcastOperatorTestHarness<String, Measurement, ChartSettings, EsDocument> harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new SpcProcess("spc", 5, 600_000, 25, 25,
            Set.of(1), Map.of(), null, null), Measurement::key, Types.STRING, SpcProcess.SETTINGS);
    harness.processBroadcastElement(ChartSettings.read(Envelope.JSON.readTree("""
        {"plant":"p","equipment":"M1","product":"P1","characteristic":"D","version":1,
         "effectiveFrom":"1970-01-01T00:00:00Z","subgroupSize":3,"chartType":"xbar-s"}""")), 0);
    for (int i = 0; i < 3; i++) {
      harness.processElement(value("G1", i, 10.0 + i * 0.01), i);
    }
    // no watermark has passed: the job's size (5) would still wait for two values or the timeout
    List<EsDocument> out = harness.extractOutputValues();
    assertThat(out).hasSize(1);
    JsonNode point = Envelope.JSON.readTree(out.get(0).json());
    assertThat(point.path("chart").asText()).isEqualTo("xbar-s");
    assertThat(point.path("limitsVersion").asInt()).isEqualTo(1);
    harness.processElement(value("G1", 3, 10.5), 3);
    assertThat(harness.extractOutputValues()).as("the subgroup was complete: a fourth value is late").hasSize(1);
    harness.close();
  }

  @Test
  void aSubgroupEnteredBehindTheWatermarkWaitsForItsValuesNotForItsOwnTimeout() throws Exception {
    KeyedBroadcastOperatorTestHarness<String, Measurement, ChartSettings, EsDocument> harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new SpcProcess("spc", 5, 600_000, 25, 25,
            Set.of(1), Map.of(), null, null), Measurement::key, Types.STRING, SpcProcess.SETTINGS);
    // as in the job: the settings input is idle, so the measurements' watermark is the operator's
    harness.getTwoInputOperator().processWatermarkStatus2(WatermarkStatus.IDLE);
    // the plant's other records moved event time two hours on; the lab's subgroup from back then comes in now,
    // with watermarks passing between its values
    long watermark = 7_200_000L;
    harness.processWatermark(watermark);
    for (int i = 0; i < 4; i++) {
      harness.processElement(value("LAB", i, 10.0 + i * 0.01), i * 1_000L);
      harness.processWatermark(watermark += 200);
    }
    assertThat(harness.extractOutputValues()).as("four of five values: still open").isEmpty();
    harness.processElement(value("LAB", 4, 10.04), 4_000L);
    List<EsDocument> out = harness.extractOutputValues();
    assertThat(out).hasSize(1);
    assertThat(Envelope.JSON.readTree(out.get(0).json()).path("n").asInt()).isEqualTo(5);

    // one left incomplete closes once its timeout has passed in event time from when it came in
    harness.processElement(value("LATE", 0, 10.0), 0L);
    harness.processWatermark(watermark + 599_000);
    assertThat(harness.extractOutputValues()).hasSize(1);
    harness.processWatermark(watermark + 600_000);
    assertThat(harness.extractOutputValues()).hasSize(2);
    harness.close();
  }
}
