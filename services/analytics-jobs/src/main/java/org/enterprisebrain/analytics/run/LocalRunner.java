package org.enterprisebrain.analytics.run;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.enterprisebrain.analytics.backfill.Backfill;
import org.enterprisebrain.analytics.backfill.BackfillQueue;
import org.enterprisebrain.analytics.backfill.BackfillRange;
import org.enterprisebrain.analytics.sink.ElasticsearchSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code brain up} runs: one Flink MiniCluster in this JVM with every analytics job submitted to it,
 * and Flink's REST API on {@code BRAIN_ANALYTICS_REST_PORT} (job status for the analytics service, exactly
 * as a Flink cluster's JobManager serves it). Local jobs keep no state between runs, so they read their
 * topics from the start ({@code BRAIN_ANALYTICS_START_FROM=earliest}); deterministic ids make the rerun
 * overwrite the same results.
 *
 * <p>A MiniCluster does not replace a TaskManager that failed (a fatal error closes it for good), so its
 * jobs would wait in RESTARTING forever; a cluster manager would start a new one. Here a watch does:
 * when fewer TaskManagers than started stay registered for {@link #MISSING_CHECKS} checks in a row, it
 * starts another, and the jobs restart on it from their checkpoints.
 *
 * <p>It also runs the backfills requested through the analytics API ({@link BackfillQueue}), as bounded jobs
 * on the same cluster, one at a time.
 */
public final class LocalRunner implements AutoCloseable {

  static final long CHECK_SECONDS = 5;
  static final int MISSING_CHECKS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);

  private final MiniCluster cluster;
  private final ScheduledExecutorService watch;
  private final ScheduledExecutorService backfills;
  private final BackfillQueue queue;
  private final org.elasticsearch.client.RestClient es;
  private boolean requeued;
  private int missing;

  private LocalRunner(MiniCluster cluster, AnalyticsSettings settings) {
    this.cluster = cluster;
    this.watch = daemon("taskmanager-watch");
    watch.scheduleWithFixedDelay(this::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    this.es = settings.elasticsearch().client(0);
    this.queue = new BackfillQueue(es, settings.indexPrefix(), (id, range, jobs) -> backfill(settings, id, range, jobs));
    this.backfills = daemon("backfills");
    backfills.scheduleWithFixedDelay(this::runBackfills, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
  }

  private static ScheduledExecutorService daemon(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** The backfills requested through the analytics API, one at a time, on this cluster beside the live jobs. */
  private void runBackfills() {
    try {
      if (!requeued) {
        int again = queue.requeueInterrupted();
        if (again > 0) {
          LOG.info("{} backfill(s) interrupted by the last stop requested again", again);
        }
        requeued = true;
      }
      while (queue.runNext()) {
        // the next one, if any
      }
    } catch (Exception e) {
      // Elasticsearch not up yet or away: the next poll asks again
      LOG.warn("backfills: cannot read the requests ({})", e.toString());
    }
  }

  private void backfill(AnalyticsSettings settings, String id, BackfillRange range, List<String> jobs) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Backfill.prepare(env, settings, range, jobs);
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName("brain-backfill-" + id);
    JobResult result = cluster.requestJobResult(cluster.submitJob(graph).get().getJobID()).get();
    if (!result.isSuccess()) {
      throw result.getSerializedThrowable().map(t -> t.deserializeError(LocalRunner.class.getClassLoader()))
          .map(t -> t instanceof Exception e ? e : new IllegalStateException(t))
          .orElseGet(() -> new IllegalStateException("backfill job ended " + result.getApplicationStatus()));
    }
  }

  public static void main(String[] args) throws Exception {
    AnalyticsSettings settings = AnalyticsSettings.fromEnvironment();
    LocalRunner runner = start(settings, AnalyticsJobs.NAMES);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runner.close();
      stopped.countDown();
    }, "analytics-stop"));
    System.out.println("analytics jobs " + AnalyticsJobs.NAMES + " running; Flink REST "
        + runner.cluster.getRestAddress().get());
    stopped.await();
  }

  /** A MiniCluster with one TaskManager holding a slot per job and parallel task, the jobs submitted, watched. */
  public static LocalRunner start(AnalyticsSettings settings, List<String> jobs) throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    conf.set(RestOptions.PORT, settings.restPort());
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("64m"));
    conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("32m"));
    conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("32m"));
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(conf)
        .setNumTaskManagers(1)
        // and one job's worth for a backfill
        .setNumSlotsPerTaskManager((jobs.size() + 1) * settings.parallelism())
        .build());
    cluster.start();
    for (String job : jobs) {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      AnalyticsJobs.configure(env, settings);
      AnalyticsJobs.add(job, env, settings, false);
      StreamGraph graph = env.getStreamGraph();
      graph.setJobName("brain-analytics-" + job);
      cluster.submitJob(graph).get();
    }
    return new LocalRunner(cluster, settings);
  }

  public MiniCluster cluster() {
    return cluster;
  }

  private void check() {
    try {
      int connected = cluster.requestClusterOverview().get(CHECK_SECONDS, TimeUnit.SECONDS).getNumTaskManagersConnected();
      missing = connected < 1 ? missing + 1 : 0;
      if (missing >= MISSING_CHECKS) {
        LOG.warn("no TaskManager registered for {} s: starting a new one; the jobs restart on it from their checkpoints",
            CHECK_SECONDS * missing);
        cluster.startTaskManager();
        missing = 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the next check asks again: a watch that stopped on one slow answer would watch nothing
      LOG.warn("TaskManager watch: the cluster did not answer ({})", e.toString());
    }
  }

  @Override
  public void close() {
    watch.shutdownNow();
    backfills.shutdownNow();
    try {
      es.close();
    } catch (java.io.IOException e) {
      LOG.debug("closing the Elasticsearch client", e);
    }
    cluster.closeAsync().join();
  }
}
