package org.enterprisebrain.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A single-node KRaft Kafka broker (combined broker + controller) in its own JVM, run from a classpath
 * that holds {@code kafka_2.13}: the one {@code brain up} uses. Tests use the in-JVM test kit instead, except
 * where the broker's security is what they test ({@link #startSecured}).
 */
public final class KafkaServer implements AutoCloseable {

  /** The SCRAM mechanism of a secured broker: the one Strimzi's {@code scram-sha-512} listeners speak. */
  public static final String SCRAM = "SCRAM-SHA-512";

  private final ManagedProcess process;
  private final String bootstrapServers;

  private KafkaServer(ManagedProcess process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /** Formats {@code dataDir} on first use, then starts the broker and waits for its listener. */
  public static KafkaServer start(String classpath, int port, int controllerPort, Path dataDir, Path log,
      String heap) {
    return start(classpath, controllerPort, dataDir, log, heap, List.of(
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"), List.of(), port);
  }

  /**
   * A broker as the chart's Kafka is: clients only over TLS with SCRAM-SHA-512 ({@code SASL_SSL}), every
   * request authorized by ACLs ({@code StandardAuthorizer}, nothing allowed without one). The super user
   * {@code admin} is written into the metadata when the log is formatted; it creates the other users and their
   * ACLs over the same listener. The controller listener stays plaintext on the loopback address (KRaft cannot
   * authenticate it with SCRAM, whose credentials live in the metadata the controller serves).
   */
  public static KafkaServer startSecured(String classpath, int port, int controllerPort, Path dataDir, Path log,
      String heap, BrokerCertificate tls, String adminPassword) {
    String admin = scramLogin("admin", adminPassword);
    return start(classpath, controllerPort, dataDir, log, heap, List.of(
        "listeners=CLIENTS://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=CLIENTS://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "inter.broker.listener.name=CLIENTS",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,CLIENTS:SASL_SSL",
        "sasl.enabled.mechanisms=" + SCRAM,
        "sasl.mechanism.inter.broker.protocol=" + SCRAM,
        "listener.name.clients.scram-sha-512.sasl.jaas.config=" + admin,
        "ssl.keystore.type=PKCS12",
        "ssl.keystore.location=" + tls.keystore().toAbsolutePath(),
        "ssl.keystore.password=" + tls.password(),
        "ssl.truststore.type=PEM",
        "ssl.truststore.location=" + tls.certificate().toAbsolutePath(),
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "allow.everyone.if.no.acl.found=false",
        // ANONYMOUS is only ever the controller listener's (loopback) principal: the broker's own metadata calls
        "super.users=User:admin;User:ANONYMOUS"),
        List.of("--add-scram", SCRAM + "=[name=admin,password=" + adminPassword + "]"), port);
  }

  /** A client's {@code sasl.jaas.config} for a SCRAM user, in the form Strimzi's KafkaUser Secret holds it. */
  public static String scramLogin(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
        + password + "\";";
  }

  private static KafkaServer start(String classpath, int controllerPort, Path dataDir, Path log, String heap,
      List<String> listeners, List<String> formatArgs, int port) {
    try {
      Files.createDirectories(dataDir);
      Path config = dataDir.resolve("server.properties");
      List<String> lines = new ArrayList<>(List.of(
          "process.roles=broker,controller",
          "node.id=1",
          "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
          "controller.listener.names=CONTROLLER"));
      lines.addAll(listeners);
      lines.addAll(List.of(
          "log.dirs=" + dataDir.resolve("log").toAbsolutePath(),
          "num.partitions=6",
          "offsets.topic.replication.factor=1",
          "transaction.state.log.replication.factor=1",
          "transaction.state.log.min.isr=1",
          "share.coordinator.state.topic.replication.factor=1",
          "share.coordinator.state.topic.min.isr=1",
          "group.initial.rebalance.delay.ms=0",
          ""));
      Files.writeString(config, String.join("\n", lines));
      if (!Files.exists(dataDir.resolve("log/meta.properties"))) {
        List<String> format = new ArrayList<>(List.of(ManagedProcess.javaBinary(), "-Xmx256m", "-cp", classpath,
            "kafka.tools.StorageTool", "format", "--standalone", "-t", "brain-local-cluster-01",
            "-c", config.toString()));
        format.addAll(formatArgs);
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
