package org.enterprisebrain.ingestion.web;

import org.enterprisebrain.web.JwtDecoderConfig;
import org.enterprisebrain.web.OperationRoles;
import org.enterprisebrain.web.Refusals;
import org.enterprisebrain.web.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Who calls which operation: the x-roles of api-specs/ingestion.yaml; plant and source-system scope are checked per record. */
@Configuration
@Import(JwtDecoderConfig.class)
public class SecurityConfig {

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return ResourceServerSecurity.chain(http, OperationRoles.load("ingestion"), auth -> { }, Refusals.NONE);
  }
}
