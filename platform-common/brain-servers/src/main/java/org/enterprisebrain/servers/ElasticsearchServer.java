package org.enterprisebrain.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real single-node Elasticsearch 8.19 in its own JVM, run from the directory the
 * {@code brain-es-node} module builds ({@code lib/} + {@code modules/}). Used by {@code brain up}
 * and, once per test JVM, by the tests.
 */
public final class ElasticsearchServer implements AutoCloseable {

  /** Where the node's build output is when the platform runs from a source checkout. */
  static final Path NODE_IN_CHECKOUT = Path.of("platform-common", "brain-es-node", "target", "es-node");

  private final ManagedProcess process;
  private final String url;

  private ElasticsearchServer(ManagedProcess process, String url) {
    this.process = process;
    this.url = url;
  }

  public static ElasticsearchServer start(Path nodeHome, int httpPort, Path dataDir, Path log, String heap) {
    if (!Files.isDirectory(nodeHome.resolve("lib")) || !Files.isDirectory(nodeHome.resolve("modules"))) {
      throw new IllegalStateException("no Elasticsearch node build at " + nodeHome.toAbsolutePath()
          + ": build platform-common/brain-es-node first (mvn package)");
    }
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = List.of(ManagedProcess.javaBinary(), "-Xms" + heap, "-Xmx" + heap,
        "-XX:+UseG1GC", "-Dfile.encoding=UTF-8",
        "-cp", nodeHome.toAbsolutePath().resolve("lib") + "/*",
        "org.enterprisebrain.esnode.EsNodeMain", nodeHome.toAbsolutePath().toString(),
        dataDir.toAbsolutePath().toString(), Integer.toString(httpPort),
        Integer.toString(ManagedProcess.freePort()));
    ManagedProcess process = ManagedProcess.start("elasticsearch", command, Map.of(), dataDir, log);
    String url = "http://127.0.0.1:" + httpPort;
    process.awaitReady(() -> ManagedProcess.answers200(url + "/_cluster/health?wait_for_status=yellow&timeout=1s"),
        Duration.ofMinutes(3));
    return new ElasticsearchServer(process, url);
  }

  /**
   * The node build: {@code BRAIN_ES_NODE_HOME} or system property {@code brain.es.node} if set, else
   * found by walking up from the working directory to the source checkout.
   */
  public static Path locateNode() {
    String configured = System.getProperty("brain.es.node", System.getenv("BRAIN_ES_NODE_HOME"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(NODE_IN_CHECKOUT))) {
        return dir.resolve(NODE_IN_CHECKOUT);
      }
    }
    throw new IllegalStateException("cannot find " + NODE_IN_CHECKOUT + " above " + Path.of("").toAbsolutePath()
        + "; set BRAIN_ES_NODE_HOME");
  }


  public String url() {
    return url;
  }

  public ManagedProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }
}
