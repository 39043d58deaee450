package org.enterprisebrain.gateway.defence;

import java.time.Clock;
import java.util.Map;
import org.enterprisebrain.gateway.GatewaySecurity;
import org.enterprisebrain.gateway.api.DefenceApi;
import org.enterprisebrain.gateway.api.model.SecurityEvents;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** GET /api/v1/gateway/security-events (api-specs/gateway.yaml): the attack defence an auditor can show. */
@RestController
@EnableConfigurationProperties(DefenceSettings.class)
public class SecurityEventsController implements DefenceApi {

  /** A query parameter out of range: 400 naming it. */
  static final class BadParameter extends RuntimeException {
    final String field;

    BadParameter(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  private final SecurityEventCounter counter;
  private final DefenceSettings settings;
  private final Clock clock = Clock.systemUTC();

  public SecurityEventsController(SecurityEventCounter counter, DefenceSettings settings) {
    this.counter = counter;
    this.settings = settings;
  }

  @Override
  public Mono<ResponseEntity<SecurityEvents>> getSecurityEvents(Integer hours, Integer limit,
      ServerWebExchange exchange) {
    long retained = Math.max(1, settings.retention().toHours());
    if (hours == null || hours < 1 || hours > retained) {
      return Mono.error(new BadParameter("hours", "hours must be between 1 and " + retained
          + " (the gateway keeps brain.gateway.defence.retention = " + settings.retention() + ")"));
    }
    if (limit == null || limit < 1 || limit > 500) {
      return Mono.error(new BadParameter("limit", "limit must be between 1 and 500"));
    }
    return Mono.just(ResponseEntity.ok(counter.summary(hours, limit, clock.instant())));
  }

  @ExceptionHandler(BadParameter.class)
  ResponseEntity<Map<String, Object>> badParameter(BadParameter e, ServerWebExchange exchange) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(GatewaySecurity.problemBody(exchange, HttpStatus.BAD_REQUEST, "Bad request", e.getMessage(), e.field));
  }
}
