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

  /**
   * The caller, who must be a person: four eyes mean two people, and a service account holding the role (the
   * analytics and registry services are data engineers, to register lineage) is no second pair of eyes.
   * 403 {@code Authorization} otherwise.
   */
  public static BrainPrincipal person(String act) {
    BrainPrincipal caller = current();
    if (caller.serviceAccount()) {
      throw ProblemException.forbidden("Authorization", act + " is a person's decision (four eyes): the service"
          + " account '" + caller.name() + "' cannot make it");
    }
    return caller;
  }

  /** The OAuth client the token was issued to ({@code azp}), e.g. brain-console or demo-factory. */
  public static String clientId() {
    return token().getClaimAsString("azp");
  }
}
