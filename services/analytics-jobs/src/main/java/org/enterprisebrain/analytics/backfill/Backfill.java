package org.enterprisebrain.analytics.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.enterprisebrain.analytics.alerts.Alert;
import org.enterprisebrain.analytics.run.AnalyticsJobs;
import org.enterprisebrain.analytics.run.AnalyticsSettings;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.StandardSource;

/**
 * Recomputes one plant's results for a range of time from the retained standard topics, with the live jobs'
 * own operators on a bounded input. The live jobs drop what arrives after their lateness (history loaded
 * after live data); a backfill reads the range in one go without watermarks, so nothing in it is late, and
 * at the end of its input computes every period. Its results carry the live jobs' deterministic ids: they
 * replace what the live jobs wrote for the range, and running the same backfill twice changes nothing.
 *
 * <p>It needs the topics to retain the range and {@link #MARGIN} on either side (the state in force when
 * the range starts, the shifts it cuts). It writes no alert to Kafka: alerts of history are recorded in the
 * alerts index, not notified again. SPC is not among its jobs: a chart takes samples in the order they
 * arrive and never drops history as late.
 */
public final class Backfill {

  /** The jobs that compute by event time and so drop records older than their lateness. */
  public static final List<String> JOBS = List.of("oee", "energy", "health");
  /** Read before and after the range: a shift or the state in force reaches at most a day past its edges. */
  public static final Duration MARGIN = Duration.ofHours(24);
  static final int ATTEMPTS = 3;
  /**
   * Master data applies whenever it was sent, and a work order is released long before the reports of the range:
   * they are read whatever their time.
   */
  static final List<String> MASTER_TOPICS = List.of(AnalyticsSettings.EQUIPMENT, AnalyticsSettings.WORK_ORDERS);

  private Backfill() {
  }

  /**
   * The environment configured as the live jobs' (checkpoints), but a backfill that fails gives up after
   * {@link #ATTEMPTS} restarts and says why, where a live job retries for ever, and the jobs added.
   */
  public static void prepare(StreamExecutionEnvironment env, AnalyticsSettings s, BackfillRange range, List<String> jobs) {
    AnalyticsJobs.configure(env, s);
    Configuration restarts = new Configuration();
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, ATTEMPTS);
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(5));
    env.configure(restarts);
    add(env, s, range, jobs);
  }

  /** The jobs' operators over the range, each in the given environment (run it with {@code execute}). */
  public static void add(StreamExecutionEnvironment env, AnalyticsSettings s, BackfillRange range, List<String> jobs) {
    for (String job : jobs) {
      if (!JOBS.contains(job)) {
        throw new IllegalArgumentException("jobs: a backfill recomputes " + JOBS + ", not '" + job + "'");
      }
      AnalyticsJobs.add(job, new Plumbing(env, s, range), s);
    }
  }

  record Plumbing(StreamExecutionEnvironment env, AnalyticsSettings s, BackfillRange range)
      implements AnalyticsJobs.Plumbing {

    @Override
    public boolean bounded() {
      return true;
    }

    @Override
    public <T extends StandardSource.Timed> DataStream<T> inputs(String job, List<String> topics, Class<T> type,
        StandardSource.Mapper<T> mapper) {
      var read = new InRange<>(mapper, range.plant(), range.from().minus(MARGIN).toEpochMilli(),
          range.to().plus(MARGIN).toEpochMilli(), MASTER_TOPICS);
      // its own group, from the start, and bounded by the offsets at its start: what the live jobs commit is untouched
      var source = StandardSource.of(s.kafka(), s.groupPrefix() + "backfill-" + job, true, topics, type, read, true);
      return env.fromSource(source, WatermarkStrategy.<T>noWatermarks().withTimestampAssigner((e, previous) -> e.at()),
          "backfill-" + job + "-inputs");
    }

    @Override
    public void deliver(String job, DataStream<EsDocument> documents, DataStream<Alert> raised) {
      DataStream<EsDocument> all = raised == null ? documents
          : documents.union(AnalyticsJobs.alertDocuments(job, raised, s));
      all.filter(new InPeriod(range)).name("backfill-" + job + "-range")
          .sinkTo(AnalyticsJobs.results(s, "backfill-" + job)).name("backfill-" + job + "-to-elasticsearch");
    }
  }

  /** One plant's records of the range and its margins. */
  record InRange<T extends StandardSource.Timed>(StandardSource.Mapper<T> mapper, String plant, long from, long until,
      List<String> masterTopics) implements StandardSource.Mapper<T> {
    @Override
    public T map(String topic, JsonNode envelope) {
      if (!plant.equals(Envelope.text(envelope, "plant"))) {
        return null;
      }
      T value = mapper.map(topic, envelope);
      if (value == null || masterTopics.contains(topic)) {
        return value;
      }
      return value.at() >= from && value.at() < until ? value : null;
    }
  }

  /** Results whose period ({@code start}–{@code end}) overlaps the range, alerts raised ({@code at}) in it. */
  record InPeriod(BackfillRange range) implements FilterFunction<EsDocument> {
    @Override
    public boolean filter(EsDocument d) throws Exception {
      JsonNode n = Envelope.JSON.readTree(d.json());
      long start = Envelope.millis(n.has("start") ? n.get("start") : n.get("at"));
      long end = n.has("end") ? Envelope.millis(n.get("end")) : start;
      return start >= 0 && range.overlaps(start, end);
    }
  }
}
