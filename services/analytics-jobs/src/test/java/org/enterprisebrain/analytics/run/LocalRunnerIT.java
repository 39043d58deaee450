package org.enterprisebrain.analytics.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.execution.ExecutionState;
import org.enterprisebrain.analytics.RealServers;
import org.enterprisebrain.servers.ManagedProcess;
import org.junit.jupiter.api.Test;

/**
 * {@code brain up}'s MiniCluster loses its TaskManager (a fatal error closes it for good): the watch starts
 * another and the job's tasks run again, where they used to wait for slots that never came.
 */
@org.junit.jupiter.api.Timeout(300)
class LocalRunnerIT {

  @Test
  void aJobRunsAgainAfterItsTaskManagerIsKilled() throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("BRAIN_KAFKA_BOOTSTRAP", RealServers.kafka());
    values.put("BRAIN_ELASTICSEARCH_URL", RealServers.elasticsearch());
    values.put("BRAIN_ANALYTICS_INDEX_PREFIX", "brain-local-");
    values.put("BRAIN_ANALYTICS_GROUP_PREFIX", "local-");
    values.put("BRAIN_ANALYTICS_ALERTS_TOPIC", "it.alerts.local");
    values.put("BRAIN_ANALYTICS_DEAD_LETTER_TOPIC", "it.dead.local");
    values.put("BRAIN_ANALYTICS_START_FROM", "earliest");
    values.put("BRAIN_ANALYTICS_CHECKPOINT_INTERVAL", "PT1S");
    values.put("BRAIN_ANALYTICS_REST_PORT", Integer.toString(ManagedProcess.freePort()));
    try (LocalRunner runner = LocalRunner.start(AnalyticsSettings.from(values), List.of("health"))) {
      JobID job = runner.cluster().listJobs().get().iterator().next().getJobId();
      assertThat(waitForTasks(runner, job, true, 60)).as("every task running").isTrue();

      runner.cluster().terminateTaskManager(0).get(30, TimeUnit.SECONDS);
      assertThat(waitForTasks(runner, job, false, 30)).as("the tasks lost their TaskManager").isFalse();
      assertThat(waitForTasks(runner, job, true, 120)).as("every task running again on a new TaskManager").isTrue();
      assertThat(runner.cluster().requestClusterOverview().get().getNumTaskManagersConnected()).isEqualTo(1);
    }
  }

  /** Waits until whether every task of the job runs is {@code wanted}, at most {@code seconds}; returns it then. */
  static boolean waitForTasks(LocalRunner runner, JobID job, boolean wanted, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    boolean running = allRunning(runner, job);
    while (running != wanted && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      running = allRunning(runner, job);
    }
    return running;
  }

  static boolean allRunning(LocalRunner runner, JobID job) throws Exception {
    var graph = runner.cluster().getExecutionGraph(job).get(10, TimeUnit.SECONDS);
    return StreamSupport.stream(graph.getAllExecutionVertices().spliterator(), false)
        .allMatch(v -> v.getExecutionState() == ExecutionState.RUNNING);
  }
}
