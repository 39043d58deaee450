package org.enterprisebrain.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.enterprisebrain.security.BrainJwtValidation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
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
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenChecksBench {

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
