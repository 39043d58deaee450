package org.enterprisebrain.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** What a service does with a request its security chain refused for want of a role (beyond answering 403). */
@FunctionalInterface
public interface Refusals {

  Refusals NONE = (request, caller, reason) -> { };

  /**
   * @param caller the valid token that lacked the role
   * @param reason what the operation needs, as the 403 says it
   */
  void refused(HttpServletRequest request, JwtAuthenticationToken caller, String reason);
}
