package org.enterprisebrain.web;

import java.time.Duration;
import java.util.List;
import org.enterprisebrain.security.BrainJwtValidation;
import org.enterprisebrain.security.OperationRoles;
import org.enterprisebrain.security.KeycloakJwtConverter;
import org.enterprisebrain.standard.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service validates tokens itself, not only the gateway: issuer, signature by the brain realm's
 * keys, audience, expiry with our clock skew; roles from Keycloak's realm roles; 401/403 as problem+json.
 */
public final class ResourceServerSecurity {

  private ResourceServerSecurity() {
  }

  public static JwtDecoder jwtDecoder(String issuer, String jwks, String audience, Duration clockSkew) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwks).build();
    decoder.setJwtValidator(BrainJwtValidation.validator(issuer, audience, clockSkew));
    return decoder;
  }

  /**
   * A stateless chain: health and metrics open, the {@code extra} rules (pages outside the API), then every
   * operation of the spec with the roles its {@code x-roles} names; any other {@code /api/} request (an
   * undeclared operation, HEAD past a GET) refused; everything else authenticated.
   */
  public static SecurityFilterChain chain(HttpSecurity http, OperationRoles spec,
      Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> extra,
      Refusals refusals) throws Exception {
    BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    return http
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(auth -> {
          auth.requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll();
          extra.customize(auth);
          for (OperationRoles.Operation operation : spec.operations()) {
            var matcher = auth.requestMatchers(HttpMethod.valueOf(operation.method()), operation.path());
            if (operation.anyToken()) {
              matcher.authenticated();
            } else {
              matcher.hasAnyRole(operation.roles().toArray(String[]::new));
            }
          }
          auth.requestMatchers("/api/**").denyAll();
          auth.anyRequest().authenticated();
        })
        .oauth2ResourceServer(oauth -> oauth
            .jwt(jwt -> jwt.jwtAuthenticationConverter(new KeycloakJwtConverter()))
            .authenticationEntryPoint((request, response, e) -> {
              bearer.commence(request, response, e); // sets WWW-Authenticate with the reason
              Problems.write(response, Problems.problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
                  "a valid bearer token of the brain realm is required: " + e.getMessage(),
                  List.of(new FieldError("Authorization", e.getMessage()))));
            })
            .accessDeniedHandler((request, response, e) -> {
              String reason = needs(spec, request);
              if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken caller) {
                refusals.refused(request, caller, reason);
              }
              Problems.write(response, Problems.problem(HttpStatus.FORBIDDEN, "Forbidden",
                  "this token lacks the role this operation needs: " + reason,
                  List.of(new FieldError("Authorization", "missing role"))));
            }))
        .build();
  }

  /** What the 403 tells the caller: the operation and its roles, from the spec. */
  static String needs(OperationRoles spec, HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return spec.match(request.getMethod(), path)
        .map(o -> request.getMethod() + " " + o.path() + " (" + o.operationId() + ") needs one of " + o.roles())
        .orElse("the " + spec.spec() + " API has no operation " + request.getMethod() + " " + path);
  }
}
