package org.enterprisebrain.ingestion.web;

import java.time.Duration;
import org.enterprisebrain.security.BrainJwtValidation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Token checks of the brain realm (issuer, signature by the realm's keys, expiry with our clock skew). */
@Configuration
public class JwtConfig {

  @Bean
  JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
      @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwks,
      @Value("${brain.security.clock-skew}") Duration clockSkew) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwks).build();
    decoder.setJwtValidator(BrainJwtValidation.validator(issuer, clockSkew));
    return decoder;
  }
}
