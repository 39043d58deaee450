package org.enterprisebrain.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.enterprisebrain.kafka.KafkaClientSecurity;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A service's Kafka security from the {@code BRAIN_KAFKA_*} settings ({@link KafkaClientSecurity}), as
 * {@code spring.kafka.properties.*}: Spring Boot gives those to every producer, consumer and admin client, so no
 * client of a service connects another way. A SASL protocol without a login stops the service at start.
 */
public final class KafkaSecurity implements EnvironmentPostProcessor {

  private static final String PREFIX = "spring.kafka.properties.";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> properties = new LinkedHashMap<>();
    KafkaClientSecurity.properties(environment::getProperty).forEach((k, v) -> properties.put(PREFIX + k, v));
    if (!properties.isEmpty()) {
      environment.getPropertySources().addFirst(new MapPropertySource("kafka-security", properties));
    }
  }
}
