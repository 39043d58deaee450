package org.enterprisebrain.catalog.web;

import org.enterprisebrain.security.Roles;
import org.enterprisebrain.web.JwtDecoderConfig;
import org.enterprisebrain.web.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** data-engineer classifies and decides; manager, auditor and admin read; only auditor reads the audit log. */
@Configuration
@Import(JwtDecoderConfig.class)
public class SecurityConfig {

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return ResourceServerSecurity.chain(http, auth -> auth
            .requestMatchers(HttpMethod.GET, "/api/v1/catalog/audit/**", "/api/v1/catalog/audit").hasRole(Roles.AUDITOR)
            .requestMatchers(HttpMethod.POST, "/api/v1/catalog/**").hasRole(Roles.DATA_ENGINEER)
            .requestMatchers(HttpMethod.GET, "/api/v1/catalog/**")
            .hasAnyRole(Roles.DATA_ENGINEER, Roles.MANAGER, Roles.AUDITOR, Roles.ADMIN)
            // HEAD would reach the GET handlers past the rules above; no other verb is served
            .requestMatchers("/api/v1/catalog/**").denyAll(),
        "catalog: data-engineer edits, manager/auditor/admin read, auditor reads the audit log");
  }
}
