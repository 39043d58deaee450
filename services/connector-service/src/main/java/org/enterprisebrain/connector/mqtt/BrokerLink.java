package org.enterprisebrain.connector.mqtt;

import org.enterprisebrain.connector.connections.DaemonThreads;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.enterprisebrain.connector.ConnectorProperties;
import org.enterprisebrain.connector.connections.ConnectionConfig;
import org.enterprisebrain.connector.connections.DeviceLink;
import org.enterprisebrain.connector.connections.LinkStatus;
import org.enterprisebrain.connector.records.Handoff;
import org.enterprisebrain.connector.records.RecordWriter;

/**
 * What the links over an MQTT broker share: one or more sessions ("lanes"), each with its worker thread, so the
 * messages of one session are handled in the order the broker sent them; the connection is connected while every
 * lane is. A message is acknowledged to the broker only once its records are on Kafka, on disk or dead-lettered
 * ({@link Handoff}), so what a broker counts delivered is never lost — and a session's pace is its broker's
 * in-flight window ÷ Kafka's acknowledgement time, which is why a link may spread its topics over several lanes.
 */
public abstract class BrokerLink implements DeviceLink {

  /** One session of the link and the thread its messages are handled on. */
  protected static final class Lane {

    final int index;
    final ExecutorService worker;
    volatile MqttSession session;
    volatile boolean connected;

    Lane(int index, ExecutorService worker) {
      this.index = index;
      this.worker = worker;
    }

    public MqttSession session() {
      return session;
    }

    /** Runs a task on the lane's thread, after the messages before it. */
    public void execute(Runnable task) {
      worker.execute(task);
    }
  }

  protected final ConnectionConfig config;
  protected final String password;
  protected final ConnectorProperties properties;
  protected final RecordWriter writer;
  protected final LinkStatus status;
  protected final List<Lane> lanes;
  private volatile boolean everConnected;

  protected BrokerLink(String kind, int lanes, ConnectionConfig config, String password,
      ConnectorProperties properties, RecordWriter writer, LinkStatus status) {
    this.config = config;
    this.password = password;
    this.properties = properties;
    this.writer = writer;
    this.status = status;
    List<Lane> made = new ArrayList<>();
    for (int i = 0; i < lanes; i++) {
      made.add(new Lane(i, worker(kind + "-" + config.id() + (lanes == 1 ? "" : "-" + i))));
    }
    this.lanes = List.copyOf(made);
  }

  static ExecutorService worker(String name) {
    return Executors.newSingleThreadExecutor(DaemonThreads.named(name));
  }

  /** The connection's session options: its endpoint, MQTT version and login. */
  protected MqttSession.Options options(String clientId, boolean persistent, Duration sessionExpiry,
      MqttSession.Will will) {
    return new MqttSession.Options(clientId, URI.create(config.endpoint()), config.mqttVersion(), config.username(),
        password, config.trustedCertificate(), persistent, sessionExpiry, properties.retry(), will);
  }

  /** Opens every lane, lane i with the options {@code options(i)} gives. */
  protected final void open(java.util.function.IntFunction<MqttSession.Options> options) {
    status.state(LinkStatus.State.CONNECTING, null);
    for (Lane lane : lanes) {
      lane.session = MqttSession.open(options.apply(lane.index), new MqttSession.Listener() {
        @Override
        public void connected() {
          lane.connected = true;
          everConnected = true;
          if (lanes.stream().allMatch(l -> l.connected)) {
            status.state(LinkStatus.State.CONNECTED, null);
          }
          onConnected(lane);
        }

        @Override
        public void disconnected(String why) {
          lane.connected = false;
          status.state(everConnected ? LinkStatus.State.DISCONNECTED : LinkStatus.State.CONNECTING, why);
        }

        @Override
        public void message(MqttSession.Message message) {
          Handoff handoff = new Handoff(status, message::acknowledge);
          try {
            onMessage(message, handoff);
          } finally {
            handoff.sealed();
          }
        }
      }, lane.worker);
    }
  }

  /** A lane connected, the first time or again: whatever the broker forgot is asked for again here. */
  protected abstract void onConnected(Lane lane);

  /**
   * A message of the subscriptions, on its lane's worker: every record made of it is written with an outcome of
   * the handoff, which acknowledges the message to the broker once they are all on Kafka, on disk or dead-lettered.
   */
  protected abstract void onMessage(MqttSession.Message message, Handoff handoff);

  /** Said to the broker before a planned disconnect. */
  protected void beforeClose(MqttSession open) {
  }

  @Override
  public LinkStatus status() {
    return status;
  }

  @Override
  public void close() {
    for (Lane lane : lanes) {
      MqttSession open = lane.session;
      if (open != null) {
        beforeClose(open);
        open.close();
      }
      lane.worker.shutdownNow();
    }
    status.state(LinkStatus.State.DISABLED, null);
  }
}
