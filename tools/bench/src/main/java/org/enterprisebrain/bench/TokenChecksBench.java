package org.enterprisebrain.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.enterprisebrain.security.BrainJwtValidation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * What the platform's token checks (issuer, audience brain-api, expiry with the clock skew: BrainJwtValidation,
 * run by the gateway and every service on every request) cost beside Spring Security's default ones (issuer and
 * expiry) on the same token, signature aside (the same for both). Ratio = brain / default.
 * Run with tools/bench/token-checks.sh.
 */
public class TokenChecksBench extends JmhBench {

  static final String ISSUER = "http://127.0.0.1:8180/realms/brain";

  Jwt token;
  OAuth2TokenValidator<Jwt> defaults;
  OAuth2TokenValidator<Jwt> brain;

  @Setup
  public void token() {
    Instant now = Instant.now();
    token = Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER).subject("manager")
        .audience(List.of("brain-api", "account")).issuedAt(now).expiresAt(now.plus(Duration.ofHours(1)))
        .claim("azp", "brain-console").claim("plants", List.of("hz-01")).build();
    defaults = JwtValidators.createDefaultWithIssuer(ISSUER);
    brain = BrainJwtValidation.validator(ISSUER, BrainJwtValidation.AUDIENCE, Duration.ofSeconds(30));
  }

  @Benchmark
  public OAuth2TokenValidatorResult springDefaults() {
    return defaults.validate(token);
  }

  @Benchmark
  public OAuth2TokenValidatorResult brainChecks() {
    return brain.validate(token);
  }
}
