package org.enterprisebrain.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.enterprisebrain.messages.AuditedAction;
import org.enterprisebrain.security.OperationRoles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** What the assessment's spec marks x-audit, and only that, once it succeeded, becomes an audited action. */
class ActionAuditTest {

  static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");
  final List<AuditedAction> trail = new ArrayList<>();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final ActionAudit audit = new ActionAudit(OperationRoles.load("assessment"), trail::add,
      Clock.fixed(NOW, ZoneOffset.UTC), meters);

  @BeforeEach
  void signedIn() {
    Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("u-1").claim("preferred_username", "admin")
        .claim("azp", "brain-console").build();
    SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
  }

  @AfterEach
  void signedOut() {
    SecurityContextHolder.clearContext();
  }

  void call(String method, String path, int status) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.setRemoteAddr("10.0.0.7");
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.setStatus(status);
    audit.afterCompletion(request, response, null, null);
  }

  @Test
  void aChangeThatSucceededIsAuditedWithWhoWhenAndFromWhere() {
    call("PUT", "/api/v1/assessment/profile", 200);
    assertThat(trail).singleElement().satisfies(a -> {
      assertThat(a.service()).isEqualTo("assessment");
      assertThat(a.principal()).isEqualTo("admin");
      assertThat(a.clientId()).isEqualTo("brain-console");
      assertThat(a.clientAddress()).isEqualTo("10.0.0.7");
      assertThat(a.at()).isEqualTo(NOW);
      assertThat(AuditedActions.resource(a)).isEqualTo("PUT /api/v1/assessment/profile");
      assertThat(AuditedActions.policy(a)).isEqualTo("write: putProfile");
      assertThat(a.id()).isNotNull();
    });
  }

  @Test
  void anAttachmentServedIsAuditedAsADownloadAndAPlainReadIsNot() {
    call("GET", "/api/v1/assessment/attestations/7/attachment", 200);
    call("GET", "/api/v1/assessment/profile", 200);
    assertThat(trail).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(AuditedAction.KindEnum.DOWNLOAD);
      assertThat(a.operationId()).isEqualTo("getAttachment");
      assertThat(a.path()).isEqualTo("/api/v1/assessment/attestations/7/attachment");
    });
  }

  @Test
  void aRefusedOrFailedOrAnonymousCallChangedNothingAndIsNotAnAction() {
    call("PUT", "/api/v1/assessment/profile", 403);
    call("PUT", "/api/v1/assessment/profile", 409);
    call("PUT", "/api/v1/assessment/profile", 500);
    SecurityContextHolder.clearContext();
    call("PUT", "/api/v1/assessment/profile", 200);
    assertThat(trail).isEmpty();
  }

  @Test
  void anActionTheTrailCannotTakeIsCountedAndTheAnswerStands() {
    ActionAudit failing = new ActionAudit(OperationRoles.load("assessment"), a -> {
      throw new IllegalStateException("the audit topic did not take it");
    }, Clock.systemUTC(), meters);
    MockHttpServletResponse response = new MockHttpServletResponse();
    failing.afterCompletion(new MockHttpServletRequest("PUT", "/api/v1/assessment/profile"), response, null, null);
    assertThat(meters.get("brain.audit.unrecorded").counter().count()).isEqualTo(1.0);
    assertThat(response.getStatus()).isEqualTo(200);
  }
}
