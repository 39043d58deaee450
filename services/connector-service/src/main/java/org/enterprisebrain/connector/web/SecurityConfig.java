package org.enterprisebrain.connector.web;

import org.enterprisebrain.security.OperationRoles;
import org.enterprisebrain.web.BodyLimitConfig;
import org.enterprisebrain.web.JwtDecoderConfig;
import org.enterprisebrain.web.Refusals;
import org.enterprisebrain.web.ResourceServerSecurity;
import org.enterprisebrain.web.audit.KafkaAuditConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Who calls which operation: the x-roles of api-specs/connectors.yaml; whose plants, the connection service. */
@Configuration
@Import({JwtDecoderConfig.class, BodyLimitConfig.class, KafkaAuditConfig.class})
public class SecurityConfig {

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return ResourceServerSecurity.chain(http, OperationRoles.load("connectors"), auth -> { }, Refusals.NONE);
  }
}
