package org.enterprisebrain.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

class BrainJwtValidationTest {

  static final String ISSUER = "http://127.0.0.1:8180/realms/brain";

  static OAuth2TokenValidatorResult validate(List<String> audience) {
    Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER)
        .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).subject("u");
    if (audience != null) {
      jwt.audience(audience);
    }
    return BrainJwtValidation.validator(ISSUER, BrainJwtValidation.AUDIENCE, Duration.ofSeconds(30)).validate(jwt.build());
  }

  @Test
  void aTokenForTheBrainApiPasses() {
    assertThat(validate(List.of("brain-api", "account")).hasErrors()).isFalse();
  }

  @Test
  void aTokenForAnotherApplicationOrForNoneIsRefusedNamingTheAudience() {
    for (List<String> audience : java.util.Arrays.<List<String>>asList(List.of("account"), List.of(), null)) {
      OAuth2TokenValidatorResult result = validate(audience);
      assertThat(result.hasErrors()).as(String.valueOf(audience)).isTrue();
      assertThat(result.getErrors()).anySatisfy(e -> assertThat(e.getDescription()).contains("audience")
          .contains("brain-api"));
    }
  }
}
