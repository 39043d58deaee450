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
import org.enterprisebrain.analytics.energy.EnergySettings;
import org.enterprisebrain.analytics.energy.MeterReading;
import org.enterprisebrain.analytics.attainment.AttainmentProcess;
import org.enterprisebrain.analytics.attainment.OrderEvent;
import org.enterprisebrain.analytics.energy.TariffTable;
import org.enterprisebrain.analytics.genealogy.Link;
import org.enterprisebrain.analytics.genealogy.Links;
import org.enterprisebrain.analytics.health.EwmaScorer;
import org.enterprisebrain.analytics.health.HealthProcess;
import org.enterprisebrain.analytics.health.Sample;
import org.enterprisebrain.analytics.oee.OeeInput;
import org.enterprisebrain.analytics.oee.OeeJob;
import org.enterprisebrain.analytics.oee.Routing;
import org.enterprisebrain.analytics.oee.WorkCalendar;
import org.enterprisebrain.analytics.score.DeploymentRecord;
import org.enterprisebrain.analytics.score.ScoreJob;
import org.enterprisebrain.analytics.sink.ElasticsearchSink;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.spc.ChartSettings;
import org.enterprisebrain.analytics.spc.Measurement;
import org.enterprisebrain.analytics.spc.SpcJob;
import org.enterprisebrain.analytics.stream.SettingsTopic;
import org.enterprisebrain.analytics.stream.StandardSource;
import org.enterprisebrain.analytics.stream.TopicContract;
import org.apache.flink.util.Collector;

/**
 * The analytics jobs, each added to an environment from its settings: {@code brain up} runs each as its
 * own job on a local MiniCluster, a Flink cluster runs the same code from the job jar
 * ({@link AnalyticsJobMain}), tests run them bounded.
 */
public final class AnalyticsJobs {

  public static final List<String> NAMES = List.of("oee", "spc", "energy", "health", "score", "genealogy");

  private AnalyticsJobs() {
  }

  public static void add(String job, StreamExecutionEnvironment env, AnalyticsSettings s, boolean bounded) {
    add(job, new Live(env, s, bounded), s);
  }

  /** The job's operators between the given plumbing's inputs and outputs: live and backfill build the same. */
  public static void add(String job, Plumbing p, AnalyticsSettings s) {
    switch (job) {
      case "oee" -> oee(p, s);
      case "spc" -> spc(p, s);
      case "energy" -> energy(p, s);
      case "health" -> health(p, s);
      case "score" -> score(p, s);
      case "genealogy" -> genealogy(p, s);
      default -> throw new IllegalArgumentException("no analytics job '" + job + "'; one of " + NAMES);
    }
  }

  /**
   * Where a job reads and where its output goes. Live: the standard topics from the group's offsets with
   * watermarks, results to Elasticsearch and alerts to Kafka too. A backfill reads one plant's range and
   * writes only the results of that range ({@link org.enterprisebrain.analytics.backfill.Backfill}).
   */
  public interface Plumbing {
    StreamExecutionEnvironment env();

    /** Whether the job ends at its input's end (tests, benchmarks, backfills): then configuration ends there too. */
    boolean bounded();

    <T extends StandardSource.Timed> DataStream<T> inputs(String job, List<String> topics, Class<T> type,
        StandardSource.Mapper<T> mapper);

    /** @param raised the job's alerts, null for a job that raises none */
    void deliver(String job, DataStream<EsDocument> documents, DataStream<Alert> raised);
  }

  /** The live jobs (bounded in tests and benchmarks: they stop at the topics' end). */
  public record Live(StreamExecutionEnvironment env, AnalyticsSettings s, boolean bounded) implements Plumbing {
    @Override
    public <T extends StandardSource.Timed> DataStream<T> inputs(String job, List<String> topics, Class<T> type,
        StandardSource.Mapper<T> mapper) {
      return AnalyticsJobs.inputs(env, s, job, topics, type, mapper, bounded);
    }

    /** Results to Elasticsearch; alerts to Kafka and, as documents, to the alerts index. */
    @Override
    public void deliver(String job, DataStream<EsDocument> documents, DataStream<Alert> raised) {
      if (raised == null) {
        documents.sinkTo(results(s, job)).name(job + "-to-elasticsearch").uid(job + "-sink");
        return;
      }
      raised.sinkTo(alerts(s, job)).name(job + "-alerts-to-kafka").uid(job + "-alerts-kafka");
      documents.union(alertDocuments(job, raised, s)).sinkTo(results(s, job)).name(job + "-to-elasticsearch")
          .uid(job + "-sink");
    }
  }

  public static DataStream<EsDocument> alertDocuments(String job, DataStream<Alert> raised, AnalyticsSettings s) {
    String alertIndex = s.index("alerts");
    return raised.map(a -> a.document(alertIndex)).name(job + "-alert-documents").uid(job + "-alert-documents");
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

  static final List<String> OEE_TOPICS = List.of(AnalyticsSettings.EQUIPMENT_STATES, AnalyticsSettings.OPERATION_REPORTS,
      AnalyticsSettings.EQUIPMENT, AnalyticsSettings.WORK_ORDERS);

  static void oee(Plumbing p, AnalyticsSettings s) {
    SettingsTopic.ensure(s.kafka(), s.calendarsTopic());
    SettingsTopic.ensure(s.kafka(), s.routingsTopic());
    DataStream<String> calendars = SettingsTopic.stream(p.env(), s.kafka(), s.calendarsTopic(),
        s.groupPrefix() + "oee-calendars", p.bounded(), String.class, WorkCalendar::readable, "oee-calendars");
    DataStream<String> routings = SettingsTopic.stream(p.env(), s.kafka(), s.routingsTopic(),
        s.groupPrefix() + "oee-routings", p.bounded(), String.class, Routing::readable, "oee-routings");
    p.deliver("oee", OeeJob.build(p.inputs("oee", OEE_TOPICS, OeeInput.class, OeeInput::from), calendars, routings,
        s.index("oee"), WorkCalendar.defaults(s.shifts(), s.zone()), s.lateness().toMillis(), s.kafka(),
        s.calendarsTopic(), s.routingsTopic()), null);
  }

  public static DataStream<OeeInput> oeeInputs(StreamExecutionEnvironment env, AnalyticsSettings s, boolean bounded) {
    return inputs(env, s, "oee", OEE_TOPICS, OeeInput.class, OeeInput::from, bounded);
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

  static void spc(Plumbing p, AnalyticsSettings s) {
    SettingsTopic.ensure(s.kafka(), s.spcSettingsTopic());
    DataStream<ChartSettings> settings = SettingsTopic.stream(p.env(), s.kafka(), s.spcSettingsTopic(),
        s.groupPrefix() + "spc-settings", p.bounded(), ChartSettings.class, ChartSettings::read, "spc-settings");
    SpcJob.Streams spc = SpcJob.build(p.inputs("spc", List.of(AnalyticsSettings.QUALITY_RESULTS), Measurement.class,
            Measurement::from), settings, s.index("spc"), s.spcSubgroupSize(), s.spcSubgroupTimeout().toMillis(),
        s.spcBaseline(), s.spcCapabilityWindow(), s.spcRules(), s.spcGiven(), s.kafka(), s.spcSettingsTopic());
    p.deliver("spc", spc.points(), spc.alerts());
  }

  static void energy(Plumbing p, AnalyticsSettings s) {
    SettingsTopic.ensure(s.kafka(), s.energySettingsTopic());
    DataStream<String> settings = SettingsTopic.stream(p.env(), s.kafka(), s.energySettingsTopic(),
        s.groupPrefix() + "energy-settings", p.bounded(), String.class, EnergySettings::readable, "energy-settings");
    SingleOutputStreamOperator<EsDocument> hours = p.inputs("energy", List.of(AnalyticsSettings.ENERGY_READINGS),
            MeterReading.class, MeterReading::from)
        .keyBy(MeterReading::key)
        .connect(settings.broadcast(EnergyProcess.SETTINGS))
        .process(new EnergyProcess(s.index("energy"), TariffTable.parse(s.tariff(), s.zone()),
            EmissionFactors.parse(s.emissionFactors()), s.energyZ(), s.lateness().toMillis(), s.kafka(),
            s.energySettingsTopic()))
        .name("energy-per-meter-hour").uid("energy-per-meter-hour");
    p.deliver("energy", hours, hours.getSideOutput(EnergyProcess.ALERTS));
  }

  static void health(Plumbing p, AnalyticsSettings s) {
    SingleOutputStreamOperator<EsDocument> windows = p.inputs("health", List.of(AnalyticsSettings.TELEMETRY),
            Sample.class, Sample::from)
        .keyBy(Sample::key)
        .process(new HealthProcess(s.index("health"),
            new EwmaScorer(s.healthAlpha(), s.healthZ(), s.healthWarmUp(), s.healthLimits()),
            s.healthWindow().toMillis()))
        .name("health-per-signal").uid("health-per-signal");
    p.deliver("health", windows, windows.getSideOutput(HealthProcess.ALERTS));
  }

  /** Telemetry scored by the models the registry deployed (broadcast from its compacted topic). */
  static void score(Plumbing p, AnalyticsSettings s) {
    ScoreJob.ensureTopic(s.kafka(), s.deploymentsTopic());
    DataStream<DeploymentRecord> deployments = p.env().fromSource(
            ScoreJob.deployments(s.kafka(), s.deploymentsTopic(), s.groupPrefix() + "score-deployments",
                p.bounded(), s.deploymentKey()),
            WatermarkStrategy.noWatermarks(), "score-deployments")
        .uid("score-deployments-source");
    ScoreJob.Streams scored = ScoreJob.build(p.inputs("score", List.of(AnalyticsSettings.TELEMETRY), Sample.class,
        Sample::from), deployments, s.index("scores"));
    p.deliver("score", scored.scores(), scored.alerts());
  }

  static final List<String> GENEALOGY_TOPICS = Links.ENTITIES.stream().map(TopicContract::standard).toList();

  static final List<String> ATTAINMENT_TOPICS = List.of(TopicContract.standard("production-schedule"),
      TopicContract.standard("production-performance"));

  /**
   * The production orders' records: lots linked to what they were made of, by and with, and where they went (one
   * document per link), and each order's plan beside its actuals (one document per order).
   */
  static void genealogy(Plumbing p, AnalyticsSettings s) {
    String index = s.index("genealogy");
    DataStream<EsDocument> links = p.inputs("genealogy", GENEALOGY_TOPICS, Links.class, Links::from)
        .flatMap((Links stated, Collector<EsDocument> out) -> {
          for (Link link : stated.links()) {
            out.collect(link.document(index));
          }
        })
        .returns(EsDocument.class).name("genealogy-links").uid("genealogy-links");
    DataStream<EsDocument> orders = p.inputs("genealogy-orders", ATTAINMENT_TOPICS, OrderEvent.class, OrderEvent::from)
        .keyBy(OrderEvent::key)
        .process(new AttainmentProcess(s.index("attainment"), s.zone()))
        .name("plan-against-actual-per-order").uid("plan-against-actual-per-order");
    p.deliver("genealogy", links.union(orders), null);
  }

  public static DataStream<Measurement> measurements(StreamExecutionEnvironment env, AnalyticsSettings s,
      boolean bounded) {
    return inputs(env, s, "spc", List.of(AnalyticsSettings.QUALITY_RESULTS), Measurement.class, Measurement::from,
        bounded);
  }

  public static Sink<EsDocument> results(AnalyticsSettings s, String job) {
    return new ElasticsearchSink(s.elasticsearch(), s.indexPrefix(), s.sinkBatch(), s.sinkFlush().toMillis(),
        s.sinkRetries(), s.refreshInterval(), s.deadLetters(job));
  }

  public static Sink<Alert> alerts(AnalyticsSettings s, String job) {
    return new AlertSink(s.alertsTopic(), s.deadLetters(job));
  }
}
