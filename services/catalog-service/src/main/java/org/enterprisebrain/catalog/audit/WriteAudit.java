package org.enterprisebrain.catalog.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.security.OperationRoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Changes are audited: a call of an operation that api-specs/catalog.yaml marks {@code x-audit: write} and that
 * succeeded is an entry of the audit chain (decision written, policy {@code write: <operationId>}), beside the
 * graded reads and the refusals. Which operations change something is said once, in the spec.
 */
@Configuration
public class WriteAudit implements WebMvcConfigurer, HandlerInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(WriteAudit.class);
  static final String WRITE = "write";
  private static final java.util.Set<String> READS = java.util.Set.of("GET", "HEAD", "OPTIONS");
  private final OperationRoles spec = OperationRoles.load("catalog");
  private final AuditLog audit;

  public WriteAudit(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/**");
  }

  @Override
  public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
      Exception failure) {
    // every read passes here too: only a change is looked up in the spec
    if (READS.contains(request.getMethod()) || failure != null || response.getStatus() < 200
        || response.getStatus() >= 300 || !(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken caller)) {
      return;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    spec.match(request.getMethod(), path).filter(o -> WRITE.equals(o.audit())).ifPresent(o -> {
      String resource = request.getMethod() + " " + path;
      try {
        audit.record(BrainPrincipal.of(caller.getToken()).name(), caller.getToken().getClaimAsString("azp"),
            request.getRemoteAddr(), resource, List.of(), Grade.L1, "write: " + o.operationId(),
            AuditEvent.Decision.WRITTEN);
      } catch (DataAccessException e) {
        // the change is made and answered; an unwritable audit log is an operator's alarm, not the caller's error
        LOG.error("change {} by {} not audited: {}", resource, caller.getName(), e.getMessage());
      }
    });
  }
}
