package org.enterprisebrain.catalog.web;

import java.util.List;
import org.enterprisebrain.catalog.audit.AuditEvent;
import org.enterprisebrain.catalog.audit.AuditLog;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.web.BodyLimitConfig;
import org.enterprisebrain.web.JwtDecoderConfig;
import org.enterprisebrain.security.OperationRoles;
import org.enterprisebrain.web.ResourceServerSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who calls which operation: the x-roles of api-specs/catalog.yaml. A call refused for want of a role is an
 * entry of the audit chain (decision denied, policy role), as a read refused by plant scope is.
 */
@Configuration
@Import({JwtDecoderConfig.class, BodyLimitConfig.class})
public class SecurityConfig {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityConfig.class);

  @Bean
  SecurityFilterChain api(HttpSecurity http, AuditLog audit) throws Exception {
    return ResourceServerSecurity.chain(http, OperationRoles.load("catalog"), auth -> { },
        (request, caller, reason) -> {
          String resource = request.getMethod() + " " + request.getRequestURI();
          try {
            audit.record(BrainPrincipal.of(caller.getToken()).name(), caller.getToken().getClaimAsString("azp"),
                request.getRemoteAddr(), resource, List.of(), Grade.L1, "role: " + reason, AuditEvent.Decision.DENIED);
          } catch (DataAccessException e) {
            // the refusal stands either way; an unwritable audit log must not turn a 403 into a 500
            LOG.error("refusal of {} by {} not audited: {}", resource, caller.getName(), e.getMessage());
          }
        });
  }
}
