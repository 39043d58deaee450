package org.enterprisebrain.web.audit;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.enterprisebrain.security.OperationRoles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A service without the audit log audits over Kafka: what its spec ({@code brain.audit.spec}, the name of its
 * file in api-specs) marks {@code x-audit} goes to the audit topic ({@code brain.audit.topic}, the contract's
 * name unless set), and the catalog appends it to the chain.
 */
@Configuration
public class KafkaAuditConfig {

  @Bean
  KafkaAuditTrail kafkaAuditTrail(KafkaTemplate<?, ?> kafka,
      @Value("${brain.audit.topic:${brain.topics.audit.v1}}") String topic,
      @Value("${brain.audit.timeout:10s}") Duration timeout) {
    return new KafkaAuditTrail(kafka, topic, timeout);
  }

  @Bean
  ActionAudit actionAudit(@Value("${brain.audit.spec}") String spec, KafkaAuditTrail trail, MeterRegistry meters) {
    return new ActionAudit(OperationRoles.load(spec), trail, Clock.systemUTC(), meters);
  }
}
