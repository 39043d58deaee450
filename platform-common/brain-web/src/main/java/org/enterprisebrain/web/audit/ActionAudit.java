package org.enterprisebrain.web.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.security.OperationRoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Audits what a service's spec says to: every call that succeeded of an operation marked {@code x-audit: write}
 * (a change) or {@code x-audit: download} (an attachment served) becomes an {@link AuditedAction} on the
 * service's {@link AuditTrail}. Which operations those are is said once, in api-specs; a refused or failed call
 * changed nothing and served nothing.
 */
public final class ActionAudit implements WebMvcConfigurer, HandlerInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(ActionAudit.class);
  private static final Set<String> KINDS = Set.of(AuditedAction.WRITE, AuditedAction.DOWNLOAD);
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final OperationRoles spec;
  private final AuditTrail trail;
  private final Clock clock;
  private final Counter unrecorded;
  /** Whether any read is audited (a download): when none is, a read is never looked up in the spec. */
  private final boolean auditsReads;

  public ActionAudit(OperationRoles spec, AuditTrail trail, Clock clock, MeterRegistry meters) {
    this.spec = spec;
    this.trail = trail;
    this.clock = clock;
    this.unrecorded = Counter.builder("brain.audit.unrecorded")
        .description("calls that succeeded but could not be handed to the audit trail").register(meters);
    this.auditsReads = spec.operations().stream()
        .anyMatch(o -> KINDS.contains(o.audit()) && READS.contains(o.method()));
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/**");
  }

  @Override
  public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
      Exception failure) {
    String method = request.getMethod();
    if ((!auditsReads && READS.contains(method)) || failure != null || response.getStatus() < 200
        || response.getStatus() >= 300
        || !(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken caller)) {
      return;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    spec.match(method, path).filter(o -> KINDS.contains(o.audit())).ifPresent(o -> {
      AuditedAction action = new AuditedAction(UUID.randomUUID(), clock.instant(), spec.spec(),
          BrainPrincipal.of(caller.getToken()).name(), caller.getToken().getClaimAsString("azp"),
          request.getRemoteAddr(), method, path, o.operationId(), o.audit());
      try {
        trail.append(action);
      } catch (RuntimeException e) {
        // the change is made and answered; an audit trail that cannot take it is an operator's alarm (the log
        // and brain_audit_unrecorded), not the caller's error
        LOG.error("{} by {} not audited: {}", action.resource(), action.principal(), e.toString());
        unrecorded.increment();
      }
    });
  }
}
