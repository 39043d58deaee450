package org.enterprisebrain.servers.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/**
 * A Sparkplug B edge node (Sparkplug 3.0, Eclipse Tahu's payloads over HiveMQ's MQTT 5 client) for tests and the
 * local demo: one node of a group with its devices, each device with the metrics {@value #TEMPERATURE} (Double,
 * °C), {@value #CURRENT} (Double, A) and {@value #STATE} (String: RUNNING, IDLE, DOWN). It publishes NBIRTH and a
 * DBIRTH per device on connect (every metric with its alias and type), DDATA by alias only, answers a rebirth
 * command (NCMD Node Control/Rebirth) with new births, and leaves an NDEATH with its bdSeq as its will.
 *
 * <p>For tests it can also skip a seq number, send a death, and publish any bytes on any topic.
 */
public final class SparkplugEdgeNode implements AutoCloseable {

  public static final String TEMPERATURE = "Temperature";
  public static final String CURRENT = "Current";
  public static final String STATE = "State";
  static final String NAMESPACE = "spBv1.0";
  static final String REBIRTH = "Node Control/Rebirth";
  private static final List<String> METRICS = List.of(TEMPERATURE, CURRENT, STATE);

  private final String group;
  private final String node;
  private final List<String> devices;
  private final Mqtt5AsyncClient client;
  private final java.util.concurrent.ExecutorService commands = java.util.concurrent.Executors
      .newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "edge-node-commands");
        t.setDaemon(true);
        return t;
      });
  /** device → metric → value, what a birth reports */
  private final Map<String, Map<String, Object>> values = new LinkedHashMap<>();
  private long bdSeq;
  private long seq;
  private int rebirths;

  private SparkplugEdgeNode(String host, int port, String user, String password, String group, String node,
      List<String> devices) {
    this.group = group;
    this.node = node;
    this.devices = List.copyOf(devices);
    for (String d : devices) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put(TEMPERATURE, 25.0);
      v.put(CURRENT, 0.0);
      v.put(STATE, "IDLE");
      values.put(d, v);
    }
    this.client = MqttClient.builder().useMqttVersion5().identifier("edge-" + group + "-" + node)
        .serverHost(host).serverPort(port).simpleAuth().username(user)
        .password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .automaticReconnectWithDefaultConfig()
        .addConnectedListener(c -> commands.execute(this::births))
        .buildAsync();
    // commands are obeyed off the client's own threads: a birth waits for the broker's acknowledgements
    client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, this::command, commands);
  }

  /** Connects (its births follow) and waits for the broker's answer. */
  public static SparkplugEdgeNode start(String host, int port, String user, String password, String group,
      String node, List<String> devices) {
    SparkplugEdgeNode edge = new SparkplugEdgeNode(host, port, user, password, group, node, devices);
    edge.connect();
    return edge;
  }

  private void connect() {
    try {
      client.connect(Mqtt5Connect.builder().cleanStart(true).willPublish(Mqtt5Publish.builder()
          .topic(topic("NDEATH", null)).payload(death()).qos(MqttQos.AT_LEAST_ONCE).build()).build())
          .get(30, TimeUnit.SECONDS);
      client.subscribeWith().topicFilter(topic("NCMD", null)).qos(MqttQos.AT_LEAST_ONCE).send()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the edge node " + node + " could not connect", e);
    }
  }

  private String topic(String type, String device) {
    return NAMESPACE + "/" + group + "/" + type + "/" + node + (device == null ? "" : "/" + device);
  }

  /** The alias of a device's metric: 1… in device, metric order; 0 is the node's rebirth metric. */
  public long alias(String device, String metric) {
    return 1L + devices.indexOf(device) * METRICS.size() + METRICS.indexOf(metric);
  }

  private static MetricDataType type(String metric) {
    return STATE.equals(metric) ? MetricDataType.String : MetricDataType.Double;
  }

  private byte[] death() {
    return encode(new SparkplugBPayload(new Date(), List.of(metric("bdSeq", null, MetricDataType.Int64, bdSeq))));
  }

  /** NBIRTH (seq 0, bdSeq, the rebirth metric) and a DBIRTH per device with every metric's alias, type and value. */
  public synchronized void births() {
    seq = 0;
    List<Metric> nodeMetrics = new ArrayList<>();
    nodeMetrics.add(metric("bdSeq", null, MetricDataType.Int64, bdSeq));
    nodeMetrics.add(metric(REBIRTH, 0L, MetricDataType.Boolean, false));
    publish(topic("NBIRTH", null), payload(nodeMetrics));
    for (String d : devices) {
      List<Metric> metrics = new ArrayList<>();
      values.get(d).forEach((name, value) -> metrics.add(metric(name, alias(d, name), type(name), value)));
      publish(topic("DBIRTH", d), payload(metrics));
    }
  }

  /** A new value: DDATA with the metric's alias only, as Sparkplug asks after a birth. */
  public synchronized void set(String device, String metric, Object value) {
    values.get(device).put(metric, value);
    Metric m = metric(null, alias(device, metric), type(metric), value);
    publish(topic("DDATA", device), payload(List.of(m)));
  }

  /** The next message carries a seq one too far, as if one had been lost on the way. */
  public synchronized void skipSeq() {
    seq = (seq + 1) % 256;
  }

  /** The device is gone (DDEATH); it comes back with the next births. */
  public synchronized void deviceDeath(String device) {
    publish(topic("DDEATH", device), payload(List.of()));
  }

  /** The node says it is going (NDEATH with its bdSeq), as on a planned shutdown; births follow a reconnect. */
  public synchronized void nodeDeath() {
    publish(topic("NDEATH", null), death());
  }

  /** Any bytes on any topic: what a broken node might send. */
  public void publishRaw(String topic, byte[] payload) {
    client.publishWith().topic(topic).payload(payload).qos(MqttQos.AT_LEAST_ONCE).send().join();
  }

  public String dataTopic(String device) {
    return topic("DDATA", device);
  }

  /** How many rebirth commands the node obeyed. */
  public synchronized int rebirths() {
    return rebirths;
  }

  private void command(Mqtt5Publish publish) {
    try {
      SparkplugBPayload payload = new SparkplugBPayloadDecoder().buildFromByteArray(publish.getPayloadAsBytes(),
          null);
      boolean rebirth = payload.getMetrics().stream()
          .anyMatch(m -> REBIRTH.equals(m.getName()) && Boolean.TRUE.equals(m.getValue()));
      if (rebirth) {
        synchronized (this) {
          rebirths++;
          births();
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("the edge node " + node + " could not read a command", e);
    }
  }

  private SparkplugBPayload payload(List<Metric> metrics) {
    SparkplugBPayload payload = new SparkplugBPayload(new Date(), new ArrayList<>(metrics));
    payload.setSeq(seq);
    seq = (seq + 1) % 256;
    return payload;
  }

  private static Metric metric(String name, Long alias, MetricDataType type, Object value) {
    return metric(name, alias, type, value, new Date());
  }

  /**
   * A metric as an edge node sends it: by name (with its alias, in a birth) or by alias alone (in data), sampled at
   * {@code at}.
   */
  public static Metric metric(String name, Long alias, MetricDataType type, Object value, Date at) {
    try {
      Metric.MetricBuilder b = (name == null ? new Metric.MetricBuilder(alias, type, value)
          : new Metric.MetricBuilder(name, type, value)).timestamp(at);
      if (name != null && alias != null) {
        b.alias(alias);
      }
      return b.createMetric();
    } catch (Exception e) {
      throw new IllegalArgumentException("metric " + name + ": " + e.getMessage(), e);
    }
  }

  private void publish(String topic, SparkplugBPayload payload) {
    publish(topic, encode(payload));
  }

  private void publish(String topic, byte[] bytes) {
    client.publishWith().topic(topic).payload(bytes).qos(MqttQos.AT_LEAST_ONCE).send().join();
  }

  private static byte[] encode(SparkplugBPayload payload) {
    try {
      return new SparkplugBPayloadEncoder().getBytes(payload, false);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A planned shutdown: NDEATH, then a disconnect (which sends no will). */
  @Override
  public void close() {
    if (client.getState().isConnected()) {
      nodeDeath();
    }
    client.disconnect().orTimeout(10, TimeUnit.SECONDS).join();
    commands.shutdownNow();
    bdSeq++;
  }
}
