package org.enterprisebrain.analytics.stream;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.enterprisebrain.kafka.KafkaClientSecurity;

/**
 * Where the jobs' Kafka is and how they prove who they are: the bootstrap servers and the client settings of
 * its listener (in the chart: TLS with SCRAM-SHA-512 as the job's own Kafka user, whose ACLs say what it may read
 * and write). Every Kafka client of the jobs — sources, producers, the admin that creates missing topics — is
 * made from one of these, so none of them can connect another way.
 *
 * @param security the client properties beyond {@code bootstrap.servers} (empty: plaintext, no identity)
 */
public record KafkaConnection(String bootstrap, Map<String, String> security) implements Serializable {

  public KafkaConnection {
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException("BRAIN_KAFKA_BOOTSTRAP: no bootstrap servers");
    }
    security = Map.copyOf(security);
  }

  /** A broker without security: the local demo's and the tests'. */
  public static KafkaConnection plaintext(String bootstrap) {
    return new KafkaConnection(bootstrap, Map.of());
  }

  /** From {@code BRAIN_KAFKA_BOOTSTRAP} and the security settings every Kafka client reads ({@link KafkaClientSecurity}). */
  public static KafkaConnection from(Function<String, String> env) {
    return new KafkaConnection(KafkaClientSecurity.setting(env, "BRAIN_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
        KafkaClientSecurity.properties(env));
  }

  /** A client's configuration: the connection's, then {@code own} (the client's own settings). */
  public Map<String, Object> client(Map<String, ?> own) {
    Map<String, Object> config = new HashMap<>(security);
    config.put("bootstrap.servers", bootstrap);
    config.putAll(own);
    return config;
  }

  /** The same as {@link #client}, for the APIs that take {@link Properties} (Flink's KafkaSource). */
  public Properties properties() {
    Properties p = new Properties();
    p.putAll(client(Map.of()));
    return p;
  }

  /** Never the login: settings are logged. */
  @Override
  public String toString() {
    return bootstrap + " (" + security.getOrDefault("security.protocol", "PLAINTEXT") + ")";
  }
}
