package org.enterprisebrain.assessment.web;

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
 * manager and admin read, attest, review (never their own) and snapshot; admin changes the profile and the
 * catalogue; auditor reads the history (snapshots and attestations). The dashboard page itself is public: its
 * data is not.
 */
@Configuration
@Import(JwtDecoderConfig.class)
public class SecurityConfig {

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return ResourceServerSecurity.chain(http, auth -> auth
            .requestMatchers(HttpMethod.GET, "/assessment/**").permitAll()
            .requestMatchers(HttpMethod.PUT, "/api/v1/assessment/profile", "/api/v1/assessment/catalogue/items/*")
            .hasRole(Roles.ADMIN)
            .requestMatchers(HttpMethod.GET, "/api/v1/assessment/snapshots/**", "/api/v1/assessment/attestations/**",
                "/api/v1/assessment/attestations").hasAnyRole(Roles.MANAGER, Roles.ADMIN, Roles.AUDITOR)
            .requestMatchers(HttpMethod.GET, "/api/v1/assessment/snapshots").hasAnyRole(Roles.MANAGER, Roles.ADMIN,
                Roles.AUDITOR)
            .requestMatchers(HttpMethod.GET, "/api/v1/assessment/**").hasAnyRole(Roles.MANAGER, Roles.ADMIN)
            .requestMatchers(HttpMethod.POST, "/api/v1/assessment/attestations", "/api/v1/assessment/attestations/*/review",
                "/api/v1/assessment/snapshots").hasAnyRole(Roles.MANAGER, Roles.ADMIN)
            // HEAD would reach the GET handlers past the rules above; no other verb is served
            .requestMatchers("/api/v1/assessment/**").denyAll(),
        "assessment: manager and admin read and attest, admin edits the profile, auditor reads the history");
  }
}
