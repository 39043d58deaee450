package org.enterprisebrain.gateway.defence;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.enterprisebrain.gateway.api.model.SecurityEventKind;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sees every answer of the gateway, before token checks and routes, and counts the refusals (401, 403, 429, 404)
 * by source. Runs first so the 401s of the token check are seen as well as what the services answered.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityEventFilter implements WebFilter {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final SecurityEventCounter counter;
  private final Clock clock = Clock.systemUTC();

  public SecurityEventFilter(SecurityEventCounter counter) {
    this.counter = counter;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!counter.enabled()) {
      return chain.filter(exchange);
    }
    return chain.filter(exchange).doFinally(signal -> count(exchange));
  }

  private void count(ServerWebExchange exchange) {
    HttpStatusCode status = exchange.getResponse().getStatusCode();
    SecurityEventKind kind = status == null ? null : switch (status.value()) {
      case 401 -> SecurityEventKind.TOKEN_REFUSED;
      case 403 -> SecurityEventKind.FORBIDDEN;
      case 429 -> SecurityEventKind.RATE_LIMITED;
      case 404 -> SecurityEventKind.NOT_FOUND;
      default -> null;
    };
    if (kind == null) {
      return;
    }
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    String address = remote == null ? "unknown"
        : remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    // past the token check (anything but 401) the token was verified, so its azp is the caller's client
    String client = kind == SecurityEventKind.TOKEN_REFUSED ? "-"
        : client(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
    counter.record(kind, address, client, exchange.getRequest().getPath().value(), clock.instant());
  }

  /** The {@code azp} of a bearer token already verified by the token check; {@code -} when there is none. */
  static String client(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return "-";
    }
    String[] parts = authorization.substring(7).trim().split("\\.");
    if (parts.length != 3) {
      return "-";
    }
    try {
      JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      String azp = claims.path("azp").asString("");
      return azp.isEmpty() || azp.length() > 200 ? "-" : azp;
    } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
      return "-";
    }
  }
}
