package org.enterprisebrain.registry.web;

import org.enterprisebrain.security.Roles;
import org.enterprisebrain.web.JwtDecoderConfig;
import org.enterprisebrain.web.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * data-engineer (and admin) write, manager, data-engineer, auditor and admin read; only admin sets who may
 * approve an alias. Who may decide a particular alias request is the alias policy's business (AliasService).
 */
@Configuration
@Import(JwtDecoderConfig.class)
public class SecurityConfig {

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return ResourceServerSecurity.chain(http, auth -> auth
            .requestMatchers(HttpMethod.PUT, "/api/v1/registry/models/*/aliases/*/policy").hasRole(Roles.ADMIN)
            // a diagnosis is a query, posted only because it carries a list of symptoms
            .requestMatchers(HttpMethod.POST, "/api/v1/registry/graph/diagnose")
            .hasAnyRole(Roles.MANAGER, Roles.DATA_ENGINEER, Roles.AUDITOR, Roles.ADMIN)
            .requestMatchers(HttpMethod.GET, "/api/v1/registry/**")
            .hasAnyRole(Roles.MANAGER, Roles.DATA_ENGINEER, Roles.AUDITOR, Roles.ADMIN)
            .requestMatchers(HttpMethod.POST, "/api/v1/registry/**").hasAnyRole(Roles.DATA_ENGINEER, Roles.ADMIN)
            .requestMatchers(HttpMethod.DELETE, "/api/v1/registry/**").hasAnyRole(Roles.DATA_ENGINEER, Roles.ADMIN)
            // HEAD would reach the GET handlers past the rules above; no other verb is served
            .requestMatchers("/api/v1/registry/**").denyAll(),
        "registry: data-engineer and admin write, manager/auditor read and diagnose, admin sets alias policies");
  }
}
