package org.enterprisebrain.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A single-node KRaft Kafka broker (combined broker + controller) in its own JVM, run from a classpath
 * that holds {@code kafka_2.13}: the one {@code brain up} uses. Tests use the in-JVM test kit instead.
 */
public final class KafkaServer implements AutoCloseable {

  private final ManagedProcess process;
  private final String bootstrapServers;

  private KafkaServer(ManagedProcess process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /** Formats {@code dataDir} on first use, then starts the broker and waits for its listener. */
  public static KafkaServer start(String classpath, int port, int controllerPort, Path dataDir, Path log,
      String heap) {
    try {
      Files.createDirectories(dataDir);
      Path config = dataDir.resolve("server.properties");
      Files.writeString(config, String.join("\n",
          "process.roles=broker,controller",
          "node.id=1",
          "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
          "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
          "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
          "controller.listener.names=CONTROLLER",
          "inter.broker.listener.name=PLAINTEXT",
          "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
          "log.dirs=" + dataDir.resolve("log").toAbsolutePath(),
          "num.partitions=6",
          "offsets.topic.replication.factor=1",
          "transaction.state.log.replication.factor=1",
          "transaction.state.log.min.isr=1",
          "share.coordinator.state.topic.replication.factor=1",
          "share.coordinator.state.topic.min.isr=1",
          "group.initial.rebalance.delay.ms=0",
          ""));
      if (!Files.exists(dataDir.resolve("log/meta.properties"))) {
        List<String> format = List.of(ManagedProcess.javaBinary(), "-Xmx256m", "-cp", classpath,
            "kafka.tools.StorageTool", "format", "--standalone", "-t", "brain-local-cluster-01", "-c", config.toString());
        try (ManagedProcess formatting = ManagedProcess.start("kafka-format", format, Map.of(), dataDir,
            log.resolveSibling("kafka-format.log"))) {
          formatting.awaitReady(() -> !formatting.isAlive(), Duration.ofMinutes(2));
        } catch (IllegalStateException e) {
          if (!Files.exists(dataDir.resolve("log/meta.properties"))) {
            throw e;
          }
        }
      }
      List<String> broker = List.of(ManagedProcess.javaBinary(), "-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC",
          "-cp", classpath, "kafka.Kafka", config.toString());
      ManagedProcess process = ManagedProcess.start("kafka", broker, Map.of(), dataDir, log);
      process.awaitReady(() -> ManagedProcess.portOpen("127.0.0.1", port), Duration.ofMinutes(2));
      return new KafkaServer(process, "127.0.0.1:" + port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public ManagedProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }
}
