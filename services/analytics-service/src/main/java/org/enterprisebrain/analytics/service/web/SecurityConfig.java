package org.enterprisebrain.analytics.service.web;

import org.enterprisebrain.security.Roles;
import org.enterprisebrain.web.JwtDecoderConfig;
import org.enterprisebrain.web.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Results are read by manager, data-engineer, auditor and admin; written: backfills (admin), SPC settings and routings (data-engineer, admin), work calendars and energy settings (manager, data-engineer, admin). */
@Configuration
@Import(JwtDecoderConfig.class)
public class SecurityConfig {

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return ResourceServerSecurity.chain(http, auth -> auth
            .requestMatchers(HttpMethod.GET, "/api/v1/analytics/**")
            .hasAnyRole(Roles.MANAGER, Roles.DATA_ENGINEER, Roles.AUDITOR, Roles.ADMIN)
            .requestMatchers(HttpMethod.POST, "/api/v1/analytics/backfills").hasRole(Roles.ADMIN)
            // people who act on alerts; an auditor reads what they did
            .requestMatchers(HttpMethod.POST, "/api/v1/analytics/alerts/*/actions")
            .hasAnyRole(Roles.MANAGER, Roles.DATA_ENGINEER, Roles.ADMIN)
            // a quality engineer's: the limits of a chart
            .requestMatchers(HttpMethod.PUT, "/api/v1/analytics/spc/settings").hasAnyRole(Roles.DATA_ENGINEER, Roles.ADMIN)
            // an industrial engineer's: how fast each operation of a product can run
            .requestMatchers(HttpMethod.PUT, "/api/v1/analytics/oee/routings").hasAnyRole(Roles.DATA_ENGINEER, Roles.ADMIN)
            // a planner's and an energy manager's (the plant's manager): when the plant works, what energy costs
            .requestMatchers(HttpMethod.PUT, "/api/v1/analytics/oee/calendars", "/api/v1/analytics/energy/settings")
            .hasAnyRole(Roles.MANAGER, Roles.DATA_ENGINEER, Roles.ADMIN)
            // HEAD would reach the GET handlers past the rule above; no other verb is served
            .requestMatchers("/api/v1/analytics/**").denyAll(),
        "analytics: manager, data-engineer, auditor and admin read; admin requests backfills; data-engineer and admin change SPC settings and routings; manager, data-engineer and admin change work calendars and energy settings; manager, data-engineer and admin act on alerts");
  }
}
