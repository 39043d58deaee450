package org.enterprisebrain.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How a Kafka client of the platform proves who it is and checks whom it talks to, from the settings every service
 * and every analytics job reads: {@code BRAIN_KAFKA_SECURITY_PROTOCOL} (PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL;
 * default PLAINTEXT, the local demo's loopback broker), {@code BRAIN_KAFKA_SASL_MECHANISM} (default SCRAM-SHA-512),
 * {@code BRAIN_KAFKA_SASL_JAAS_CONFIG} (the client's own Kafka user; Strimzi's KafkaUser Secret holds it as
 * {@code sasl.jaas.config}), {@code BRAIN_KAFKA_TRUSTSTORE} and {@code BRAIN_KAFKA_TRUSTSTORE_TYPE} (default PEM: the
 * cluster CA's certificate; none: the JDK's CAs). One reading for both, so a service and a job given the same
 * settings connect the same way.
 */
public final class KafkaClientSecurity {

  public static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

  private KafkaClientSecurity() {
  }

  /**
   * The Kafka client properties the settings ask for (none for PLAINTEXT). A SASL protocol without a login is
   * refused here, so a client stops at start rather than at its first send.
   */
  public static Map<String, String> properties(Function<String, String> env) {
    String protocol = setting(env, "BRAIN_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").toUpperCase(Locale.ROOT);
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException("BRAIN_KAFKA_SECURITY_PROTOCOL: " + protocol + " is not one of " + PROTOCOLS);
    }
    Map<String, String> security = new LinkedHashMap<>();
    if (protocol.equals("PLAINTEXT")) {
      return security;
    }
    security.put("security.protocol", protocol);
    if (protocol.startsWith("SASL_")) {
      String login = setting(env, "BRAIN_KAFKA_SASL_JAAS_CONFIG", "");
      if (login.isEmpty()) {
        throw new IllegalArgumentException("BRAIN_KAFKA_SASL_JAAS_CONFIG: " + protocol + " needs the client's login");
      }
      security.put("sasl.mechanism", setting(env, "BRAIN_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"));
      security.put("sasl.jaas.config", login);
    }
    String truststore = setting(env, "BRAIN_KAFKA_TRUSTSTORE", "");
    if (protocol.endsWith("SSL") && !truststore.isEmpty()) {
      security.put("ssl.truststore.location", truststore);
      security.put("ssl.truststore.type", setting(env, "BRAIN_KAFKA_TRUSTSTORE_TYPE", "PEM"));
    }
    return security;
  }

  /** A setting, trimmed; blank or missing: {@code fallback}. */
  public static String setting(Function<String, String> env, String name, String fallback) {
    String value = env.apply(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
