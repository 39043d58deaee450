package org.enterprisebrain.web;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** The token decoder every servlet service uses (import it): the realm's issuer, its keys, the API's audience, a clock skew. */
@Configuration
public class JwtDecoderConfig {

  @Bean
  JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
      @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwks,
      @Value("${brain.security.audience}") String audience,
      @Value("${brain.security.clock-skew}") Duration clockSkew) {
    return ResourceServerSecurity.jwtDecoder(issuer, jwks, audience, clockSkew);
  }
}
