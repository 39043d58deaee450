package org.enterprisebrain.connector.connections;

/**
 * One device endpoint as stored: what the connector needs to connect and to stamp the records it makes.
 *
 * @param mqttVersion mqtt and sparkplug-b: 3.1.1 or 5; null for OPC UA
 * @param passwordSecret the name of the secret file holding the password, never the password
 * @param trustedCertificate mqtts: the PEM certificates trusted instead of the Java trust store; null: the latter
 */
public record ConnectionConfig(String id, String plant, String sourceSystem, String protocol, String endpoint,
    String securityPolicy, String mqttVersion, String username, String passwordSecret, String trustedCertificate,
    boolean enabled) {

  /** The MQTT versions as the API names them; OPC UA connections have none. */
  public static final String MQTT_5 = "5";
  public static final String MQTT_3 = "3.1.1";
}
