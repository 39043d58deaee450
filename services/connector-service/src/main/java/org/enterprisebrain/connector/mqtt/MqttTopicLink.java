package org.enterprisebrain.connector.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.enterprisebrain.connector.ConnectorProperties;
import org.enterprisebrain.connector.api.model.BrowsedNode;
import org.enterprisebrain.connector.connections.ConnectionConfig;
import org.enterprisebrain.connector.connections.LinkStatus;
import org.enterprisebrain.connector.connections.TagBinding;
import org.enterprisebrain.connector.records.RecordWriter;

/**
 * Plain MQTT topics of one broker: each mapped topic subscribed at QoS 1 in a session the broker keeps while the
 * connector is away (so what devices publish meanwhile still comes), each message read as its mapping says and
 * written as a standard record; a message that cannot be read goes to the dead letters with its bytes.
 */
public final class MqttTopicLink extends BrokerLink {

  /** How long a broker keeps the connector's session (and queues its messages) while it is away. */
  static final Duration SESSION_EXPIRY = Duration.ofDays(1);

  private volatile Map<String, TagBinding> bindings = Map.of();

  public MqttTopicLink(ConnectionConfig config, String password, ConnectorProperties properties, RecordWriter writer,
      LinkStatus status) {
    super("mqtt", config, password, properties, writer, status);
  }

  @Override
  public void start(List<TagBinding> initial) {
    bindings = byTopic(initial);
    open(options("brain-" + config.id(), true, SESSION_EXPIRY, null));
  }

  @Override
  protected void onConnected(MqttSession open) {
    subscribe(bindings.keySet());
  }

  @Override
  public void remap(List<TagBinding> next) {
    worker.execute(() -> {
      Map<String, TagBinding> before = bindings;
      bindings = byTopic(next);
      MqttSession open = session;
      if (open != null && open.connected()) {
        before.keySet().stream().filter(t -> !bindings.containsKey(t)).forEach(open::unsubscribe);
        subscribe(bindings.keySet());
      }
    });
  }

  private void subscribe(java.util.Collection<String> topics) {
    MqttSession open = session;
    Map<String, String> refused = new ConcurrentHashMap<>();
    List<java.util.concurrent.CompletableFuture<?>> acks = new ArrayList<>();
    for (String topic : topics) {
      acks.add(open.subscribe(topic).exceptionally(e -> {
        refused.put(topic, String.valueOf(e.getMessage()));
        return null;
      }));
    }
    java.util.concurrent.CompletableFuture.allOf(acks.toArray(java.util.concurrent.CompletableFuture[]::new))
        .whenComplete((v, e) -> status.subscribed(topics.size() - refused.size(), refused));
  }

  @Override
  protected void onMessage(MqttSession.Message message) {
    status.valueArrived();
    TagBinding binding = bindings.get(message.topic());
    if (binding == null) {
      // a topic unmapped a moment ago whose message was on its way: nothing to make of it
      writer.reject(config, message.topic(), null, message.payload(), null, "the topic is no longer mapped", status);
      return;
    }
    try {
      writer.write(config, binding, MqttPayloads.value(binding, message.payload()), status);
    } catch (MqttPayloads.Unreadable e) {
      writer.reject(config, message.topic(), binding.entity(), message.payload(), null, e.getMessage(), status);
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
    java.util.concurrent.CompletableFuture<Void> up = new java.util.concurrent.CompletableFuture<>();
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
