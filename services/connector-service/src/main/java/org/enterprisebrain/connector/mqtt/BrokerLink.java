package org.enterprisebrain.connector.mqtt;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.enterprisebrain.connector.ConnectorProperties;
import org.enterprisebrain.connector.connections.ConnectionConfig;
import org.enterprisebrain.connector.connections.DeviceLink;
import org.enterprisebrain.connector.connections.LinkStatus;
import org.enterprisebrain.connector.records.RecordWriter;

/**
 * What the links over an MQTT broker share: one session, its state told in the connection's status, and one
 * worker thread, so a connection's messages are handled in the order the broker sent them.
 */
public abstract class BrokerLink implements DeviceLink {

  protected final ConnectionConfig config;
  protected final String password;
  protected final ConnectorProperties properties;
  protected final RecordWriter writer;
  protected final LinkStatus status;
  protected final ExecutorService worker;
  protected volatile MqttSession session;
  private volatile boolean everConnected;

  protected BrokerLink(String kind, ConnectionConfig config, String password, ConnectorProperties properties,
      RecordWriter writer, LinkStatus status) {
    this.config = config;
    this.password = password;
    this.properties = properties;
    this.writer = writer;
    this.status = status;
    this.worker = worker(kind + "-" + config.id());
  }

  static ExecutorService worker(String name) {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** The connection's session options: its endpoint, MQTT version and login. */
  protected MqttSession.Options options(String clientId, boolean persistent, Duration sessionExpiry,
      MqttSession.Will will) {
    return new MqttSession.Options(clientId, URI.create(config.endpoint()), config.mqttVersion(), config.username(),
        password, persistent, sessionExpiry, properties.retry(), will);
  }

  protected final void open(MqttSession.Options options) {
    status.state(LinkStatus.State.CONNECTING, null);
    session = MqttSession.open(options, new MqttSession.Listener() {
      @Override
      public void connected() {
        everConnected = true;
        status.state(LinkStatus.State.CONNECTED, null);
        onConnected(session);
      }

      @Override
      public void disconnected(String why) {
        status.state(everConnected ? LinkStatus.State.DISCONNECTED : LinkStatus.State.CONNECTING, why);
      }

      @Override
      public void message(MqttSession.Message message) {
        onMessage(message);
      }
    }, worker);
  }

  /** Connected, the first time or again: whatever the broker forgot is asked for again here. */
  protected abstract void onConnected(MqttSession open);

  protected abstract void onMessage(MqttSession.Message message);

  /** Said to the broker before a planned disconnect. */
  protected void beforeClose(MqttSession open) {
  }

  @Override
  public LinkStatus status() {
    return status;
  }

  @Override
  public void close() {
    MqttSession open = session;
    if (open != null) {
      beforeClose(open);
      open.close();
    }
    worker.shutdownNow();
    status.state(LinkStatus.State.DISABLED, null);
  }
}
