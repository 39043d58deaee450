package org.enterprisebrain.connector.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.enterprisebrain.connector.ConnectorProperties;
import org.enterprisebrain.connector.api.model.BrowsedNode;
import org.enterprisebrain.connector.connections.ConnectionConfig;
import org.enterprisebrain.connector.connections.LinkStatus;
import org.enterprisebrain.connector.connections.TagBinding;
import org.enterprisebrain.connector.records.Handoff;
import org.enterprisebrain.connector.records.RecordWriter;

/**
 * Plain MQTT topics of one broker: each mapped topic subscribed at QoS 1 in a session the broker keeps while the
 * connector is away (so what devices publish meanwhile still comes), each message read as its mapping says and
 * written as a standard record; a message that cannot be read goes to the dead letters with its bytes.
 *
 * <p>The topics are spread over {@code BRAIN_CONNECTOR_MQTT_SESSIONS} sessions by their name's hash, so one topic
 * always comes through the same session, in order, while the sessions together have that many broker in-flight
 * windows (HiveMQ CE sends 50 unacknowledged messages per session, Mosquitto 20 by default): a message is
 * acknowledged only once Kafka has its record, so one session alone moves at most a window per Kafka
 * acknowledgement.
 */
public final class MqttTopicLink extends BrokerLink {

  /** How long a broker keeps the connector's session (and queues its messages) while it is away. */
  static final Duration SESSION_EXPIRY = Duration.ofDays(1);

  private volatile Map<String, TagBinding> bindings = Map.of();
  /** Per lane: the topics it subscribed and those the broker refused, told together in the status. */
  private final Map<Integer, Integer> subscribedByLane = new ConcurrentHashMap<>();
  private final Map<Integer, Map<String, String>> refusedByLane = new ConcurrentHashMap<>();

  public MqttTopicLink(ConnectionConfig config, String password, ConnectorProperties properties, RecordWriter writer,
      LinkStatus status) {
    super("mqtt", Math.max(1, properties.mqttSessions()), config, password, properties, writer, status);
  }

  /**
   * The client id of the session that carries a topic: the connection's own id for the first (as before there were
   * several), {@code -<n>} after it for the others. Stable across restarts, so a persistent session gets its topics.
   */
  public static String clientId(String connection, String topic, int sessions) {
    return laneClientId(connection, lane(topic, Math.max(1, sessions)));
  }

  private static String laneClientId(String connection, int lane) {
    return "brain-" + connection + (lane == 0 ? "" : "-" + lane);
  }

  private static int lane(String topic, int lanes) {
    return Math.floorMod(topic.hashCode(), lanes);
  }

  @Override
  public void start(List<TagBinding> initial) {
    bindings = byTopic(initial);
    open(lane -> options(laneClientId(config.id(), lane), true, SESSION_EXPIRY, null));
  }

  @Override
  protected void onConnected(Lane lane) {
    subscribe(lane, topicsOf(lane, bindings));
  }

  @Override
  public void remap(List<TagBinding> next) {
    Map<String, TagBinding> before = bindings;
    bindings = byTopic(next);
    Map<String, TagBinding> after = bindings;
    for (Lane lane : lanes) {
      lane.execute(() -> {
        MqttSession open = lane.session();
        if (open != null && open.connected()) {
          topicsOf(lane, before).stream().filter(t -> !after.containsKey(t)).forEach(open::unsubscribe);
          subscribe(lane, topicsOf(lane, after));
        }
      });
    }
  }

  private List<String> topicsOf(Lane lane, Map<String, TagBinding> map) {
    return map.keySet().stream().filter(t -> lane(t, lanes.size()) == lane.index).toList();
  }

  private void subscribe(Lane lane, List<String> topics) {
    MqttSession open = lane.session();
    Map<String, String> refused = new ConcurrentHashMap<>();
    List<CompletableFuture<?>> acks = new ArrayList<>();
    for (String topic : topics) {
      acks.add(open.subscribe(topic).exceptionally(e -> {
        refused.put(topic, String.valueOf(e.getMessage()));
        return null;
      }));
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
      subscribedByLane.put(lane.index, topics.size() - refused.size());
      refusedByLane.put(lane.index, Map.copyOf(refused));
      Map<String, String> allRefused = new java.util.TreeMap<>();
      refusedByLane.values().forEach(allRefused::putAll);
      status.subscribed(subscribedByLane.values().stream().mapToInt(Integer::intValue).sum(), allRefused);
    });
  }

  @Override
  protected void onMessage(MqttSession.Message message, Handoff handoff) {
    status.valueArrived();
    TagBinding binding = bindings.get(message.topic());
    if (binding == null) {
      // a topic unmapped a moment ago whose message was on its way: nothing to make of it
      writer.reject(config, message.topic(), null, message.payload(), null, "the topic is no longer mapped",
          handoff.record());
      return;
    }
    try {
      writer.write(config, binding, MqttPayloads.value(binding, message.payload()), handoff.record());
    } catch (MqttPayloads.Unreadable e) {
      writer.reject(config, message.topic(), binding.entity(), message.payload(), null, e.getMessage(),
          handoff.record());
    }
  }

  /**
   * The topics the broker carries under a filter, as seen for a moment by a client of its own (retained ones at
   * once), with the kind of their last payload: the running session's subscriptions stay as they are.
   */
  @Override
  public List<BrowsedNode> browse(String filter) throws Exception {
    String subscribed = filter == null || filter.isBlank() ? "#" : filter;
    if (subscribed.startsWith("$")) {
      throw new IllegalArgumentException("the broker's own $ topics are not browsed");
    }
    Map<String, byte[]> seen = new ConcurrentHashMap<>();
    ExecutorService browsing = worker("mqtt-browse-" + config.id());
    CompletableFuture<Void> up = new CompletableFuture<>();
    MqttSession probe = MqttSession.open(options("brain-" + config.id() + "-browse-"
        + UUID.randomUUID().toString().substring(0, 8), false, Duration.ZERO, null),
        new MqttSession.Listener() {
          @Override
          public void connected() {
            up.complete(null);
          }

          @Override
          public void disconnected(String why) {
            up.completeExceptionally(new IllegalStateException(why));
          }

          @Override
          public void message(MqttSession.Message message) {
            seen.put(message.topic(), message.payload());
            message.acknowledge();
          }
        }, browsing);
    try {
      up.get(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      probe.subscribe(subscribed).get(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      Thread.sleep(properties.browseWindow().toMillis());
    } finally {
      probe.close();
      browsing.shutdownNow();
    }
    return new java.util.TreeMap<>(seen).entrySet().stream().limit(properties.browseLimit())
        .map(e -> new BrowsedNode(e.getKey(), e.getKey(), e.getKey().substring(e.getKey().lastIndexOf('/') + 1),
            "Topic", false).dataType(kind(e.getValue())))
        .toList();
  }

  /** What a mapping needs to know of a payload: json (map it with a pointer), number, boolean or text. */
  static String kind(byte[] payload) {
    TagBinding bare = new TagBinding("", "telemetry", "", null, null, 1, 0, 0, null, null, null, null, null, null, null);
    try {
      Object value = MqttPayloads.value(bare, payload).value();
      String text = String.valueOf(value).strip();
      if (value instanceof String && (text.startsWith("{") || text.startsWith("["))) {
        return "json";
      }
      return value instanceof Double ? "number" : value instanceof Boolean ? "boolean" : "text";
    } catch (MqttPayloads.Unreadable e) {
      return "binary";
    }
  }

  private static Map<String, TagBinding> byTopic(List<TagBinding> list) {
    Map<String, TagBinding> map = new LinkedHashMap<>();
    list.forEach(b -> map.put(b.tag(), b));
    return Map.copyOf(map);
  }

}
