package org.enterprisebrain.flinkimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.BootstrapTools;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entry point's command lines against what Flink's own code produces: the TaskManager string native mode's
 * JobManager builds (BootstrapTools, TaskExecutorProcessUtils), the memory flags Flink's scripts compute.
 */
class FlinkCommandTest {

  @TempDir
  Path home;

  Map<String, String> env() throws Exception {
    Path conf = Files.createDirectories(home.resolve("conf"));
    Path lib = Files.createDirectories(home.resolve("libs"));
    Files.writeString(lib.resolve("flink-runtime.jar"), "");
    Files.writeString(lib.resolve("a-first.jar"), "");
    Files.writeString(conf.resolve("config.yaml"), """
        jobmanager.memory.process.size: 1024m
        taskmanager.memory.process.size: 2048m
        taskmanager.numberOfTaskSlots: 2
        env.java.default-opts.all: --add-opens=java.base/java.util=ALL-UNNAMED -Dhome=$HOME
        env.java.opts.taskmanager: -XX:+UseG1GC
        """);
    return Map.of("FLINK_CONF_DIR", conf.toString(), "FLINK_LIB_DIR", lib.toString(), "FLINK_LOG_DIR",
        home.resolve("log").toString(), "JAVA_HOME", "/opt/java", "HOSTNAME", "tm-1", "HOME", "/home/flink");
  }

  @Test
  void theNativeTaskManagerStringOfFlinksJobManagerBecomesTheScriptsCommand() throws Exception {
    Map<String, String> env = env();
    Configuration tm = new Configuration();
    tm.set(TaskManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse("2048m"));
    tm.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
    TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(tm);
    Configuration target = new Configuration();
    target.setString("taskmanager.resource-id", "brain-oee-taskmanager-1-1");
    target.setString("pipeline.name", "it's an odd name"); // a quote inside a value, as escapeWithSingleQuote writes it
    String line = "kubernetes-taskmanager.sh " + BootstrapTools.getDynamicPropertiesAsString(new Configuration(), target)
        + " " + TaskExecutorProcessUtils.generateDynamicConfigsStr(spec);

    List<String> command = FlinkCommand.command(List.of("bash", "-c", line), env);

    assertThat(command.get(0)).isEqualTo("/opt/java/bin/java");
    String jvm = String.join(" ", command.subList(0, command.indexOf("-classpath")));
    assertThat(jvm).contains(ProcessMemoryUtils.generateJvmParametersStr(spec), "-XX:+UseG1GC",
        "--add-opens=java.base/java.util=ALL-UNNAMED", "-Dhome=/home/flink",
        "-Dlog.file=" + env.get("FLINK_LOG_DIR") + "/flink--kubernetes-taskmanager-0-tm-1.log",
        "-Dlog4j.configurationFile=file:" + env.get("FLINK_CONF_DIR") + "/log4j-console.properties");
    assertThat(command.get(command.indexOf("-classpath") + 1))
        .isEqualTo(home.resolve("libs/a-first.jar") + ":" + home.resolve("libs/flink-runtime.jar"));
    List<String> program = command.subList(command.indexOf("-classpath") + 2, command.size());
    assertThat(program.get(0)).isEqualTo("org.apache.flink.kubernetes.taskmanager.KubernetesTaskExecutorRunner");
    assertThat(program).containsSequence("--configDir", env.get("FLINK_CONF_DIR"))
        .contains("-Dtaskmanager.resource-id=brain-oee-taskmanager-1-1", "-Dpipeline.name=it's an odd name",
            "taskmanager.numberOfTaskSlots=2");
  }

  @Test
  void theNativeApplicationJobManagerGetsItsMemoryFlagsAndDynamicConfigs() throws Exception {
    List<String> command = FlinkCommand.command(List.of("bash", "-c",
        "kubernetes-jobmanager.sh kubernetes-application"), env());
    // the figures Flink's own model gives for a 1024m JobManager process (as the scripts' BashJavaUtils)
    assertThat(command).contains("-Xmx469762048", "-Xms469762048", "-XX:MaxMetaspaceSize=268435456",
        "org.apache.flink.kubernetes.entrypoint.KubernetesApplicationClusterEntrypoint",
        "jobmanager.memory.heap.size=469762048b")
        .doesNotContain("-XX:+UseG1GC"); // a TaskManager option
  }

  @Test
  void standaloneModeRunsTheApplicationAndTaskManagerEntryPoints() throws Exception {
    Map<String, String> env = env();
    List<String> job = FlinkCommand.command(List.of("standalone-job", "--job-classname", "x.Main", "oee"), env);
    List<String> program = job.subList(job.indexOf("org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint"),
        job.size());
    assertThat(program).containsSequence("--configDir", env.get("FLINK_CONF_DIR")).endsWith("--job-classname", "x.Main", "oee");
    List<String> tm = FlinkCommand.command(List.of("taskmanager"), env);
    assertThat(tm).contains("org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "taskmanager.numberOfTaskSlots=2");
  }

  @Test
  void theTokenizerFollowsShellQuotingAndRefusesWhatOnlyAShellCouldDo() {
    assertThat(FlinkCommand.tokenize(" a  'b c' \"d \\\"e\\\" \\\\ f\" g\\ h -Dk='it'\\''s' ''"))
        .containsExactly("a", "b c", "d \"e\" \\ f", "g h", "-Dk=it's", "");
    assertThatThrownBy(() -> FlinkCommand.tokenize("a; rm -rf /")).hasMessageContaining("';'");
    assertThatThrownBy(() -> FlinkCommand.tokenize("a $HOME")).hasMessageContaining("'$'");
    assertThatThrownBy(() -> FlinkCommand.tokenize("a \"$(id)\"")).hasMessageContaining("expand $");
    assertThatThrownBy(() -> FlinkCommand.tokenize("a 'b")).hasMessageContaining("unterminated");
  }

  @Test
  void anythingButFlinksEntryPointsIsRefused() throws Exception {
    Map<String, String> env = env();
    assertThatThrownBy(() -> FlinkCommand.command(List.of("bash", "-c", "cat /etc/passwd"), env))
        .hasMessageContaining("no shell");
    assertThatThrownBy(() -> FlinkCommand.command(List.of("bash", "-c", "kubernetes-jobmanager.sh kubernetes-bogus"),
        env)).hasMessageContaining("unknown mode");
  }
}
