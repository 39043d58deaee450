package org.enterprisebrain.web.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.enterprisebrain.messages.AuditedAction;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.security.OperationRoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Audits what a service's spec says to: every call that succeeded of an operation marked {@code x-audit: write}
 * (a change) or {@code x-audit: download} (an attachment served) becomes an {@link AuditedAction} (the message
 * of api-specs/topics/audit.v1) on the
 * service's {@link AuditTrail}. Which operations those are is said once, in api-specs; a refused or failed call
 * changed nothing and served nothing.
 */
public final class ActionAudit implements WebMvcConfigurer, HandlerInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(ActionAudit.class);

  private final OperationRoles spec;
  private final AuditTrail trail;
  private final Clock clock;
  private final Counter unrecorded;
  /** The audited operations, parsed once: most requests match none and are never looked up further. */
  private final List<Audited> audited;

  private record Audited(String method, PathPattern pattern) {
  }

  public ActionAudit(OperationRoles spec, AuditTrail trail, Clock clock, MeterRegistry meters) {
    this.spec = spec;
    this.trail = trail;
    this.clock = clock;
    this.unrecorded = Counter.builder("brain.audit.unrecorded")
        .description("calls that succeeded but could not be handed to the audit trail").register(meters);
    this.audited = spec.operations().stream().filter(o -> AuditedActions.kind(o.audit()).isPresent())
        .map(o -> new Audited(o.method(), PathPatternParser.defaultInstance.parse(o.path()))).toList();
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/**");
  }

  @Override
  public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
      Exception failure) {
    if (failure != null || response.getStatus() < 200 || response.getStatus() >= 300
        || !(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken caller)) {
      return;
    }
    String method = request.getMethod();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    PathContainer container = PathContainer.parsePath(path);
    if (audited.stream().noneMatch(a -> a.method().equalsIgnoreCase(method) && a.pattern().matches(container))) {
      return;
    }
    // the operation the request reached (a more specific one than an audited pattern may have taken it)
    spec.match(method, path).ifPresent(o -> AuditedActions.kind(o.audit()).ifPresent(kind -> {
      AuditedAction action = new AuditedAction(UUID.randomUUID(), clock.instant(), spec.spec(),
          BrainPrincipal.of(caller.getToken()).name(), caller.getToken().getClaimAsString("azp"),
          request.getRemoteAddr(), AuditedAction.MethodEnum.valueOf(method.toUpperCase(Locale.ROOT)), path,
          o.operationId(), kind);
      try {
        trail.append(action);
      } catch (RuntimeException e) {
        // the change is made and answered; an audit trail that cannot take it is an operator's alarm (the log
        // and brain_audit_unrecorded), not the caller's error
        LOG.error("{} by {} not audited: {}", AuditedActions.resource(action), action.principal(), e.toString());
        unrecorded.increment();
      }
    }));
  }
}
