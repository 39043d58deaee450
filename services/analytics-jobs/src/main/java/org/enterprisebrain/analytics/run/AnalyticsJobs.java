package org.enterprisebrain.analytics.run;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.enterprisebrain.analytics.alerts.Alert;
import org.enterprisebrain.analytics.oee.OeeInput;
import org.enterprisebrain.analytics.oee.OeeJob;
import org.enterprisebrain.analytics.oee.ShiftCalendar;
import org.enterprisebrain.analytics.sink.ElasticsearchSink;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.spc.Measurement;
import org.enterprisebrain.analytics.spc.SpcJob;
import org.enterprisebrain.analytics.stream.StandardSource;

/**
 * The analytics jobs, each added to an environment from its settings: {@code brain up} runs each as its
 * own job on a local MiniCluster, a Flink cluster runs the same code from the job jar
 * ({@link AnalyticsJobMain}), tests run them bounded.
 */
public final class AnalyticsJobs {

  public static final List<String> NAMES = List.of("oee", "spc");

  private AnalyticsJobs() {
  }

  public static void add(String job, StreamExecutionEnvironment env, AnalyticsSettings s, boolean bounded) {
    switch (job) {
      case "oee" -> oee(env, s, bounded, results(s));
      case "spc" -> spc(env, s, bounded, results(s), alerts(s));
      default -> throw new IllegalArgumentException("no analytics job '" + job + "'; one of " + NAMES);
    }
  }

  public static void configure(StreamExecutionEnvironment env, AnalyticsSettings s) {
    env.enableCheckpointing(s.checkpointInterval().toMillis());
    env.setParallelism(s.parallelism());
  }

  public static void oee(StreamExecutionEnvironment env, AnalyticsSettings s, boolean bounded, Sink<EsDocument> results) {
    OeeJob.build(oeeInputs(env, s, bounded), s.index("oee"), ShiftCalendar.parse(s.shifts(), s.zone()),
            s.lateness().toMillis())
        .sinkTo(results).name("oee-to-elasticsearch").uid("oee-sink");
  }

  public static DataStream<OeeInput> oeeInputs(StreamExecutionEnvironment env, AnalyticsSettings s, boolean bounded) {
    var source = StandardSource.of(s.kafka(), s.groupPrefix() + "oee", s.fromEarliest(),
        List.of(AnalyticsSettings.EQUIPMENT_STATES, AnalyticsSettings.OPERATION_REPORTS, AnalyticsSettings.EQUIPMENT),
        OeeInput.class, OeeInput::from, bounded);
    return env.fromSource(source, StandardSource.<OeeInput>watermarks(s.outOfOrderness(), s.idleness()), "oee-inputs")
        .uid("oee-source");
  }

  public static void spc(StreamExecutionEnvironment env, AnalyticsSettings s, boolean bounded,
      Sink<EsDocument> results, Sink<Alert> alerts) {
    SpcJob.Streams spc = SpcJob.build(measurements(env, s, bounded), s.index("spc"), s.spcSubgroupSize(),
        s.spcSubgroupTimeout().toMillis(), s.spcBaseline(), s.spcCapabilityWindow(), s.spcRules(), s.spcGiven());
    spc.alerts().sinkTo(alerts).name("spc-alerts-to-kafka").uid("spc-alerts-kafka");
    String alertIndex = s.index("alerts");
    spc.points().union(spc.alerts().map(a -> a.document(alertIndex)).name("spc-alert-documents").uid("spc-alert-documents"))
        .sinkTo(results).name("spc-to-elasticsearch").uid("spc-sink");
  }

  public static DataStream<Measurement> measurements(StreamExecutionEnvironment env, AnalyticsSettings s,
      boolean bounded) {
    var source = StandardSource.of(s.kafka(), s.groupPrefix() + "spc", s.fromEarliest(),
        List.of(AnalyticsSettings.QUALITY_RESULTS), Measurement.class, Measurement::from, bounded);
    return env.fromSource(source, StandardSource.<Measurement>watermarks(s.outOfOrderness(), s.idleness()),
        "spc-inputs").uid("spc-source");
  }

  public static Sink<EsDocument> results(AnalyticsSettings s) {
    return new ElasticsearchSink(s.elasticsearch(), s.indexPrefix(), s.sinkBatch(), s.sinkFlush().toMillis(),
        s.sinkRetries(), s.refreshInterval());
  }

  /** Keyed like the standard topics (plant|equipment), so one machine's alerts stay in order. */
  static final class AlertKey implements SerializationSchema<Alert> {
    @Override
    public byte[] serialize(Alert a) {
      return (a.plant() + '|' + a.equipment()).getBytes(StandardCharsets.UTF_8);
    }
  }

  static final class AlertValue implements SerializationSchema<Alert> {
    @Override
    public byte[] serialize(Alert a) {
      return a.json().getBytes(StandardCharsets.UTF_8);
    }
  }

  public static Sink<Alert> alerts(AnalyticsSettings s) {
    return KafkaSink.<Alert>builder()
        .setBootstrapServers(s.kafka())
        .setRecordSerializer(KafkaRecordSerializationSchema.<Alert>builder()
            .setTopic(s.alertsTopic())
            .setKeySerializationSchema(new AlertKey())
            .setValueSerializationSchema(new AlertValue())
            .build())
        // alerts carry their own ids: a redelivery is recognisable, a loss is not
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setProperty("acks", "all")
        .setProperty("enable.idempotence", "true")
        .build();
  }
}
