package org.enterprisebrain.web.audit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.enterprisebrain.messages.AuditedAction;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail of a service without the audit log: each action is a message of api-specs/topics/audit.v1,
 * keyed by its id, which the catalog appends to its hash chain. It goes through the service's own producer (one
 * connection per service), which must wait for every in-sync replica and be idempotent: a service whose settings
 * say otherwise does not start.
 */
public final class KafkaAuditTrail implements AuditTrail {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final KafkaTemplate<String, Object> kafka;
  private final Function<AuditedAction, Object> value;
  private final String topic;
  private final Duration timeout;

  /**
   * @param kafka the service's template, its values serialized as text or as bytes (the action is JSON either way)
   */
  @SuppressWarnings("unchecked")
  public KafkaAuditTrail(KafkaTemplate<?, ?> kafka, String topic, Duration timeout) {
    Map<String, Object> settings = kafka.getProducerFactory().getConfigurationProperties();
    if (!"all".equals(String.valueOf(settings.get(ProducerConfig.ACKS_CONFIG)))
        || "false".equals(String.valueOf(settings.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)))) {
      throw new IllegalStateException("the audit goes through the service's producer, which must have acks=all and "
          + "idempotence (spring.kafka.producer.acks / properties.enable.idempotence), not " + settings);
    }
    String serializer = className(settings.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG));
    if (serializer.equals(ByteArraySerializer.class.getName())) {
      this.value = JSON::writeValueAsBytes;
    } else if (serializer.isEmpty() || serializer.equals(StringSerializer.class.getName())) {
      this.value = JSON::writeValueAsString;
    } else {
      throw new IllegalStateException("the audit sends JSON as text or bytes; the service's producer serializes "
          + "values with " + serializer);
    }
    this.kafka = (KafkaTemplate<String, Object>) kafka;
    this.topic = topic;
    this.timeout = timeout;
  }

  private static String className(Object configured) {
    return configured == null ? "" : configured instanceof Class<?> c ? c.getName() : configured.toString();
  }

  @Override
  public void append(AuditedAction action) {
    try {
      kafka.send(topic, action.id().toString(), value.apply(action)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while auditing " + AuditedActions.resource(action), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the audit topic " + topic + " did not take " + AuditedActions.resource(action), e);
    }
  }
}
