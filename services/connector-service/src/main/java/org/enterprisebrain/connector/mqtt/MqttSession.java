package org.enterprisebrain.connector.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.lifecycle.Mqtt3ClientReconnector;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.unsubscribe.Mqtt3Unsubscribe;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientReconnector;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.Mqtt5Unsubscribe;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One MQTT client, 3.1.1 or 5 alike (HiveMQ's client): connects, reconnects after every loss or refused attempt
 * until closed, and hands every message of its subscriptions to one consumer on the caller's executor, in order,
 * acknowledged to the broker when the consumer says (HiveMQ's manual acknowledgement: it sends the PUBACKs in the
 * order MQTT asks, whatever order the consumer acknowledges in).
 * The subscriptions are the caller's: it subscribes again on each connect, so a broker that forgot the session
 * (restarted, clean session) still sends what was asked for.
 */
public final class MqttSession implements AutoCloseable {

  /**
   * A message as it came: its topic and bytes. The broker counts it delivered only once {@link #acknowledge()} is
   * called (once, from any thread); until then a broker that loses the session sends it again.
   */
  public record Message(String topic, byte[] payload, boolean retained, Runnable acknowledgement) {

    public void acknowledge() {
      acknowledgement.run();
    }
  }

  /** What the session tells its owner, on the owner's executor. */
  public interface Listener {

    void connected();

    void disconnected(String why);

    void message(Message message);
  }

  /** The last will: what the broker publishes when this client is gone without saying so. */
  public record Will(String topic, byte[] payload, boolean retain) {
  }

  /**
   * @param persistentSession true: the broker keeps the session and queues QoS 1 messages while the client is
   *     away (plain MQTT, no value lost); false: a clean session (Sparkplug B hosts must, and rely on rebirths)
   */
  /** @param trustedCertificate mqtts: the PEM certificates trusted instead of the Java trust store; null: the latter */
  public record Options(String clientId, URI endpoint, String version, String username, String password,
      String trustedCertificate, boolean persistentSession, Duration sessionExpiry, Duration retry, Will will) {
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MqttSession.class);
  private static final int KEEP_ALIVE_SECONDS = 30;

  private final Mqtt5AsyncClient v5;
  private final Mqtt3AsyncClient v3;
  private final Options options;
  private volatile boolean closed;

  private MqttSession(Options options, Listener listener, Executor executor) {
    this.options = options;
    boolean tls = "mqtts".equals(options.endpoint().getScheme());
    int port = options.endpoint().getPort() > 0 ? options.endpoint().getPort() : tls ? 8883 : 1883;
    Consumer<MqttClientConnectedContext> onConnect = c -> executor.execute(listener::connected);
    Consumer<MqttClientDisconnectedContext> onLoss = c -> {
      executor.execute(() -> listener.disconnected(String.valueOf(c.getCause().getMessage())));
      // every loss and every refused attempt, the first one too, is tried again until the owner closes; with a
      // CONNECT made anew, since the client's kept one has its password read out after the first send
      c.getReconnector().reconnect(!closed).delay(options.retry().toMillis(), TimeUnit.MILLISECONDS);
      if (c.getReconnector() instanceof Mqtt3ClientReconnector r3) {
        r3.connect(connect3());
      } else if (c.getReconnector() instanceof Mqtt5ClientReconnector r5) {
        r5.connect(connect5());
      }
    };
    // ALL, not SUBSCRIBED: a broker resuming a persistent session sends what it queued (a window's worth) right
    // after CONNACK, before this client object has subscribed anything; under SUBSCRIBED those were acknowledged
    // unseen and lost (50 of 150 in ConnectorMqttIT before this)
    if ("3.1.1".equals(options.version())) {
      Mqtt3ClientBuilder b = MqttClient.builder().useMqttVersion3().identifier(options.clientId())
          .serverHost(options.endpoint().getHost()).serverPort(port)
          .addConnectedListener(onConnect::accept).addDisconnectedListener(onLoss::accept);
      v3 = (tls ? b.sslConfig(tls(options)) : b).buildAsync();
      v3.publishes(MqttGlobalPublishFilter.ALL, p -> listener.message(
          new Message(p.getTopic().toString(), p.getPayloadAsBytes(), p.isRetain(), p::acknowledge)), executor, true);
      v5 = null;
    } else {
      Mqtt5ClientBuilder b = MqttClient.builder().useMqttVersion5().identifier(options.clientId())
          .serverHost(options.endpoint().getHost()).serverPort(port)
          .addConnectedListener(onConnect::accept).addDisconnectedListener(onLoss::accept);
      v5 = (tls ? b.sslConfig(tls(options)) : b).buildAsync();
      v5.publishes(MqttGlobalPublishFilter.ALL, p -> listener.message(
          new Message(p.getTopic().toString(), p.getPayloadAsBytes(), p.isRetain(), p::acknowledge)), executor, true);
      v3 = null;
    }
  }

  /** TLS as the connection says: its own trusted certificates, or the Java trust store; the host name checked. */
  private static com.hivemq.client.mqtt.MqttClientSslConfig tls(Options options) {
    var tls = com.hivemq.client.mqtt.MqttClientSslConfig.builder();
    if (options.trustedCertificate() != null) {
      tls = tls.trustManagerFactory(BrokerTrust.trusting(options.trustedCertificate()));
    }
    return tls.build();
  }

  /** Starts connecting; the listener hears of the connection (and of every later one). */
  public static MqttSession open(Options options, Listener listener, Executor executor) {
    MqttSession session = new MqttSession(options, listener, executor);
    session.connect();
    return session;
  }

  private void connect() {
    if (v3 != null) {
      v3.connect(connect3());
    } else {
      v5.connect(connect5());
    }
  }

  private byte[] password() {
    return options.password() == null ? null : options.password().getBytes(StandardCharsets.UTF_8);
  }

  private Mqtt3Connect connect3() {
    Mqtt3ConnectBuilder c = Mqtt3Connect.builder().keepAlive(KEEP_ALIVE_SECONDS)
        .cleanSession(!options.persistentSession());
    if (options.username() != null) {
      c = c.simpleAuth(password() == null ? Mqtt3SimpleAuth.builder().username(options.username()).build()
          : Mqtt3SimpleAuth.builder().username(options.username()).password(password()).build());
    }
    if (options.will() != null) {
      c = c.willPublish(Mqtt3Publish.builder().topic(options.will().topic()).payload(options.will().payload())
          .qos(MqttQos.AT_LEAST_ONCE).retain(options.will().retain()).build());
    }
    return c.build();
  }

  private Mqtt5Connect connect5() {
    Mqtt5ConnectBuilder c = Mqtt5Connect.builder().keepAlive(KEEP_ALIVE_SECONDS)
        .cleanStart(!options.persistentSession())
        .sessionExpiryInterval(options.persistentSession() ? options.sessionExpiry().toSeconds() : 0);
    if (options.username() != null) {
      c = c.simpleAuth(password() == null ? Mqtt5SimpleAuth.builder().username(options.username()).build()
          : Mqtt5SimpleAuth.builder().username(options.username()).password(password()).build());
    }
    if (options.will() != null) {
      c = c.willPublish(Mqtt5Publish.builder().topic(options.will().topic()).payload(options.will().payload())
          .qos(MqttQos.AT_LEAST_ONCE).retain(options.will().retain()).build());
    }
    return c.build();
  }

  public boolean connected() {
    return v3 != null ? v3.getState().isConnected() : v5.getState().isConnected();
  }

  /** QoS 1: the broker sends each message at least once, again after a loss; duplicates have the same record id. */
  public CompletableFuture<?> subscribe(String filter) {
    return v3 != null
        ? v3.subscribe(Mqtt3Subscribe.builder().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).build())
        : v5.subscribe(Mqtt5Subscribe.builder().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).build());
  }

  public CompletableFuture<?> unsubscribe(String filter) {
    return v3 != null ? v3.unsubscribe(Mqtt3Unsubscribe.builder().topicFilter(filter).build())
        : v5.unsubscribe(Mqtt5Unsubscribe.builder().topicFilter(filter).build());
  }

  public CompletableFuture<?> publish(String topic, byte[] payload, boolean retain) {
    return v3 != null
        ? v3.publish(Mqtt3Publish.builder().topic(topic).payload(payload).qos(MqttQos.AT_LEAST_ONCE).retain(retain)
            .build())
        : v5.publish(Mqtt5Publish.builder().topic(topic).payload(payload).qos(MqttQos.AT_LEAST_ONCE).retain(retain)
            .build());
  }

  /** Disconnects for good: no will is published (a normal disconnect), no reconnect follows. */
  @Override
  public void close() {
    closed = true;
    try {
      (v3 != null ? v3.disconnect() : v5.disconnect()).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // not connected at the moment: nothing to disconnect, and no reconnect follows since closed is set
      LOG.debug("{}: disconnect: {}", options.clientId(), e.toString());
    }
  }
}
