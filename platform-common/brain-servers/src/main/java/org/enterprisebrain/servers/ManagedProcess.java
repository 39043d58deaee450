package org.enterprisebrain.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A server in its own OS process, with its output in a log file. Stopping ends the whole process tree
 * (Keycloak's kc.sh starts java as a child), politely first, forcibly after a grace period.
 */
public final class ManagedProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ManagedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static ManagedProcess start(String name, List<String> command, Map<String, String> env,
      Path workDir, Path log) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(env);
      return new ManagedProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  /** Waits until {@code ready} holds; fails early, with the log's tail, if the process dies. */
  public void awaitReady(BooleanSupplier ready, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (ready.getAsBoolean()) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log "
            + log + ":\n" + tail(40));
      }
      sleep(200);
    }
    close();
    throw new IllegalStateException(name + " not ready after " + timeout + "; log " + log + ":\n" + tail(40));
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit status of a process that has ended. */
  public int exitValue() {
    return process.exitValue();
  }

  /** Resident memory of the process and its descendants, in bytes (Linux /proc). */
  public long residentBytes() {
    long total = residentBytesOf(process.pid());
    for (ProcessHandle child : process.descendants().toList()) {
      total += residentBytesOf(child.pid());
    }
    return total;
  }

  /** CPU time used so far by the process and its descendants. */
  public Duration cpuTime() {
    Duration total = process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    for (ProcessHandle child : process.descendants().toList()) {
      total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
    }
    return total;
  }

  @Override
  public void close() {
    List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (ProcessHandle handle : tree) {
      while (handle.isAlive() && System.nanoTime() < deadline) {
        sleep(100);
      }
      if (handle.isAlive()) {
        handle.destroyForcibly();
      }
    }
  }

  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static final HttpClient PROBE = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  /** Whether a GET of {@code url} answers 200 now: the readiness probe of every server we start. */
  public static boolean answers200(String url) {
    try {
      return PROBE.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
          .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public static boolean portOpen(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /*
   * Ports are chosen below Linux's ephemeral range (32768–60999): a port the kernel handed out for
   * ServerSocket(0) could be taken by any outgoing connection (Kafka clients, Flink, HTTP probes) before
   * the server meant for it binds, which happened to a service started minutes after its port was chosen.
   * A random start keeps two JVMs on one machine apart; the set keeps one JVM from handing a port out twice.
   */
  private static final int FIRST_PORT = 20000;
  private static final int PORTS = 12000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger NEXT = new AtomicInteger(
      ThreadLocalRandom.current().nextInt(PORTS));

  /** A port nobody listens on now, outside the ephemeral range, never returned before by this JVM. */
  public static int freePort() {
    for (int attempt = 0; attempt < PORTS; attempt++) {
      int port = FIRST_PORT + Math.floorMod(NEXT.getAndIncrement(), PORTS);
      if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + FIRST_PORT + "–" + (FIRST_PORT + PORTS - 1));
  }

  private static boolean bindable(int port) {
    try (ServerSocket any = new ServerSocket()) {
      any.setReuseAddress(false);
      any.bind(new InetSocketAddress(port)); // the wildcard address: taken on 127.0.0.1 or anywhere fails
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The java binary of the running JVM, so child servers run on the same JDK. */
  public static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Resident memory of one process, in bytes (Linux /proc); 0 once it has ended. */
  public static long residentBytesOf(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0; // the process ended between listing and reading: it holds no memory
    }
    return 0;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
