package org.enterprisebrain.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

  static final String LOGIN =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"brain-kafka-analytics-spc\" password=\"s3cret\";";

  @Test
  void everyClientOfAJobGetsTheChartsTlsAndLoginAndItsOwnSettingsOnTop() {
    KafkaConnection kafka = KafkaConnection.from(Map.of("BRAIN_KAFKA_BOOTSTRAP", "brain-kafka-kafka-bootstrap:9093",
        "BRAIN_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "BRAIN_KAFKA_SASL_JAAS_CONFIG", LOGIN,
        "BRAIN_KAFKA_TRUSTSTORE", "/etc/brain/kafka-ca/ca.crt")::get);
    assertThat(kafka.client(Map.of("acks", "all"))).containsEntry("bootstrap.servers", "brain-kafka-kafka-bootstrap:9093")
        .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", LOGIN).containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("acks", "all");
    assertThat(kafka.properties()).containsEntry("sasl.jaas.config", LOGIN);
    // settings are logged: the password never is
    assertThat(kafka.toString()).isEqualTo("brain-kafka-kafka-bootstrap:9093 (SASL_SSL)").doesNotContain("s3cret");
  }

  @Test
  void theLocalDemoIsPlaintextAndALoginlessSaslProtocolStopsTheJob() {
    assertThat(KafkaConnection.from(Map.<String, String>of()::get).client(Map.of()))
        .isEqualTo(Map.of("bootstrap.servers", "127.0.0.1:9092"));
    assertThatThrownBy(() -> KafkaConnection.from(Map.of("BRAIN_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")::get))
        .hasMessageStartingWith("BRAIN_KAFKA_SASL_JAAS_CONFIG");
  }
}
