package org.enterprisebrain.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.enterprisebrain.servers.Secrets;
import org.enterprisebrain.servers.mqtt.MqttBroker;
import org.enterprisebrain.servers.mqtt.SparkplugEdgeNode;

/**
 * The demo plant's assembly line behind an edge gateway, as many plants have it: an MQTT broker (HiveMQ CE, on
 * loopback, logins required) and the line's Sparkplug B edge node publishing each machine's servo current and
 * cabinet temperature every second in real time. The connector logs in as {@value #CONNECTOR_USER} with a password
 * made at the first start and kept in the connector's secrets directory, as a mounted Secret would hold it.
 */
public final class DemoSparkplug implements AutoCloseable {

  public static final String LINE = "LINE-B";
  public static final String GROUP = DemoSettings.PLANT;
  public static final String CONNECTOR_USER = "brain-connector";
  /** The secret's name, as a connection's passwordSecret names it. */
  public static final String PASSWORD_SECRET = "demo-mqtt-broker";

  private final MqttBroker broker;
  private final SparkplugEdgeNode edge;
  private final List<String> machines;
  private final String connectorPassword;
  private final ScheduledExecutorService ticks;
  private final Random random = new Random(20261207);

  private DemoSparkplug(MqttBroker broker, SparkplugEdgeNode edge, List<String> machines, String connectorPassword) {
    this.broker = broker;
    this.edge = edge;
    this.machines = machines;
    this.connectorPassword = connectorPassword;
    this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-sparkplug");
      t.setDaemon(true);
      return t;
    });
  }

  /** @param secretsDir the connector's secrets directory: the broker password for it is kept there */
  public static DemoSparkplug start(int port, Path secretsDir) {
    List<String> machines = DemoFactory.machines(LINE);
    String password = password(secretsDir.resolve(PASSWORD_SECRET));
    String edgePassword = Secrets.randomHex(12);
    MqttBroker broker = MqttBroker.start(port, Map.of(CONNECTOR_USER, password, "edge-" + LINE, edgePassword));
    SparkplugEdgeNode edge = SparkplugEdgeNode.start("127.0.0.1", port, "edge-" + LINE, edgePassword, GROUP, LINE,
        machines);
    DemoSparkplug demo = new DemoSparkplug(broker, edge, machines, password);
    demo.ticks.scheduleAtFixedRate(demo::tick, 1, 1, TimeUnit.SECONDS);
    return demo;
  }

  /** Made once and kept: the connector reads it from its secrets directory at every connect. */
  private static String password(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, Secrets.randomHex(16) + "\n");
      }
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Servo drives drawing ~12 A while pressing, ~2 A at rest; the cabinet warm and steady. */
  private void tick() {
    for (String machine : machines) {
      boolean pressing = random.nextDouble() > 0.15;
      edge.set(machine, SparkplugEdgeNode.CURRENT, Math.round((pressing ? 12 + random.nextGaussian() : 2
          + 0.2 * random.nextGaussian()) * 100) / 100.0);
      edge.set(machine, SparkplugEdgeNode.TEMPERATURE, Math.round((32 + 4 * random.nextDouble()) * 10) / 10.0);
    }
  }

  public String endpoint() {
    return broker.endpoint();
  }

  public int port() {
    return broker.port();
  }

  /** The connector's login on the broker (benchmarks publish with it too). */
  public String connectorPassword() {
    return connectorPassword;
  }

  public List<String> machines() {
    return machines;
  }

  /** group/edge-node/device:metric — the connector's tag of a machine's metric. */
  public String tag(String machine, String metric) {
    return GROUP + "/" + LINE + "/" + machine + ":" + metric;
  }

  @Override
  public void close() {
    ticks.shutdownNow();
    edge.close();
    broker.close();
  }
}
