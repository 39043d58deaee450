package org.enterprisebrain.connector.connections;

/**
 * One device endpoint as stored: what the connector needs to connect and to stamp the records it makes.
 *
 * @param passwordSecret the name of the secret file holding the password, never the password
 */
public record ConnectionConfig(String id, String plant, String sourceSystem, String protocol, String endpoint,
    String securityPolicy, String username, String passwordSecret, boolean enabled) {
}
