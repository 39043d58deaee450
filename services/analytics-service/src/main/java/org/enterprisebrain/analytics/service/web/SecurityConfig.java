package org.enterprisebrain.analytics.service.web;

import java.time.Duration;
import org.enterprisebrain.security.Roles;
import org.enterprisebrain.web.ResourceServerSecurity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/** Results are read by manager, data-engineer, auditor and admin; nothing is written through this API. */
@Configuration
public class SecurityConfig {

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return ResourceServerSecurity.chain(http, auth -> auth
            .requestMatchers(HttpMethod.GET, "/api/v1/analytics/**")
            .hasAnyRole(Roles.MANAGER, Roles.DATA_ENGINEER, Roles.AUDITOR, Roles.ADMIN)
            // HEAD would reach the GET handlers past the rule above; no other verb is served
            .requestMatchers("/api/v1/analytics/**").denyAll(),
        "analytics: manager, data-engineer, auditor and admin read");
  }

  @Bean
  JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
      @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwks,
      @Value("${brain.security.clock-skew}") Duration clockSkew) {
    return ResourceServerSecurity.jwtDecoder(issuer, jwks, clockSkew);
  }
}
