package org.enterprisebrain.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Rate limit per client (the token's {@code azp}), in memory: a runaway integrator gets 429 with
 * Retry-After instead of starving the others. Each gateway replica limits on its own.
 */
@Component
@EnableConfigurationProperties(ClientRateLimitFilter.Limits.class)
public class ClientRateLimitFilter implements GlobalFilter, Ordered {

  /** Requests per second per client and the burst above it. */
  @ConfigurationProperties("brain.gateway.rate-limit")
  public record Limits(@DefaultValue("200") double requestsPerSecond, @DefaultValue("400") int burst) {
  }

  private static final int MAX_CLIENTS = 10_000;
  private final Limits limits;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public ClientRateLimitFilter(Limits limits) {
    this.limits = limits;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    return exchange.getPrincipal()
        .map(principal -> principal instanceof JwtAuthenticationToken token && token.getToken().hasClaim("azp")
            ? token.getToken().getClaimAsString("azp") : principal.getName())
        .defaultIfEmpty("anonymous")
        .flatMap(client -> {
          if (buckets.size() > MAX_CLIENTS) {
            buckets.clear(); // forgets budgets rather than growing without bound on forged client names
          }
          long wait = buckets.computeIfAbsent(client,
              c -> new TokenBucket(limits.requestsPerSecond(), limits.burst(), System.nanoTime()))
              .tryTake(System.nanoTime());
          if (wait == 0) {
            return chain.filter(exchange);
          }
          long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
          exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
          return GatewaySecurity.problem(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
              "client '" + client + "' exceeds " + limits.requestsPerSecond() + " requests/s (burst "
                  + limits.burst() + "): retry after " + seconds + " s");
        });
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
