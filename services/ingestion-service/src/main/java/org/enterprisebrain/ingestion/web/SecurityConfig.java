package org.enterprisebrain.ingestion.web;

import org.enterprisebrain.security.Roles;
import org.enterprisebrain.web.JwtDecoderConfig;
import org.enterprisebrain.web.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Ingest needs the integrator role; plant and source-system scope are checked per record. */
@Configuration
@Import(JwtDecoderConfig.class)
public class SecurityConfig {

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return ResourceServerSecurity.chain(http,
        auth -> auth.requestMatchers(HttpMethod.POST, "/api/v1/ingest/**").hasRole(Roles.INTEGRATOR),
        "ingest: integrator");
  }
}
