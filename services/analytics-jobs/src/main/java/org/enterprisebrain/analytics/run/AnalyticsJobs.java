package org.enterprisebrain.analytics.run;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.enterprisebrain.analytics.alerts.Alert;
import org.enterprisebrain.analytics.alerts.AlertSink;
import org.enterprisebrain.analytics.energy.EmissionFactors;
import org.enterprisebrain.analytics.energy.EnergyProcess;
import org.enterprisebrain.analytics.energy.MeterReading;
import org.enterprisebrain.analytics.energy.TariffTable;
import org.enterprisebrain.analytics.health.EwmaScorer;
import org.enterprisebrain.analytics.health.HealthProcess;
import org.enterprisebrain.analytics.health.Sample;
import org.enterprisebrain.analytics.oee.OeeInput;
import org.enterprisebrain.analytics.oee.OeeJob;
import org.enterprisebrain.analytics.oee.ShiftCalendar;
import org.enterprisebrain.analytics.score.DeploymentRecord;
import org.enterprisebrain.analytics.score.ScoreJob;
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

  public static final List<String> NAMES = List.of("oee", "spc", "energy", "health", "score");

  private AnalyticsJobs() {
  }

  public static void add(String job, StreamExecutionEnvironment env, AnalyticsSettings s, boolean bounded) {
    switch (job) {
      case "oee" -> oee(env, s, bounded, results(s, job));
      case "spc" -> spc(env, s, bounded, results(s, job), alerts(s, job));
      case "energy" -> energy(env, s, bounded, results(s, job), alerts(s, job));
      case "health" -> health(env, s, bounded, results(s, job), alerts(s, job));
      case "score" -> score(env, s, bounded, results(s, job), alerts(s, job));
      default -> throw new IllegalArgumentException("no analytics job '" + job + "'; one of " + NAMES);
    }
  }

  public static void configure(StreamExecutionEnvironment env, AnalyticsSettings s) {
    env.enableCheckpointing(s.checkpointInterval().toMillis());
    env.setParallelism(s.parallelism());
    // a job restarts from its last checkpoint for as long as it fails (Elasticsearch or Kafka away for a
    // night), backing off to a minute; what one record causes never gets here, it goes to the dead letters
    Configuration restarts = new Configuration();
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMinutes(1));
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
    env.configure(restarts);
    if (!s.checkpointDir().isEmpty()) {
      // the job manager's memory holds at most 5 MB of state; a day of record ids is more than that
      Configuration storage = new Configuration();
      storage.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, s.checkpointDir());
      env.configure(storage);
    }
  }

  public static void oee(StreamExecutionEnvironment env, AnalyticsSettings s, boolean bounded, Sink<EsDocument> results) {
    OeeJob.build(oeeInputs(env, s, bounded), s.index("oee"), ShiftCalendar.parse(s.shifts(), s.zone()),
            s.lateness().toMillis())
        .sinkTo(results).name("oee-to-elasticsearch").uid("oee-sink");
  }

  public static DataStream<OeeInput> oeeInputs(StreamExecutionEnvironment env, AnalyticsSettings s, boolean bounded) {
    return inputs(env, s, "oee", List.of(AnalyticsSettings.EQUIPMENT_STATES, AnalyticsSettings.OPERATION_REPORTS,
        AnalyticsSettings.EQUIPMENT), OeeInput.class, OeeInput::from, bounded);
  }

  /**
   * A job's typed input from its standard topics, in its own consumer group, with event time and the
   * job's watermarks: the one way every job (and the benchmark's baselines) reads.
   */
  public static <T extends StandardSource.Timed> DataStream<T> inputs(StreamExecutionEnvironment env,
      AnalyticsSettings s, String job, List<String> topics, Class<T> type, StandardSource.Mapper<T> mapper,
      boolean bounded) {
    var source = StandardSource.of(s.kafka(), s.groupPrefix() + job, s.fromEarliest(), topics, type, mapper, bounded);
    return env.fromSource(source, StandardSource.<T>watermarks(s.outOfOrderness(), s.idleness()), job + "-inputs")
        .uid(job + "-source");
  }

  public static void spc(StreamExecutionEnvironment env, AnalyticsSettings s, boolean bounded,
      Sink<EsDocument> results, Sink<Alert> alerts) {
    SpcJob.Streams spc = SpcJob.build(measurements(env, s, bounded), s.index("spc"), s.spcSubgroupSize(),
        s.spcSubgroupTimeout().toMillis(), s.spcBaseline(), s.spcCapabilityWindow(), s.spcRules(), s.spcGiven());
    deliver("spc", spc.points(), spc.alerts(), s, results, alerts);
  }

  public static void energy(StreamExecutionEnvironment env, AnalyticsSettings s, boolean bounded,
      Sink<EsDocument> results, Sink<Alert> alerts) {
    SingleOutputStreamOperator<EsDocument> hours = inputs(env, s, "energy", List.of(AnalyticsSettings.ENERGY_READINGS),
            MeterReading.class, MeterReading::from, bounded)
        .keyBy(MeterReading::key)
        .process(new EnergyProcess(s.index("energy"), TariffTable.parse(s.tariff(), s.zone()),
            EmissionFactors.parse(s.emissionFactors()), s.energyZ(), s.lateness().toMillis()))
        .name("energy-per-meter-hour").uid("energy-per-meter-hour");
    deliver("energy", hours, hours.getSideOutput(EnergyProcess.ALERTS), s, results, alerts);
  }

  public static void health(StreamExecutionEnvironment env, AnalyticsSettings s, boolean bounded,
      Sink<EsDocument> results, Sink<Alert> alerts) {
    SingleOutputStreamOperator<EsDocument> windows = inputs(env, s, "health", List.of(AnalyticsSettings.TELEMETRY),
            Sample.class, Sample::from, bounded)
        .keyBy(Sample::key)
        .process(new HealthProcess(s.index("health"),
            new EwmaScorer(s.healthAlpha(), s.healthZ(), s.healthWarmUp(), s.healthLimits()),
            s.healthWindow().toMillis()))
        .name("health-per-signal").uid("health-per-signal");
    deliver("health", windows, windows.getSideOutput(HealthProcess.ALERTS), s, results, alerts);
  }

  /** Telemetry scored by the models the registry deployed (broadcast from its compacted topic). */
  public static void score(StreamExecutionEnvironment env, AnalyticsSettings s, boolean bounded,
      Sink<EsDocument> results, Sink<Alert> alerts) {
    ScoreJob.ensureTopic(s.kafka(), s.deploymentsTopic());
    DataStream<DeploymentRecord> deployments = env.fromSource(
            ScoreJob.deployments(s.kafka(), s.deploymentsTopic(), s.groupPrefix() + "score-deployments", bounded),
            WatermarkStrategy.noWatermarks(), "score-deployments")
        .uid("score-deployments-source");
    ScoreJob.Streams scored = ScoreJob.build(inputs(env, s, "score", List.of(AnalyticsSettings.TELEMETRY), Sample.class,
        Sample::from, bounded), deployments, s.index("scores"));
    deliver("score", scored.scores(), scored.alerts(), s, results, alerts);
  }

  /** Results to Elasticsearch; alerts to Kafka and, as documents, to the alerts index. */
  private static void deliver(String job, DataStream<EsDocument> documents, DataStream<Alert> raised,
      AnalyticsSettings s, Sink<EsDocument> results, Sink<Alert> alerts) {
    raised.sinkTo(alerts).name(job + "-alerts-to-kafka").uid(job + "-alerts-kafka");
    String alertIndex = s.index("alerts");
    documents.union(raised.map(a -> a.document(alertIndex)).name(job + "-alert-documents").uid(job + "-alert-documents"))
        .sinkTo(results).name(job + "-to-elasticsearch").uid(job + "-sink");
  }

  public static DataStream<Measurement> measurements(StreamExecutionEnvironment env, AnalyticsSettings s,
      boolean bounded) {
    return inputs(env, s, "spc", List.of(AnalyticsSettings.QUALITY_RESULTS), Measurement.class, Measurement::from,
        bounded);
  }

  public static Sink<EsDocument> results(AnalyticsSettings s, String job) {
    return new ElasticsearchSink(s.elasticsearch(), s.elasticsearchUsername(), s.elasticsearchPassword(),
        s.indexPrefix(), s.sinkBatch(), s.sinkFlush().toMillis(), s.sinkRetries(), s.refreshInterval(),
        s.deadLetters(job));
  }

  public static Sink<Alert> alerts(AnalyticsSettings s, String job) {
    return new AlertSink(s.alertsTopic(), s.deadLetters(job));
  }
}
