package org.enterprisebrain.security;

import java.time.Duration;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * How every service and the gateway judge a token of the brain realm: the issuer must match exactly; the
 * audience must name the brain API ({@code BRAIN_JWT_AUDIENCE}, default {@code brain-api}, which the realm's
 * clients put in their tokens), so a token the same realm minted for another application of the plant is not
 * replayed here; expiry is checked with a configurable clock skew ({@code BRAIN_JWT_CLOCK_SKEW}, default 30 s,
 * instead of Spring's fixed 60 s) on top of Spring Security's default checks.
 */
public final class BrainJwtValidation {

  /** The audience the realm's clients of the platform put in their tokens. */
  public static final String AUDIENCE = "brain-api";

  private BrainJwtValidation() {
  }

  public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience, Duration clockSkew) {
    return JwtValidators.createDefaultWithValidators(List.of(
        new JwtTimestampValidator(clockSkew), new JwtIssuerValidator(issuer), audience(audience)));
  }

  static OAuth2TokenValidator<Jwt> audience(String audience) {
    OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
        "the token is not for this API: its audience (aud) does not name " + audience, null);
    return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
        ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(error);
  }
}
