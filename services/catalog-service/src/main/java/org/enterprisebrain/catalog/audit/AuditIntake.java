package org.enterprisebrain.catalog.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.enterprisebrain.messages.AuditedAction;
import org.enterprisebrain.standard.TopicSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The other services' audited actions (api-specs/topics/audit.v1) into the one audit chain, in the order Kafka
 * delivers them. An entry is committed before its offset: a crash in between delivers it again, and the chain
 * keeps it once. A message that breaks the contract is not appended (its writer has a bug, not an action to
 * prove): it is logged with its offset and counted (brain_audit_refused), and the intake goes on.
 */
@Component
public class AuditIntake {

  static final String SCHEMA = "audit.v1";
  private static final Logger LOG = LoggerFactory.getLogger(AuditIntake.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final AuditLog audit;
  private final Counter refused;
  private final Counter duplicates;

  public AuditIntake(AuditLog audit, MeterRegistry meters) {
    this.audit = audit;
    this.refused = Counter.builder("brain.audit.refused")
        .description("messages of the audit topic that break its contract, not appended").register(meters);
    this.duplicates = Counter.builder("brain.audit.duplicates")
        .description("audited actions delivered again, appended once").register(meters);
  }

  @KafkaListener(id = "catalog-audit", groupId = "${spring.kafka.consumer.group-id}-audit",
      topics = "${brain.topics.audit.v1}", batch = "true")
  public void consume(List<ConsumerRecord<String, byte[]>> batch) {
    for (ConsumerRecord<String, byte[]> record : batch) {
      String message = record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8);
      AuditedAction action;
      try {
        List<String> violations = TopicSchemas.violations(SCHEMA, message);
        if (!violations.isEmpty()) {
          throw new IllegalArgumentException(violations.toString());
        }
        action = JSON.readValue(message, AuditedAction.class);
      } catch (JacksonException | IllegalArgumentException e) {
        refused.increment();
        LOG.error("audit message at {}-{}@{} refused, not appended: {}", record.topic(), record.partition(),
            record.offset(), e.getMessage());
        continue;
      }
      if (!audit.record(action)) {
        duplicates.increment();
      }
    }
  }
}
