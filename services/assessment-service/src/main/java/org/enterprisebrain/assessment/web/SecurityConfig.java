package org.enterprisebrain.assessment.web;

import org.enterprisebrain.web.BodyLimitConfig;
import org.enterprisebrain.web.audit.KafkaAuditConfig;
import org.enterprisebrain.web.JwtDecoderConfig;
import org.enterprisebrain.security.OperationRoles;
import org.enterprisebrain.web.Refusals;
import org.enterprisebrain.web.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who calls which operation is the spec's x-roles (api-specs/assessment.yaml): manager and admin read, attest,
 * review (never their own) and snapshot; admin changes the profile and the catalogue; auditor reads the history.
 * The dashboard page itself is public: its data is not.
 */
@Configuration
@Import({JwtDecoderConfig.class, BodyLimitConfig.class, KafkaAuditConfig.class})
public class SecurityConfig {

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return ResourceServerSecurity.chain(http, OperationRoles.load("assessment"),
        auth -> auth.requestMatchers(HttpMethod.GET, "/assessment/**").permitAll(), Refusals.NONE);
  }
}
