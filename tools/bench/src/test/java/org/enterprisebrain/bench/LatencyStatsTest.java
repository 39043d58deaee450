package org.enterprisebrain.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LatencyStatsTest {

  @Test
  void percentilesAreNearestRank() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) {
      nanos[i] = (100 - i) * 1_000_000L; // 100 ms … 1 ms, unsorted on purpose
    }
    LatencyStats stats = LatencyStats.of(10_000, 2.0, nanos);
    assertThat(stats.p50Millis()).isEqualTo(50.0);
    assertThat(stats.p99Millis()).isEqualTo(99.0);
    assertThat(stats.recordsPerSecond()).isEqualTo(5_000.0);
  }

  @Test
  void readsTheProducerPerformanceSummary() {
    LatencyStats stats = LatencyStats.ofProducerPerformance("1000000 records sent, 125000.0 records/sec (35.76 MB/sec),"
        + " 180.12 ms avg latency, 563.00 ms max latency, 160 ms 50th, 410 ms 95th, 520 ms 99th, 560 ms 99.9th.");
    assertThat(stats.recordsPerSecond()).isEqualTo(125_000.0);
    assertThat(stats.p50Millis()).isEqualTo(160.0);
    assertThat(stats.p99Millis()).isEqualTo(520.0);
    assertThatThrownBy(() -> LatencyStats.ofProducerPerformance("nothing here")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void benchRecordsAreAbout300BytesAndUnique() {
    JsonNode batch = JsonMapper.builder().build().readTree(IngestionBench.batchOf("r", 0, 1000));
    assertThat(batch.size()).isEqualTo(1000);
    int bytes = batch.get(0).toString().length();
    assertThat(bytes).isBetween(IngestionBench.RECORD_BYTES - 30, IngestionBench.RECORD_BYTES + 30);
    assertThat(batch.findValuesAsString("id").stream().distinct().count()).isEqualTo(1000);
  }
}
