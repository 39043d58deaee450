package org.enterprisebrain.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

  static final String LOGIN =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";";

  @Test
  void theChartsSettingsAreTlsWithTheClientsOwnLoginCheckedAgainstTheClusterCa() {
    assertThat(KafkaClientSecurity.properties(Map.of("BRAIN_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
        "BRAIN_KAFKA_SASL_JAAS_CONFIG", LOGIN, "BRAIN_KAFKA_TRUSTSTORE", "/etc/brain/kafka-ca/ca.crt")::get))
        .containsExactly(Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
            Map.entry("sasl.jaas.config", LOGIN), Map.entry("ssl.truststore.location", "/etc/brain/kafka-ca/ca.crt"),
            Map.entry("ssl.truststore.type", "PEM"));
  }

  @Test
  void plaintextAddsNothingAndALoginlessSaslProtocolIsRefused() {
    assertThat(KafkaClientSecurity.properties(Map.<String, String>of()::get)).isEmpty();
    assertThat(KafkaClientSecurity.properties(Map.of("BRAIN_KAFKA_SECURITY_PROTOCOL", " PLAINTEXT ")::get)).isEmpty();
    assertThatThrownBy(() -> KafkaClientSecurity.properties(Map.of("BRAIN_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")::get))
        .hasMessageStartingWith("BRAIN_KAFKA_SASL_JAAS_CONFIG");
    assertThatThrownBy(() -> KafkaClientSecurity.properties(Map.of("BRAIN_KAFKA_SECURITY_PROTOCOL", "tls")::get))
        .hasMessageStartingWith("BRAIN_KAFKA_SECURITY_PROTOCOL: TLS is not one of");
    // TLS without a login (a plant's own broker may do that): no SASL settings; no truststore on plaintext
    assertThat(KafkaClientSecurity.properties(Map.of("BRAIN_KAFKA_SECURITY_PROTOCOL", "SSL")::get))
        .containsExactly(Map.entry("security.protocol", "SSL"));
    assertThat(KafkaClientSecurity.properties(Map.of("BRAIN_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
        "BRAIN_KAFKA_SASL_JAAS_CONFIG", LOGIN, "BRAIN_KAFKA_TRUSTSTORE", "/ca.crt")::get))
        .doesNotContainKey("ssl.truststore.location");
  }
}
