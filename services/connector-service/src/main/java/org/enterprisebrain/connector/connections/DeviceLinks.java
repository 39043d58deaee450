package org.enterprisebrain.connector.connections;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import org.enterprisebrain.connector.ConnectorProperties;
import org.enterprisebrain.connector.modbus.ModbusLink;
import org.enterprisebrain.connector.mqtt.MqttTopicLink;
import org.enterprisebrain.connector.opcua.OpcUaLink;
import org.enterprisebrain.connector.sparkplug.SparkplugLink;
import org.enterprisebrain.connector.records.RecordWriter;
import org.springframework.stereotype.Component;

/** Opens the link a connection's protocol needs, with its password read from the secrets directory. */
@Component
public class DeviceLinks {

  private final ConnectorProperties properties;
  private final RecordWriter writer;
  private final Clock clock;

  public DeviceLinks(ConnectorProperties properties, RecordWriter writer, Clock clock) {
    this.properties = properties;
    this.writer = writer;
    this.clock = clock;
  }

  public DeviceLink open(ConnectionConfig config, LinkStatus status) {
    return switch (config.protocol()) {
      case "opc-ua" -> new OpcUaLink(config, password(config), properties, writer, status, clock);
      case "mqtt" -> new MqttTopicLink(config, password(config), properties, writer, status);
      case "sparkplug-b" -> new SparkplugLink(config, password(config), properties, writer, status, clock);
      case "modbus-tcp" -> new ModbusLink(config, properties, writer, status, clock);
      default -> throw new IllegalArgumentException("no link for protocol " + config.protocol());
    };
  }

  /** The secret's content without the line end an editor or {@code kubectl create secret --from-file} leaves. */
  private String password(ConnectionConfig config) {
    if (config.passwordSecret() == null || properties.secretsDir() == null) {
      return null;
    }
    try {
      return Files.readString(properties.secretsDir().resolve(config.passwordSecret()), StandardCharsets.UTF_8)
          .stripTrailing();
    } catch (IOException e) {
      throw new UncheckedIOException("the secret " + config.passwordSecret() + " of connection " + config.id()
          + " cannot be read", e);
    }
  }
}
