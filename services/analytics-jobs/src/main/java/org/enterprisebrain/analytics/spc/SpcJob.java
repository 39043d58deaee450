package org.enterprisebrain.analytics.spc;

import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.enterprisebrain.analytics.stream.KafkaConnection;
import org.enterprisebrain.analytics.alerts.Alert;
import org.enterprisebrain.analytics.sink.EsDocument;

/** SPC per characteristic and machine: chart points (with capability) and the alerts their rules raise. */
public final class SpcJob {

  /** The chart points, and the alerts as a separate stream (to Kafka and, as documents, to the index). */
  public record Streams(DataStream<EsDocument> points, DataStream<Alert> alerts) {}

  private SpcJob() {
  }

  /**
   * @param settings      the charts' settings versions (broadcast to every chart)
   * @param kafka         where the settings topic is, read whole when the operator opens; null topic: not read
   */
  public static Streams build(DataStream<Measurement> measurements, DataStream<ChartSettings> settings, String index,
      int subgroupSize, long subgroupTimeoutMs, int baselineSize, int capabilityWindow, Set<Integer> rules,
      Map<String, double[]> given, KafkaConnection kafka, String settingsTopic) {
    SingleOutputStreamOperator<EsDocument> points = measurements
        .keyBy(Measurement::key)
        .connect(settings.broadcast(SpcProcess.SETTINGS))
        .process(new SpcProcess(index, subgroupSize, subgroupTimeoutMs, baselineSize, capabilityWindow, rules, given,
            kafka, settingsTopic))
        .name("spc-charts").uid("spc-charts");
    return new Streams(points, points.getSideOutput(SpcProcess.ALERTS));
  }
}
