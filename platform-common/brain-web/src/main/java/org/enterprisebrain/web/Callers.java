package org.enterprisebrain.web;

import org.enterprisebrain.security.BrainPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The authenticated caller of the current request (the security chain guarantees a JWT). */
public final class Callers {

  private Callers() {
  }

  public static Jwt token() {
    return ((JwtAuthenticationToken) SecurityContextHolder.getContext().getAuthentication()).getToken();
  }

  public static BrainPrincipal current() {
    return BrainPrincipal.of(token());
  }

  /** The OAuth client the token was issued to ({@code azp}), e.g. brain-console or demo-factory. */
  public static String clientId() {
    return token().getClaimAsString("azp");
  }
}
