package org.enterprisebrain.registry.web;

import org.enterprisebrain.web.BodyLimitConfig;
import org.enterprisebrain.web.audit.KafkaAuditConfig;
import org.enterprisebrain.web.JwtDecoderConfig;
import org.enterprisebrain.security.OperationRoles;
import org.enterprisebrain.web.Refusals;
import org.enterprisebrain.web.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who calls which operation: the x-roles of api-specs/registry.yaml. Who may decide a particular alias request is
 * the alias policy's business (AliasService).
 */
@Configuration
@Import({JwtDecoderConfig.class, BodyLimitConfig.class, KafkaAuditConfig.class})
public class SecurityConfig {

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return ResourceServerSecurity.chain(http, OperationRoles.load("registry"), auth -> { }, Refusals.NONE);
  }
}
