package org.enterprisebrain.bench;

import java.util.Arrays;

/** Throughput and latency percentiles of one measured phase. */
public record LatencyStats(long records, double seconds, double p50Millis, double p99Millis) {

  public double recordsPerSecond() {
    return records / seconds;
  }

  /** Nearest-rank percentiles of per-request latencies (nanoseconds). */
  public static LatencyStats of(long records, double seconds, long[] latencyNanos) {
    long[] sorted = latencyNanos.clone();
    Arrays.sort(sorted);
    return new LatencyStats(records, seconds, percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6);
  }

  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /**
   * Parses the summary line of Kafka's ProducerPerformance, e.g. "1000000 records sent, 142653.4 records/sec
   * (40.81 MB/sec), 180.12 ms avg latency, 563.00 ms max latency, 160 ms 50th, 410 ms 95th, 520 ms 99th, …".
   */
  public static LatencyStats ofProducerPerformance(String summary) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "(\\d+) records sent, ([\\d.]+) records/sec.*?(\\d+) ms 50th, \\d+ ms 95th, (\\d+) ms 99th").matcher(summary);
    if (!m.find()) {
      throw new IllegalArgumentException("not a ProducerPerformance summary: " + summary);
    }
    long records = Long.parseLong(m.group(1));
    double perSecond = Double.parseDouble(m.group(2));
    return new LatencyStats(records, records / perSecond, Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)));
  }
}
