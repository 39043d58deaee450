package org.enterprisebrain.ingestion.web;

import java.util.List;
import org.enterprisebrain.security.KeycloakJwtConverter;
import org.enterprisebrain.security.Roles;
import org.enterprisebrain.standard.FieldError;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The service validates tokens itself (not only the gateway): issuer, signature and expiry against
 * the brain realm; ingest needs the integrator role.
 */
@Configuration
public class SecurityConfig {

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    return http
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/ingest/**").hasRole(Roles.INTEGRATOR)
            .anyRequest().authenticated())
        .oauth2ResourceServer(oauth -> oauth
            .jwt(jwt -> jwt.jwtAuthenticationConverter(new KeycloakJwtConverter()))
            .authenticationEntryPoint((request, response, e) -> {
              bearer.commence(request, response, e); // sets WWW-Authenticate with the reason
              ProblemDetail problem = ProblemHandler.problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
                  "a valid bearer token of the brain realm is required: " + e.getMessage(),
                  List.of(new FieldError("Authorization", e.getMessage())));
              ProblemResponses.write(response, problem);
            })
            .accessDeniedHandler((request, response, e) -> ProblemResponses.write(response,
                ProblemHandler.problem(HttpStatus.FORBIDDEN, "Forbidden",
                    "this token lacks the role this operation needs (ingest: integrator)",
                    List.of(new FieldError("Authorization", "missing role"))))))
        .build();
  }
}
