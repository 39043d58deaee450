package org.enterprisebrain.analytics.run;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point of the job jar on a Flink cluster (FlinkDeployment {@code args: ["oee"]}): runs one job,
 * configured from {@code BRAIN_*} environment variables.
 */
public final class AnalyticsJobMain {

  private AnalyticsJobMain() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: AnalyticsJobMain <job>, job one of " + AnalyticsJobs.NAMES);
    }
    AnalyticsSettings settings = AnalyticsSettings.fromEnvironment();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    AnalyticsJobs.configure(env, settings);
    AnalyticsJobs.add(args[0], env, settings, false);
    env.execute("brain-analytics-" + args[0]);
  }
}
