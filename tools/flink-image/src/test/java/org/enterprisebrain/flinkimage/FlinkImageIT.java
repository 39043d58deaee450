package org.enterprisebrain.flinkimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.BootstrapTools;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.enterprisebrain.analytics.RealServers;
import org.enterprisebrain.servers.ManagedProcess;
import org.enterprisebrain.testsupport.ContainerImage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics jobs' image run as the Flink Kubernetes Operator runs it, without Kubernetes: its files only,
 * as user 65532, in a chroot. The JobManager starts as standalone mode's entry point ({@code standalone-job}),
 * the TaskManager with the exact {@code bash -c "kubernetes-taskmanager.sh …"} a native-mode JobManager gives
 * its pods (built here with Flink's own code), through the shell-less {@code /docker-entrypoint.sh}. The job
 * reads a real Kafka broker and writes a real Elasticsearch node; it must run and complete checkpoints.
 */
class FlinkImageIT {

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theImageRunsAnAnalyticsJobWithANativeModeTaskManager() throws Exception {
    ContainerImage image = ContainerImage.unpack(Path.of("target", "jib-image.tar"), Path.of("target", "image-rootfs"));
    assertThat(image.config().path("User").asString()).isEqualTo("65532:65532");
    Path root = image.rootfs();
    assertThat(root.resolve("opt/flink/usrlib/analytics-jobs-job.jar")).isRegularFile();
    assertThat(root.resolve("docker-entrypoint.sh")).isExecutable();
    assertThat(root.resolve("opt/flink/plugins/s3-fs-presto/flink-s3-fs-presto-2.2.0.jar")).isRegularFile();
    assertThat(root.resolve("bin/sh")).doesNotExist();
    assertThat(root.resolve("bin/bash")).doesNotExist();

    String kafka = RealServers.kafka();
    String elasticsearch = RealServers.elasticsearch();
    int rest = ManagedProcess.freePort();
    // what the operator's ConfigMap mounts at /opt/flink/conf
    Path conf = root.resolve("opt/flink/conf");
    Files.writeString(conf.resolve("config.yaml"), """
        jobmanager.rpc.address: 127.0.0.1
        jobmanager.rpc.port: %d
        rest.port: %d
        rest.address: 127.0.0.1
        rest.bind-address: 127.0.0.1
        blob.server.port: %d
        taskmanager.rpc.port: %d
        taskmanager.host: 127.0.0.1
        jobmanager.memory.process.size: 768m
        taskmanager.memory.process.size: 1024m
        taskmanager.memory.managed.fraction: 0.05
        taskmanager.numberOfTaskSlots: 2
        env.java.default-opts.all: --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
        execution.checkpointing.dir: file:///tmp/checkpoints
        """.formatted(ManagedProcess.freePort(), rest, ManagedProcess.freePort(), ManagedProcess.freePort()));
    Files.writeString(conf.resolve("log4j-console.properties"), """
        rootLogger.level = INFO
        rootLogger.appenderRef.console.ref = ConsoleAppender
        rootLogger.appenderRef.file.ref = FileAppender
        appender.console.name = ConsoleAppender
        appender.console.type = Console
        appender.console.layout.type = PatternLayout
        appender.console.layout.pattern = %d %-5p %c{1} - %m%n
        appender.file.name = FileAppender
        appender.file.type = File
        appender.file.fileName = ${sys:log.file}
        appender.file.layout.type = PatternLayout
        appender.file.layout.pattern = %d %-5p %c{1} - %m%n
        """);
    // what the kubelet mounts in every pod: the pod's own name resolves (Flink's blob server looks it up)
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost\n127.0.0.1 "
        + java.net.InetAddress.getLocalHost().getHostName() + "\n");
    // the chart passes the jobs' settings as environment (envFrom its ConfigMap)
    Map<String, String> env = new HashMap<>(Map.of("BRAIN_KAFKA_BOOTSTRAP", kafka, "BRAIN_ELASTICSEARCH_URL",
        elasticsearch, "BRAIN_ANALYTICS_CHECKPOINT_INTERVAL", "PT2S", "BRAIN_ANALYTICS_START_FROM", "earliest",
        "HOSTNAME", "brain-health"));

    // the TaskManager's pod as a native-mode JobManager writes it
    Configuration tm = new Configuration();
    tm.set(TaskManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse("1024m"));
    tm.set(TaskManagerOptions.MANAGED_MEMORY_FRACTION, 0.05f);
    tm.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
    TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(tm);
    Configuration pod = new Configuration();
    pod.setString("taskmanager.resource-id", "brain-health-taskmanager-1-1");
    String args = "kubernetes-taskmanager.sh " + BootstrapTools.getDynamicPropertiesAsString(new Configuration(), pod)
        + " " + TaskExecutorProcessUtils.generateDynamicConfigsStr(spec);
    Map<String, String> tmEnv = new HashMap<>(env);
    tmEnv.put("_POD_NODE_ID", "node-1");
    tmEnv.put("FLINK_TM_JVM_MEM_OPTS", ProcessMemoryUtils.generateJvmParametersStr(spec));
    tmEnv.put("HOSTNAME", "brain-health-taskmanager-1-1");

    Path jmLog = Path.of("target", "flink-jobmanager.log");
    Path tmLog = Path.of("target", "flink-taskmanager.log");
    List<Process> started = new ArrayList<>();
    try {
      started.add(image.start(List.of("/opt/flink/bin/flink-entry", "standalone-job", "--job-classname",
          "org.enterprisebrain.analytics.run.AnalyticsJobMain", "health"), env, jmLog));
      started.add(image.start(List.of("/docker-entrypoint.sh", "bash", "-c", args), tmEnv, tmLog));
      String base = "http://127.0.0.1:" + rest;
      String job = await(started, jmLog, tmLog, Duration.ofMinutes(3), () -> {
        JsonNode jobs = get(base + "/jobs/overview");
        return jobs == null ? null : jobs.path("jobs").valueStream()
            .filter(j -> "RUNNING".equals(j.path("state").asString())).map(j -> j.path("jid").asString())
            .findFirst().orElse(null);
      });
      // a job is RUNNING once scheduled: its TaskManager may register a moment later
      String manager = await(started, jmLog, tmLog, Duration.ofMinutes(2), () -> {
        JsonNode managers = get(base + "/taskmanagers");
        return managers == null ? null : managers.path("taskmanagers").valueStream().map(t -> t.path("id").asString())
            .findFirst().orElse(null);
      });
      assertThat(manager).isEqualTo("brain-health-taskmanager-1-1");
      await(started, jmLog, tmLog, Duration.ofMinutes(2), () -> {
        JsonNode checkpoints = get(base + "/jobs/" + job + "/checkpoints");
        return checkpoints != null && checkpoints.path("counts").path("completed").asInt() >= 2 ? "done" : null;
      });
      assertThat(get(base + "/jobs/" + job).path("vertices").valueStream()
          .allMatch(v -> "RUNNING".equals(v.path("status").asString()))).isTrue();
      // the memory the scripts would have given each JVM, and the operator's JVM options
      String tmOut = Files.readString(tmLog);
      assertThat(tmOut).contains("KubernetesTaskExecutorRunner", ProcessMemoryUtils.generateJvmParametersStr(spec)
          .split(" ")[0], "--add-opens=java.base/java.util=ALL-UNNAMED");
      assertThat(Files.readString(jmLog)).contains("StandaloneApplicationClusterEntryPoint", "-Xmx");
    } finally {
      for (Process p : started) {
        ContainerImage.stop(p);
      }
    }
  }

  interface Probe {
    String get() throws Exception;
  }

  static String await(List<Process> processes, Path jmLog, Path tmLog, Duration timeout, Probe probe) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Process p : processes) {
        assertThat(p.isAlive()).as(() -> "a container ended:\n" + tail(jmLog) + "\n---\n" + tail(tmLog)).isTrue();
      }
      String value = probe.get();
      if (value != null) {
        return value;
      }
      assertThat(System.nanoTime()).as(() -> "not in time:\n" + tail(jmLog) + "\n---\n" + tail(tmLog))
          .isLessThan(deadline);
      Thread.sleep(1000);
    }
  }

  static JsonNode get(String url) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (java.io.IOException e) {
      return null; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String tail(Path log) {
    try {
      String s = Files.exists(log) ? Files.readString(log) : "(no output)";
      return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
