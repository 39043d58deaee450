package org.enterprisebrain.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.enterprisebrain.security.OperationRoles;
import org.enterprisebrain.standard.ApiSpec;
import org.enterprisebrain.web.audit.ActionAudit;
import org.enterprisebrain.web.audit.AuditTrail;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * What auditing every API call (ActionAudit, after each request of registry, analytics and assessment) costs beside
 * what each request already pays to find its operation in the spec (OperationRoles.match: the 403's reason, the
 * same lookup the audit makes for an audited call), on the registry's spec. Three requests: a read (most calls,
 * matched against the audited patterns and let go), a write the audit records (trail that only counts, so Kafka's
 * send is not in it), and the baseline lookup of that write. Ratio = audit ÷ lookup, per request.
 * Run with tools/bench/action-audit.sh.
 */
public class ActionAuditBench extends JmhBench {

  OperationRoles spec;
  ActionAudit audit;
  final AtomicLong recorded = new AtomicLong();
  MockHttpServletRequest read;
  MockHttpServletRequest write;
  MockHttpServletResponse ok;

  @Setup
  public void setUp() {
    spec = OperationRoles.load("registry");
    AuditTrail counting = action -> recorded.incrementAndGet();
    audit = new ActionAudit(spec, counting, Clock.systemUTC(), new SimpleMeterRegistry());
    ApiSpec registry = ApiSpec.load("registry");
    read = new MockHttpServletRequest("GET", registry.path("getVersion", "line-1-anomaly", "3"));
    write = new MockHttpServletRequest("POST", registry.path("rollbackDeployment", "4f1c2a9e"));
    ok = new MockHttpServletResponse();
    ok.setStatus(200);
    Instant now = Instant.now();
    Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").issuer("http://127.0.0.1:8180/realms/brain")
        .subject("manager").claim("preferred_username", "manager").claim("azp", "brain-console")
        .audience(List.of("brain-api")).issuedAt(now).expiresAt(now.plus(Duration.ofHours(1))).build();
    SecurityContextHolder.getContext().setAuthentication(
        new JwtAuthenticationToken(token, List.of(new SimpleGrantedAuthority("ROLE_brain-manager"))));
    if (spec.match("POST", write.getRequestURI()).isEmpty() || spec.match("GET", read.getRequestURI()).isEmpty()) {
      throw new IllegalStateException("the bench's requests are not operations of the registry's spec");
    }
    // what is measured does what it should: the read is let go, the write recorded
    audit.afterCompletion(read, ok, null, null);
    audit.afterCompletion(write, ok, null, null);
    if (recorded.get() != 1) {
      throw new IllegalStateException("the audit recorded " + recorded.get() + " of a read and a write, not 1");
    }
  }

  /** The baseline: the spec lookup of the write, as every request's 403 reason and the audit make it. */
  @Benchmark
  public Optional<OperationRoles.Operation> lookup() {
    return spec.match(write.getMethod(), write.getRequestURI());
  }

  /** A read after it was answered: checked against the audited operations and let go. */
  @Benchmark
  public void auditRead(Blackhole hole) {
    audit.afterCompletion(read, ok, null, null);
    hole.consume(recorded.get());
  }

  /** A write after it was answered: matched, its action built and handed to the trail. */
  @Benchmark
  public void auditWrite(Blackhole hole) {
    audit.afterCompletion(write, ok, null, null);
    hole.consume(recorded.get());
  }
}
