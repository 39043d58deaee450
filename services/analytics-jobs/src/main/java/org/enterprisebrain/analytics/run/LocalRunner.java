package org.enterprisebrain.analytics.run;

import java.util.concurrent.CountDownLatch;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * What {@code brain up} runs: one Flink MiniCluster in this JVM with every analytics job submitted to it,
 * and Flink's REST API on {@code BRAIN_ANALYTICS_REST_PORT} (job status for the analytics service, exactly
 * as a Flink cluster's JobManager serves it). Local jobs keep no state between runs, so they read their
 * topics from the start ({@code BRAIN_ANALYTICS_START_FROM=earliest}); deterministic ids make the rerun
 * overwrite the same results.
 */
public final class LocalRunner {

  private LocalRunner() {
  }

  public static void main(String[] args) throws Exception {
    AnalyticsSettings settings = AnalyticsSettings.fromEnvironment();
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
        .setNumSlotsPerTaskManager(AnalyticsJobs.NAMES.size() * settings.parallelism())
        .build());
    cluster.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cluster.closeAsync().join();
      stopped.countDown();
    }, "analytics-stop"));
    for (String job : AnalyticsJobs.NAMES) {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      AnalyticsJobs.configure(env, settings);
      AnalyticsJobs.add(job, env, settings, false);
      StreamGraph graph = env.getStreamGraph();
      graph.setJobName("brain-analytics-" + job);
      cluster.submitJob(graph).get();
    }
    System.out.println("analytics jobs " + AnalyticsJobs.NAMES + " running; Flink REST " + cluster.getRestAddress().get());
    stopped.await();
  }
}
