package org.enterprisebrain.connector.opcua;

import org.enterprisebrain.connector.connections.DaemonThreads;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.enterprisebrain.connector.ConnectorProperties;
import org.enterprisebrain.connector.api.model.BrowsedNode;
import org.enterprisebrain.connector.connections.ConnectionConfig;
import org.enterprisebrain.connector.connections.DeviceLink;
import org.enterprisebrain.connector.connections.LinkStatus;
import org.enterprisebrain.connector.connections.TagBinding;
import org.enterprisebrain.connector.records.RecordWriter;
import org.enterprisebrain.connector.records.TagValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OPC UA server read through one session: connects (retrying until the server answers), monitors the mapped
 * nodes and turns each data change into a standard record. Milo re-establishes a lost session itself and
 * {@link OpcUaSession} recreates the subscriptions from their kept configuration; this link only tells the state.
 */
public final class OpcUaLink implements DeviceLink {

  private static final Logger LOG = LoggerFactory.getLogger(OpcUaLink.class);

  private final ConnectionConfig config;
  private final String password;
  private final ConnectorProperties properties;
  private final RecordWriter writer;
  private final LinkStatus status;
  private final Clock clock;
  private final ScheduledExecutorService worker;
  private volatile OpcUaSession session;
  private volatile Map<String, TagBinding> bindings = Map.of();
  private volatile boolean closed;

  public OpcUaLink(ConnectionConfig config, String password, ConnectorProperties properties, RecordWriter writer,
      LinkStatus status, Clock clock) {
    this.config = config;
    this.password = password;
    this.properties = properties;
    this.writer = writer;
    this.status = status;
    this.clock = clock;
    this.worker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("opcua-" + config.id()));
  }

  @Override
  public void start(List<TagBinding> initial) {
    bindings = byNode(initial);
    status.state(LinkStatus.State.CONNECTING, null);
    worker.execute(this::connect);
  }

  @Override
  public void remap(List<TagBinding> next) {
    worker.execute(() -> {
      bindings = byNode(next);
      OpcUaSession open = session;
      if (open != null) {
        open.unsubscribeAll();
        subscribe(open);
      }
    });
  }

  @Override
  public List<BrowsedNode> browse(String node) throws Exception {
    OpcUaSession open = session;
    if (open == null) {
      throw new IllegalStateException("not connected to " + config.endpoint() + " yet: "
          + Optional.ofNullable(status.snapshot().lastError()).orElse("connecting"));
    }
    if (node != null && NodeId.parseSafe(node).isEmpty()) {
      throw new IllegalArgumentException("'" + node + "' is not an OPC UA node id (ns=2;s=Name, i=85, …)");
    }
    return open.browse(node).stream().limit(properties.browseLimit())
        .map(n -> new BrowsedNode(n.nodeId(), n.browseName(), n.displayName(), n.nodeClass(),
            "Object".equals(n.nodeClass()) || "View".equals(n.nodeClass())).dataType(n.dataType()))
        .toList();
  }

  @Override
  public LinkStatus status() {
    return status;
  }

  private void connect() {
    if (closed) {
      return;
    }
    try {
      OpcUaSession.SecurityMode mode = "basic256sha256".equals(config.securityPolicy())
          ? OpcUaSession.SecurityMode.BASIC256SHA256 : OpcUaSession.SecurityMode.NONE;
      session = OpcUaSession.connect(config.endpoint(), mode, config.username(), password, pkiDir());
      status.state(LinkStatus.State.CONNECTED, null);
      subscribe(session);
      worker.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
    } catch (OpcUaSession.OpcUaSessionException | RuntimeException e) {
      status.state(LinkStatus.State.CONNECTING, e.getMessage());
      LOG.warn("connection {}: {} — again in {}", config.id(), e.getMessage(), properties.retry());
      if (!closed) {
        worker.schedule(this::connect, properties.retry().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** The session's state as the status tells it: Milo reconnects by itself, this only watches. */
  private void watch() {
    OpcUaSession open = session;
    if (open != null && !closed) {
      status.state(open.connected() ? LinkStatus.State.CONNECTED : LinkStatus.State.DISCONNECTED,
          open.connected() ? null : "the server " + config.endpoint() + " is not answering; reconnecting");
    }
  }

  private void subscribe(OpcUaSession open) {
    Map<String, TagBinding> mapped = bindings;
    if (mapped.isEmpty()) {
      status.subscribed(0, Map.of());
      return;
    }
    List<OpcUaSession.MonitoredTag> tags = new ArrayList<>();
    mapped.values().forEach(b -> tags.add(new OpcUaSession.MonitoredTag(b.tag(), b.samplingIntervalMs(),
        b.deadband())));
    try {
      List<OpcUaSession.RefusedTag> refused = open.subscribe(tags, this::onValue);
      Map<String, String> reasons = new LinkedHashMap<>();
      for (OpcUaSession.RefusedTag r : refused) {
        reasons.put(r.nodeId(), r.statusName());
        TagBinding b = mapped.get(r.nodeId());
        writer.reject(config, r.nodeId(), b == null ? null : b.entity(), null,
            "the server refused to monitor the node: " + r.statusName(), status);
      }
      status.subscribed(tags.size() - refused.size(), reasons);
    } catch (OpcUaSession.OpcUaSessionException e) {
      status.state(LinkStatus.State.DISCONNECTED, e.getMessage());
      LOG.warn("connection {}: subscribing failed: {}", config.id(), e.getMessage());
    }
  }

  private void onValue(String nodeId, Object value, long statusCode, boolean good, java.time.Instant sourceTime) {
    status.valueArrived();
    TagBinding binding = bindings.get(nodeId);
    TagValue tagValue = new TagValue(nodeId, value, OpcUaSession.statusName(statusCode), quality(statusCode),
        sourceTime);
    if (binding == null) {
      // a value of a node remapped away a moment ago: nothing to make of it
      writer.reject(config, nodeId, null, tagValue, "the tag is no longer mapped", status);
      return;
    }
    writer.write(config, binding, tagValue, status);
  }

  /** OPC UA Part 4, 7.34: the status code's two top bits are its severity — good, uncertain, bad. */
  static String quality(long statusCode) {
    return switch ((int) ((statusCode >>> 30) & 0x3)) {
      case 0 -> "good";
      case 1 -> "uncertain";
      default -> "bad";
    };
  }

  /** Keyed as the server reports node ids back (ns=2;s=…), whatever spelling the mapping used. */
  private static Map<String, TagBinding> byNode(List<TagBinding> list) {
    Map<String, TagBinding> map = new LinkedHashMap<>();
    for (TagBinding b : list) {
      map.put(NodeId.parseSafe(b.tag()).map(NodeId::toParseableString).orElse(b.tag()), b);
    }
    return Map.copyOf(map);
  }

  private Path pkiDir() {
    return properties.dataDir().resolve("opcua").resolve(config.id());
  }

  @Override
  public void close() {
    closed = true;
    worker.shutdownNow();
    OpcUaSession open = session;
    if (open != null) {
      open.close();
    }
    status.state(LinkStatus.State.DISABLED, null);
  }
}
