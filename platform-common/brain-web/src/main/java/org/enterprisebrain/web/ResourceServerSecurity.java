package org.enterprisebrain.web;

import java.time.Duration;
import java.util.List;
import org.enterprisebrain.security.BrainJwtValidation;
import org.enterprisebrain.security.KeycloakJwtConverter;
import org.enterprisebrain.standard.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service validates tokens itself, not only the gateway: issuer, signature by the brain realm's
 * keys, expiry with our clock skew; roles from Keycloak's realm roles; 401/403 as problem+json.
 */
public final class ResourceServerSecurity {

  private ResourceServerSecurity() {
  }

  public static JwtDecoder jwtDecoder(String issuer, String jwks, Duration clockSkew) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwks).build();
    decoder.setJwtValidator(BrainJwtValidation.validator(issuer, clockSkew));
    return decoder;
  }

  /**
   * A stateless chain: health and metrics open, the given rules, everything else authenticated.
   *
   * @param forbiddenHint what a 403 tells the caller about the roles the service's operations need
   */
  public static SecurityFilterChain chain(HttpSecurity http,
      Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules,
      String forbiddenHint) throws Exception {
    BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    return http
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(auth -> {
          auth.requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll();
          rules.customize(auth);
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
            .accessDeniedHandler((request, response, e) -> Problems.write(response,
                Problems.problem(HttpStatus.FORBIDDEN, "Forbidden",
                    "this token lacks the role this operation needs (" + forbiddenHint + ")",
                    List.of(new FieldError("Authorization", "missing role"))))))
        .build();
  }
}
