package org.enterprisebrain.connector.sparkplug;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.PropertyValue;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.model.MetricDataTypeMap;
import org.enterprisebrain.connector.ConnectorProperties;
import org.enterprisebrain.connector.api.model.BrowsedNode;
import org.enterprisebrain.connector.connections.ConnectionConfig;
import org.enterprisebrain.connector.mqtt.BrokerLink;
import org.enterprisebrain.connector.connections.LinkStatus;
import org.enterprisebrain.connector.connections.TagBinding;
import org.enterprisebrain.connector.mqtt.MqttSession;
import org.enterprisebrain.connector.records.Handoff;
import org.enterprisebrain.connector.records.RecordWriter;
import org.enterprisebrain.connector.records.TagValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Sparkplug B host application (Sparkplug 3.0) on one broker: it learns each edge node's metrics, aliases and
 * types from its births (NBIRTH, DBIRTH), turns the mapped metrics of births and data (NDATA, DDATA) into standard
 * records, marks the equipment of a dead node or device (NDEATH with the birth's bdSeq, DDEATH) offline, and
 * checks each node's seq: a skipped number, data before a birth or an alias it never declared is counted as a gap
 * and answered with a rebirth request (NCMD Node Control/Rebirth). Its own STATE is retained on the broker, online
 * while connected, offline by its will.
 */
public final class SparkplugLink extends BrokerLink {

  static final String NAMESPACE = "spBv1.0";
  static final String REBIRTH = "Node Control/Rebirth";
  private static final Logger LOG = LoggerFactory.getLogger(SparkplugLink.class);
  /** Holds nothing between payloads: the types it needs come with each call. */
  private static final SparkplugBPayloadDecoder DECODER = new SparkplugBPayloadDecoder();

  /** What the connector knows of one edge node from its last birth. */
  private static final class EdgeNode {
    boolean born;
    long bdSeq = -1;
    long lastSeq = -1;
    Instant rebirthAskedAt;
    final MetricDataTypeMap types = new MetricDataTypeMap();
    /** alias → metric name; Sparkplug aliases are unique per edge node, its devices' metrics included. */
    final Map<Long, String> aliases = new ConcurrentHashMap<>();
    /** tag → data type, for browse. */
    final Map<String, String> metrics = new ConcurrentHashMap<>();
  }

  private final Clock clock;
  private final String hostId;
  private final Map<String, EdgeNode> nodes = new ConcurrentHashMap<>();
  private volatile Map<String, TagBinding> bindings = Map.of();

  public SparkplugLink(ConnectionConfig config, String password, ConnectorProperties properties, RecordWriter writer,
      LinkStatus status, Clock clock) {
    super("sparkplug", 1, config, password, properties, writer, status);
    this.clock = clock;
    this.hostId = "brain-" + config.id();
  }

  /** The host's STATE topic (Sparkplug 3.0): edge nodes that name this host publish only while it is online. */
  String stateTopic() {
    return NAMESPACE + "/STATE/" + hostId;
  }

  private byte[] state(boolean online) {
    return ("{\"online\":" + online + ",\"timestamp\":" + clock.millis() + "}").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void start(List<TagBinding> initial) {
    bindings = byTag(initial);
    // a host's session is clean (Sparkplug 3.0): what it missed, it learns from births, not from a queue
    open(lane -> options("brain-" + config.id(), false, Duration.ZERO,
        new MqttSession.Will(stateTopic(), state(false), true)));
  }

  @Override
  protected void onConnected(Lane lane) {
    MqttSession open = lane.session();
    // what a node did while the host was away is unknown: its next data asks for a birth
    nodes.clear();
    open.subscribe(NAMESPACE + "/#").whenComplete((ack, e) -> status.subscribed(e == null
        ? bindings.size() : 0, e == null ? Map.of() : Map.of(NAMESPACE + "/#", String.valueOf(e))));
    open.publish(stateTopic(), state(true), true);
  }

  @Override
  public void remap(List<TagBinding> next) {
    lanes.get(0).execute(() -> {
      bindings = byTag(next);
      status.subscribed(bindings.size(), Map.of());
    });
  }

  /** spBv1.0/group/TYPE/node[/device] */
  private record Topic(String group, String type, String node, String device) {

    String nodeKey() {
      return group + "/" + node;
    }

    String tag(String metric) {
      return group + "/" + node + (device == null ? "" : "/" + device) + ":" + metric;
    }

    String devicePrefix() {
      return group + "/" + node + (device == null ? "" : "/" + device);
    }
  }

  @Override
  protected void onMessage(MqttSession.Message message, Handoff handoff) {
    String[] parts = message.topic().split("/");
    if (parts.length < 4 || parts.length > 5 || "STATE".equals(parts[1])) {
      return; // host states and whatever else shares the namespace
    }
    Topic topic = new Topic(parts[1], parts[2], parts[3], parts.length == 5 ? parts[4] : null);
    if (topic.type().endsWith("CMD")) {
      return; // commands to nodes, ours among them
    }
    status.valueArrived();
    EdgeNode node = nodes.computeIfAbsent(topic.nodeKey(), k -> new EdgeNode());
    SparkplugBPayload payload;
    try {
      payload = DECODER.buildFromByteArray(message.payload(), node.types);
    } catch (Exception e) {
      writer.reject(config, message.topic(), null, message.payload(), null,
          "not a Sparkplug B payload: " + e.getMessage(), handoff.record());
      return;
    }
    switch (topic.type()) {
      case "NBIRTH" -> nodeBirth(topic, node, payload, handoff);
      case "DBIRTH" -> {
        if (follows(topic, node, payload, handoff)) {
          declare(topic, node, payload);
          values(topic, node, payload, handoff);
        }
      }
      case "NDATA", "DDATA" -> {
        if (follows(topic, node, payload, handoff)) {
          values(topic, node, payload, handoff);
        }
      }
      case "DDEATH" -> {
        if (follows(topic, node, payload, handoff)) {
          String device = topic.devicePrefix() + ":";
          offline(device, tag -> tag.startsWith(device), time(null, payload), handoff);
        }
      }
      case "NDEATH" -> nodeDeath(topic, node, payload, handoff);
      default -> LOG.debug("connection {}: {} ignored", config.id(), message.topic());
    }
  }

  private void nodeBirth(Topic topic, EdgeNode node, SparkplugBPayload payload, Handoff handoff) {
    EdgeNode born = new EdgeNode();
    born.born = true;
    born.lastSeq = payload.getSeq() == null ? 0 : payload.getSeq();
    payload.getMetrics().stream().filter(m -> "bdSeq".equals(m.getName()) && m.getValue() instanceof Number)
        .findFirst().ifPresent(m -> born.bdSeq = ((Number) m.getValue()).longValue());
    nodes.put(topic.nodeKey(), born);
    declare(topic, born, payload);
    values(topic, born, payload, handoff);
  }

  /** A death whose bdSeq is not the birth's belongs to an older session of the node: the node lives on. */
  private void nodeDeath(Topic topic, EdgeNode node, SparkplugBPayload payload, Handoff handoff) {
    Long bdSeq = payload.getMetrics().stream().filter(m -> "bdSeq".equals(m.getName())
        && m.getValue() instanceof Number).map(m -> ((Number) m.getValue()).longValue()).findFirst().orElse(null);
    if (node.born && bdSeq != null && bdSeq != node.bdSeq) {
      LOG.info("connection {}: NDEATH of {} with bdSeq {} is not of its birth ({}): ignored", config.id(),
          topic.nodeKey(), bdSeq, node.bdSeq);
      return;
    }
    node.born = false;
    // the node's own metrics and those of all its devices
    offline(topic.nodeKey(), tag -> tag.startsWith(topic.nodeKey() + ":") || tag.startsWith(topic.nodeKey() + "/"),
        time(null, payload), handoff);
  }

  /**
   * Whether the message is the one after the node's last (seq counts 0…255 over all its messages); if not, the
   * gap is counted and a rebirth asked for. Data before any birth cannot be read (its aliases are unknown).
   */
  private boolean follows(Topic topic, EdgeNode node, SparkplugBPayload payload, Handoff handoff) {
    if (!node.born) {
      requestRebirth(topic, node, topic.type() + " before the edge node's birth");
      if (mapsNode(topic)) {
        // values of mapped metrics lost until the birth: counted; a node nobody mapped is only asked to be born
        status.sequenceGap();
        writer.reject(config, topic.devicePrefix(), null, new byte[0], null, topic.type()
            + " of an edge node without a known birth: a rebirth is requested", handoff.record());
      }
      return false;
    }
    long seq = payload.getSeq() == null ? -1 : payload.getSeq();
    long expected = (node.lastSeq + 1) % 256;
    node.lastSeq = seq;
    if (seq != expected) {
      if (mapsNode(topic)) {
        status.sequenceGap();
      }
      requestRebirth(topic, node, "seq " + seq + " where " + expected + " was due");
    }
    return true;
  }

  /** Whether a mapping reads a metric of the message's edge node (its own or one of its devices'). */
  private boolean mapsNode(Topic topic) {
    String own = topic.nodeKey() + ":";
    String devices = topic.nodeKey() + "/";
    return bindings.keySet().stream().anyMatch(t -> t.startsWith(own) || t.startsWith(devices));
  }

  private void declare(Topic topic, EdgeNode node, SparkplugBPayload payload) {
    for (Metric m : payload.getMetrics()) {
      if (m.getName() == null) {
        continue;
      }
      if (m.hasAlias()) {
        node.aliases.put(m.getAlias(), m.getName());
        node.types.addMetricDataType(m.getAlias(), m.getDataType());
      }
      node.types.addMetricDataType(m.getName(), m.getDataType());
      node.metrics.put(topic.tag(m.getName()), m.getDataType() == null ? "" : m.getDataType().getType());
    }
  }

  private void values(Topic topic, EdgeNode node, SparkplugBPayload payload, Handoff handoff) {
    for (Metric m : payload.getMetrics()) {
      String name = m.getName();
      if (name == null && m.hasAlias()) {
        String known = node.aliases.get(m.getAlias());
        if (known == null) {
          status.sequenceGap();
          requestRebirth(topic, node, "alias " + m.getAlias() + " was not in its birth");
          writer.reject(config, topic.devicePrefix() + ":#" + m.getAlias(), null, new byte[0], time(m, payload),
              "alias " + m.getAlias() + " is in no birth of the edge node: a rebirth is requested",
              handoff.record());
          continue;
        }
        name = known;
      }
      if (name == null) {
        continue;
      }
      TagBinding binding = bindings.get(topic.tag(name));
      if (binding == null) {
        continue; // a metric nobody mapped: the node sends all it has
      }
      String quality = quality(m);
      Object value = Boolean.TRUE.equals(m.getIsNull()) ? null : m.getValue();
      writer.write(config, binding, new TagValue(binding.tag(), value, quality, quality, time(m, payload)),
          handoff.record());
    }
  }

  /**
   * Every equipment whose state comes from a metric of the dead node or device is down (reason OFFLINE) from then;
   * equipment without a mapped state is left alone, since nothing would ever bring it back up.
   */
  private void offline(String dead, java.util.function.Predicate<String> under, Instant at, Handoff handoff) {
    Set<String> equipment = new LinkedHashSet<>();
    bindings.values().stream().filter(b -> "equipment-state".equals(b.entity()) && under.test(b.tag()))
        .forEach(b -> equipment.add(b.equipment()));
    equipment.forEach(e -> writer.writeOffline(config, dead, e, at, handoff.record()));
  }

  private void requestRebirth(Topic topic, EdgeNode node, String why) {
    Instant now = clock.instant();
    // one request per node and retry interval: a burst of data before the birth asks once
    if (node.rebirthAskedAt != null && now.isBefore(node.rebirthAskedAt.plus(properties.retry()))) {
      return;
    }
    node.rebirthAskedAt = now;
    try {
      SparkplugBPayload command = new SparkplugBPayload(new java.util.Date(now.toEpochMilli()),
          List.of(new Metric.MetricBuilder(REBIRTH, MetricDataType.Boolean, true).createMetric()));
      lanes.get(0).session().publish(NAMESPACE + "/" + topic.group() + "/NCMD/" + topic.node(),
          new SparkplugBPayloadEncoder().getBytes(command, false), false);
      status.rebirthRequested();
      LOG.info("connection {}: rebirth of {} requested: {}", config.id(), topic.nodeKey(), why);
    } catch (Exception e) {
      LOG.warn("connection {}: the rebirth request to {} failed: {}", config.id(), topic.nodeKey(), e.toString());
    }
  }

  /** Sparkplug's Quality property (OPC DA codes): 192 good, 64…127 uncertain, below bad; absent: good. */
  static String quality(Metric m) {
    PropertyValue<?> q = m.getProperties() == null ? null : m.getProperties().getPropertyValue("Quality");
    if (q == null || !(q.getValue() instanceof Number n)) {
      return "good";
    }
    int code = n.intValue() & 0xC0;
    return code == 0xC0 ? "good" : code == 0x40 ? "uncertain" : "bad";
  }

  private Instant time(Metric m, SparkplugBPayload payload) {
    if (m != null && m.getTimestamp() != null) {
      return m.getTimestamp().toInstant();
    }
    return payload.getTimestamp() != null ? payload.getTimestamp().toInstant() : clock.instant();
  }

  /** The metrics the edge nodes declared in their births, under a group/node/device prefix. */
  @Override
  public List<BrowsedNode> browse(String prefix) {
    List<BrowsedNode> found = new ArrayList<>();
    nodes.values().forEach(n -> n.metrics.forEach((tag, type) -> {
      if (prefix == null || prefix.isBlank() || tag.startsWith(prefix)) {
        found.add(new BrowsedNode(tag, tag.substring(tag.indexOf(':') + 1), tag.substring(tag.indexOf(':') + 1),
            "Metric", false).dataType(type));
      }
    }));
    return found.stream().sorted(Comparator.comparing(BrowsedNode::getNodeId)).limit(properties.browseLimit())
        .toList();
  }

  private static Map<String, TagBinding> byTag(List<TagBinding> list) {
    Map<String, TagBinding> map = new LinkedHashMap<>();
    list.forEach(b -> map.put(b.tag(), b));
    return Map.copyOf(map);
  }

  /** Offline first (retained, so a later host knows), then a normal disconnect, which publishes no will. */
  @Override
  protected void beforeClose(MqttSession open) {
    try {
      if (open.connected()) {
        open.publish(stateTopic(), state(false), true).get(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      LOG.warn("connection {}: STATE offline not published: {}", config.id(), e.toString());
    }
  }
}
