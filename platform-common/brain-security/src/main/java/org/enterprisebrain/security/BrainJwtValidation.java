package org.enterprisebrain.security;

import java.time.Duration;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * How every service and the gateway judge a token of the brain realm: the issuer must match exactly,
 * and expiry is checked with a configurable clock skew ({@code BRAIN_JWT_CLOCK_SKEW}, default 30 s,
 * instead of Spring's fixed 60 s) on top of Spring Security's default checks.
 */
public final class BrainJwtValidation {

  private BrainJwtValidation() {
  }

  public static OAuth2TokenValidator<Jwt> validator(String issuer, Duration clockSkew) {
    return JwtValidators.createDefaultWithValidators(List.of(
        new JwtTimestampValidator(clockSkew), new JwtIssuerValidator(issuer)));
  }
}
