package org.enterprisebrain.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class KafkaSecurityTest {

  static final String LOGIN =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";";

  @Test
  void theSettingsBecomeTheSecurityOfEveryKafkaClientOfTheService() {
    MockEnvironment env = new MockEnvironment().withProperty("BRAIN_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
        .withProperty("BRAIN_KAFKA_SASL_JAAS_CONFIG", LOGIN)
        .withProperty("BRAIN_KAFKA_TRUSTSTORE", "/etc/brain/kafka-ca/ca.crt")
        .withProperty("spring.kafka.properties.security.protocol", "PLAINTEXT");
    new KafkaSecurity().postProcessEnvironment(env, new SpringApplication());
    // first in precedence: a stray spring.kafka property cannot turn TLS off
    assertThat(env.getProperty("spring.kafka.properties.security.protocol")).isEqualTo("SASL_SSL");
    assertThat(env.getProperty("spring.kafka.properties.sasl.jaas.config")).isEqualTo(LOGIN);
    assertThat(env.getProperty("spring.kafka.properties.ssl.truststore.location")).isEqualTo("/etc/brain/kafka-ca/ca.crt");

    MockEnvironment plaintext = new MockEnvironment();
    new KafkaSecurity().postProcessEnvironment(plaintext, new SpringApplication());
    assertThat(plaintext.getPropertySources().contains("kafka-security")).isFalse();

    MockEnvironment loginless = new MockEnvironment().withProperty("BRAIN_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    assertThatThrownBy(() -> new KafkaSecurity().postProcessEnvironment(loginless, new SpringApplication()))
        .hasMessageStartingWith("BRAIN_KAFKA_SASL_JAAS_CONFIG");
  }
}
