package org.enterprisebrain.flinkimage;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.bash.FlinkConfigLoader;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * The java command line Flink's own scripts ({@code config.sh}, {@code kubernetes-*.sh}, {@code flink-console.sh})
 * would build, for an image without a shell: {@code flink-entry} runs this in a small JVM, then executes the
 * command it prints, so the Flink JVM replaces it (PID 1, signals straight to Flink).
 *
 * <p>Accepts what the Flink Kubernetes Operator passes to the entry point: native mode's {@code bash -c
 * "kubernetes-jobmanager.sh kubernetes-application …"} and {@code bash -c "kubernetes-taskmanager.sh …"}, and
 * standalone mode's {@code standalone-job …}, {@code jobmanager …} and {@code taskmanager …}. Memory flags come
 * from Flink's own process-memory model (what {@code BashJavaUtils} computes for the scripts). Prints the command
 * NUL-separated on standard output; everything else (Flink's logging included) goes to standard error.
 */
public final class FlinkCommand {

  /** A role of the image: the main class and whether it is a JobManager. */
  enum Role {
    KUBERNETES_APPLICATION("org.apache.flink.kubernetes.entrypoint.KubernetesApplicationClusterEntrypoint", true),
    KUBERNETES_SESSION("org.apache.flink.kubernetes.entrypoint.KubernetesSessionClusterEntrypoint", true),
    KUBERNETES_TASKMANAGER("org.apache.flink.kubernetes.taskmanager.KubernetesTaskExecutorRunner", false),
    STANDALONE_JOB("org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint", true),
    STANDALONE_SESSION("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", true),
    TASKMANAGER("org.apache.flink.runtime.taskexecutor.TaskManagerRunner", false);

    final String mainClass;
    final boolean jobManager;

    Role(String mainClass, boolean jobManager) {
      this.mainClass = mainClass;
      this.jobManager = jobManager;
    }

    String service() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private FlinkCommand() {
  }

  public static void main(String[] args) throws Exception {
    PrintStream result = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err);
    List<String> command = command(Arrays.asList(args), System.getenv());
    for (String part : command) {
      result.print(part);
      result.print('\0');
    }
    result.flush();
  }

  /** The command for the entry point's arguments, in this environment. */
  static List<String> command(List<String> argv, Map<String, String> env) throws Exception {
    List<String> words = argv;
    if (argv.size() == 3 && argv.get(0).equals("bash") && argv.get(1).equals("-c")) {
      words = tokenize(argv.get(2));
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException("no command: expected bash -c \"kubernetes-*.sh …\", standalone-job, "
          + "jobmanager or taskmanager");
    }
    String confDir = env.getOrDefault("FLINK_CONF_DIR", "/opt/flink/conf");
    List<String> rest = new ArrayList<>(words.subList(1, words.size()));
    Role role;
    switch (script(words.get(0))) {
      case "kubernetes-jobmanager.sh" -> {
        String mode = rest.isEmpty() ? "" : rest.remove(0);
        role = switch (mode) {
          case "kubernetes-application" -> Role.KUBERNETES_APPLICATION;
          case "kubernetes-session" -> Role.KUBERNETES_SESSION;
          default -> throw new IllegalArgumentException("kubernetes-jobmanager.sh: unknown mode '" + mode + "'");
        };
      }
      case "kubernetes-taskmanager.sh" -> role = Role.KUBERNETES_TASKMANAGER;
      case "standalone-job" -> role = Role.STANDALONE_JOB;
      case "jobmanager" -> role = Role.STANDALONE_SESSION;
      case "taskmanager" -> role = Role.TASKMANAGER;
      default -> throw new IllegalArgumentException("cannot run '" + words.get(0) + "': this image has no shell; "
          + "expected bash -c \"kubernetes-*.sh …\", standalone-job, jobmanager or taskmanager");
    }
    // the configuration as the scripts read it: the mounted directory plus the dynamic properties given
    List<String> configArgs = new ArrayList<>(List.of("--configDir", confDir));
    configArgs.addAll(rest);
    Configuration conf = FlinkConfigLoader.loadConfiguration(configArgs.toArray(String[]::new));

    List<String> jvm = new ArrayList<>();
    List<String> programArgs = new ArrayList<>();
    if (role.jobManager) {
      JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(conf);
      jvm.addAll(split(JobManagerProcessUtils.generateJvmParametersStr(spec, conf)));
      if (role == Role.KUBERNETES_APPLICATION || role == Role.KUBERNETES_SESSION) {
        programArgs.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
        programArgs.addAll(rest);
      } else {
        programArgs.addAll(List.of("--configDir", confDir));
        programArgs.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
        programArgs.addAll(rest);
      }
    } else {
      TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(conf);
      jvm.addAll(split(ProcessMemoryUtils.generateJvmParametersStr(spec)));
      programArgs.addAll(List.of("--configDir", confDir));
      if (role == Role.TASKMANAGER) {
        // native mode's JobManager already put them into the arguments; taskmanager.sh adds them itself
        programArgs.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
      }
      programArgs.addAll(rest);
    }
    jvm.add("-XX:+IgnoreUnrecognizedVMOptions");
    for (ConfigOption<String> option : role.jobManager
        ? List.of(CoreOptions.FLINK_DEFAULT_JVM_OPTIONS, CoreOptions.FLINK_JVM_OPTIONS,
            CoreOptions.FLINK_DEFAULT_JM_JVM_OPTIONS, CoreOptions.FLINK_JM_JVM_OPTIONS)
        : List.of(CoreOptions.FLINK_DEFAULT_JVM_OPTIONS, CoreOptions.FLINK_JVM_OPTIONS,
            CoreOptions.FLINK_DEFAULT_TM_JVM_OPTIONS, CoreOptions.FLINK_TM_JVM_OPTIONS)) {
      jvm.addAll(split(expand(conf.get(option), env)));
    }
    String logDir = env.getOrDefault("FLINK_LOG_DIR", conf.getOptional(CoreOptions.FLINK_LOG_DIR).orElse("/tmp/flink-log"));
    new File(logDir).mkdirs();
    jvm.add("-Dlog.file=" + logDir + "/flink--" + role.service() + "-0-" + env.getOrDefault("HOSTNAME", "localhost")
        + ".log");
    jvm.add("-Dlog4j.configuration=file:" + confDir + "/log4j-console.properties");
    jvm.add("-Dlog4j.configurationFile=file:" + confDir + "/log4j-console.properties");
    jvm.add("-Dlogback.configurationFile=file:" + confDir + "/logback-console.xml");

    List<String> command = new ArrayList<>();
    String javaHome = conf.getOptional(CoreOptions.FLINK_JAVA_HOME).orElse(env.getOrDefault("JAVA_HOME", "/opt/java"));
    command.add(javaHome + "/bin/java");
    command.addAll(jvm);
    command.add("-classpath");
    command.add(classpath(env.getOrDefault("FLINK_LIB_DIR", "/opt/flink/lib")));
    command.add(role.mainClass);
    command.addAll(programArgs);
    return command;
  }

  /** The script name without a directory: the official image finds them through PATH. */
  private static String script(String word) {
    return word.substring(word.lastIndexOf('/') + 1);
  }

  /** Every jar of the lib directory, sorted, as {@code flink-console.sh} builds it. */
  static String classpath(String libDir) {
    File[] jars = new File(libDir).listFiles((d, name) -> name.endsWith(".jar"));
    if (jars == null || jars.length == 0) {
      throw new IllegalStateException("no jars in " + libDir);
    }
    return Arrays.stream(jars).map(File::getPath).sorted().collect(java.util.stream.Collectors.joining(File.pathSeparator));
  }

  private static List<String> split(String s) {
    return s == null || s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+"));
  }

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  /** {@code $VAR} and {@code ${VAR}} from the environment, as {@code flink-console.sh}'s {@code eval echo} does. */
  static String expand(String s, Map<String, String> env) {
    if (s == null) {
      return null;
    }
    Matcher m = VARIABLE.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(name, "")));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Splits a {@code bash -c} string into words as a POSIX shell would, without expansion: blanks separate,
   * {@code '…'} is literal, {@code "…"} keeps {@code \"}, {@code \\}, {@code \$} and {@code \`} escapes, a
   * backslash outside quotes escapes the next character. An unquoted {@code $}, {@code `}, {@code ;}, {@code |},
   * {@code &}, {@code <} or {@code >} is refused: Flink never sends them and without a shell they cannot work.
   */
  static List<String> tokenize(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        continue;
      }
      if (word == null) {
        word = new StringBuilder();
      }
      switch (c) {
        case '\'' -> {
          int end = s.indexOf('\'', i + 1);
          if (end < 0) {
            throw new IllegalArgumentException("unterminated ' in: " + s);
          }
          word.append(s, i + 1, end);
          i = end;
        }
        case '"' -> {
          int j = i + 1;
          for (; j < s.length() && s.charAt(j) != '"'; j++) {
            char d = s.charAt(j);
            if (d == '\\' && j + 1 < s.length() && "\"\\$`".indexOf(s.charAt(j + 1)) >= 0) {
              word.append(s.charAt(++j));
            } else if (d == '$' || d == '`') {
              throw new IllegalArgumentException("no shell here to expand " + d + " in: " + s);
            } else {
              word.append(d);
            }
          }
          if (j >= s.length()) {
            throw new IllegalArgumentException("unterminated \" in: " + s);
          }
          i = j;
        }
        case '\\' -> {
          if (i + 1 < s.length()) {
            word.append(s.charAt(++i));
          }
        }
        case '$', '`', ';', '|', '&', '<', '>' ->
            throw new IllegalArgumentException("no shell here for '" + c + "' in: " + s);
        default -> word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
