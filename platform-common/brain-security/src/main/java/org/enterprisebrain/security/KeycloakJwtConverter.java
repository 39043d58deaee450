package org.enterprisebrain.security;

import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Maps Keycloak realm roles ({@code realm_access.roles}) to {@code ROLE_<role>} authorities. Replaces
 * the end-of-life Keycloak Spring adapters; used by every service and by the gateway.
 */
public final class KeycloakJwtConverter implements Converter<Jwt, AbstractAuthenticationToken> {

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    BrainPrincipal principal = BrainPrincipal.of(jwt);
    List<GrantedAuthority> authorities = principal.roles().stream()
        .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
        .toList();
    return new JwtAuthenticationToken(jwt, authorities, principal.name());
  }
}
