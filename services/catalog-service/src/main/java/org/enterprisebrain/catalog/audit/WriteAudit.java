package org.enterprisebrain.catalog.audit;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.enterprisebrain.security.OperationRoles;
import org.enterprisebrain.web.audit.ActionAudit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The catalog's own changes are audited: a call that succeeded of an operation api-specs/catalog.yaml marks
 * {@code x-audit: write} is an entry of the audit chain (decision written, policy {@code write: <operationId>}),
 * beside the graded reads and the refusals; the other services' arrive over the audit topic ({@link AuditIntake}).
 */
@Configuration
public class WriteAudit {

  @Bean
  ActionAudit catalogActionAudit(AuditLog audit, MeterRegistry meters) {
    return new ActionAudit(OperationRoles.load("catalog"), audit::record, Clock.systemUTC(), meters);
  }
}
