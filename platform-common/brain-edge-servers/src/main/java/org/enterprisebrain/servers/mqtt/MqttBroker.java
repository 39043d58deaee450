package org.enterprisebrain.servers.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An in-JVM MQTT broker (HiveMQ Community Edition, embedded) for tests and the local demo: MQTT 3.1.1 and 5 on
 * 127.0.0.1, sessions in memory, and a login every client must pass — one of the given users with its password.
 *
 * <p><b>A simulator's broker, not one to expose</b>: it binds to the loopback only and keeps nothing on disk.
 */
public final class MqttBroker implements AutoCloseable {

  /** An mqtts:// listener besides the plain one: its port and the keystore (PKCS12) with the broker's key. */
  public record Tls(int port, Path keystore, String password) {
  }

  private final int port;
  private final Map<String, String> users;
  private final Tls tls;
  private final Path home;
  private EmbeddedHiveMQ hivemq;

  private MqttBroker(int port, Map<String, String> users, Tls tls, Path home) {
    this.port = port;
    this.users = Map.copyOf(users);
    this.tls = tls;
    this.home = home;
  }

  /** @param users user name → password; a client that names none of them, or a wrong password, is refused */
  public static MqttBroker start(int port, Map<String, String> users) {
    return start(port, users, null);
  }

  /** As {@link #start(int, Map)}, with an mqtts:// listener too when {@code tls} is given. */
  public static MqttBroker start(int port, Map<String, String> users, Tls tls) {
    try {
      Path home = Files.createTempDirectory("brain-mqtt-broker");
      MqttBroker broker = new MqttBroker(port, users, tls, home);
      broker.start();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void start() {
    try {
      Path conf = Files.createDirectories(home.resolve("conf"));
      Files.writeString(conf.resolve("config.xml"), """
          <?xml version="1.0"?>
          <hivemq>
            <listeners>
              <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
              %s
            </listeners>
            <persistence><mode>in-memory</mode></persistence>
            <!-- HiveMQ discards QoS 1 messages past 1,000 queued for a client that reads slower than they come
                 (measured: 19,900 of 200,000 lost in the connector benchmark); a simulator keeps them all -->
            <mqtt><queued-messages><max-queue-size>10000000</max-queue-size></queued-messages></mqtt>
            <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
          </hivemq>
          """.formatted(port, tls == null ? "" : """
              <tls-tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address>
                <tls><keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password>
                </keystore></tls>
              </tls-tcp-listener>""".formatted(tls.port(), tls.keystore().toAbsolutePath(), tls.password(),
              tls.password())));
      hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(conf)
          .withDataFolder(Files.createDirectories(home.resolve("data")))
          .withExtensionsFolder(Files.createDirectories(home.resolve("extensions")))
          .withEmbeddedExtension(logins()).withoutLoggingBootstrap().build();
      hivemq.start().get(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the MQTT broker did not start on port " + port, e);
    }
  }

  /** The users' logins as HiveMQ's extension SDK checks them: a broker without one lets no client in. */
  private EmbeddedExtension logins() {
    return EmbeddedExtension.builder().withId("brain-logins").withName("brain logins").withVersion("1")
        .withAuthor("enterprise-brain").withPriority(0).withStartPriority(1000)
        .withExtensionMain(new ExtensionMain() {
          @Override
          public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
            Services.securityRegistry().setAuthenticatorProvider(input -> (SimpleAuthenticator) (auth, output) -> {
              String user = auth.getConnectPacket().getUserName().orElse(null);
              String password = auth.getConnectPacket().getPassword().map(MqttBroker::text).orElse(null);
              if (user != null && password != null && password.equals(users.get(user))) {
                output.authenticateSuccessfully();
              } else {
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "unknown user or password");
              }
            });
          }

          @Override
          public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
            // nothing held
          }
        }).build();
  }

  private static String text(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public int port() {
    return port;
  }

  public String endpoint() {
    return "mqtt://127.0.0.1:" + port;
  }

  /** The mqtts:// endpoint, when the broker was started with TLS. */
  public String tlsEndpoint() {
    if (tls == null) {
      throw new IllegalStateException("the broker was started without TLS");
    }
    return "mqtts://127.0.0.1:" + tls.port();
  }

  /**
   * Stops the broker for good. (HiveMQ embedded does not start twice in one JVM with its extensions intact: a test
   * of a lost connection takes the connection over instead.)
   */
  @Override
  public synchronized void close() {
    if (hivemq != null) {
      try {
        hivemq.stop().get(30, TimeUnit.SECONDS);
        hivemq.close();
      } catch (Exception e) {
        throw new IllegalStateException("the MQTT broker did not close", e);
      }
      hivemq = null;
    }
  }
}
