package org.enterprisebrain.gateway;

import java.time.Duration;
import org.enterprisebrain.security.BrainJwtValidation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** The same token checks as the services, at the edge. */
@Configuration
public class JwtConfig {

  @Bean
  ReactiveJwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
      @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwks,
      @Value("${brain.security.audience}") String audience,
      @Value("${brain.security.clock-skew}") Duration clockSkew) {
    NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwks).build();
    decoder.setJwtValidator(BrainJwtValidation.validator(issuer, audience, clockSkew));
    return decoder;
  }
}
