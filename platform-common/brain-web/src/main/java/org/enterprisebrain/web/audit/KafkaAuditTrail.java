package org.enterprisebrain.web.audit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.ProducerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail of a service without the audit log: each action is a message of api-specs/topics/audit.v1,
 * keyed by its id, which the catalog appends to its hash chain. An action is handed on when Kafka has it on every
 * in-sync replica (acks=all, idempotent), whatever the service's own producer settings say of acks.
 */
public final class KafkaAuditTrail implements AuditTrail, AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Producer<String, String> producer;
  private final String topic;
  private final Duration timeout;

  /**
   * @param settings the service's producer settings (bootstrap servers, security): the audit's own producer
   *                 connects as the service's others do
   */
  public KafkaAuditTrail(ProducerFactory<?, ?> settings, String topic, Duration timeout) {
    Map<String, Object> config = new HashMap<>(settings.getConfigurationProperties());
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "audit-" + config.getOrDefault(ProducerConfig.CLIENT_ID_CONFIG,
        "producer"));
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    this.topic = topic;
    this.timeout = timeout;
  }

  @Override
  public void append(AuditedAction action) {
    try {
      producer.send(new ProducerRecord<>(topic, action.id().toString(), JSON.writeValueAsString(action)))
          .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while auditing " + action.resource(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the audit topic " + topic + " did not take " + action.resource(), e);
    }
  }

  @Override
  public void close() {
    producer.close(timeout);
  }
}
