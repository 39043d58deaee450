package org.enterprisebrain.gateway;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Rate limit per caller, in memory (Bucket4j): a runaway integrator or one console user gets 429 with Retry-After
 * instead of starving the others. The caller is the token's client and subject — every user of the console has a
 * budget of their own (they share one client), an integrator's client its service account's — or, without a
 * token, the address. Each gateway replica limits on its own.
 */
@Component
@EnableConfigurationProperties(CallerRateLimitFilter.Limits.class)
public class CallerRateLimitFilter implements GlobalFilter, Ordered {

  /** Requests per second per caller and the burst above it. */
  @ConfigurationProperties("brain.gateway.rate-limit")
  public record Limits(@DefaultValue("200") double requestsPerSecond, @DefaultValue("400") int burst) {
  }

  /** Whose budget a request spends ({@code key}) and how the refusal names them. */
  record Caller(String key, String shown) {

    static Caller of(Object principal, InetSocketAddress address) {
      if (principal instanceof JwtAuthenticationToken token) {
        Jwt jwt = token.getToken();
        String client = jwt.hasClaim("azp") ? jwt.getClaimAsString("azp") : "?";
        String user = jwt.hasClaim("preferred_username") ? jwt.getClaimAsString("preferred_username") : jwt.getSubject();
        return new Caller(client + "|" + jwt.getSubject(), "client '" + client + "' (" + user + ")");
      }
      String host = address == null ? "unknown" : address.getHostString();
      return new Caller("address|" + host, "address " + host);
    }
  }

  private static final int MAX_CALLERS = 10_000;
  private final Limits limits;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public CallerRateLimitFilter(Limits limits) {
    this.limits = limits;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    InetSocketAddress address = exchange.getRequest().getRemoteAddress();
    return exchange.getPrincipal()
        .map(principal -> Caller.of(principal, address))
        .defaultIfEmpty(Caller.of(null, address))
        .flatMap(caller -> {
          if (buckets.size() > MAX_CALLERS) {
            buckets.clear(); // forgets budgets rather than growing without bound on forged callers
          }
          ConsumptionProbe probe = buckets.computeIfAbsent(caller.key(), k -> bucket()).tryConsumeAndReturnRemaining(1);
          if (probe.isConsumed()) {
            return chain.filter(exchange);
          }
          long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
          exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
          return GatewaySecurity.problem(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
              caller.shown() + " exceeds " + limits.requestsPerSecond() + " requests/s (burst " + limits.burst()
                  + "): retry after " + seconds + " s");
        });
  }

  /** {@code burst} at once, then one request every 1/rate seconds. */
  private Bucket bucket() {
    long interval = Math.max(1, Math.round(1e9 / limits.requestsPerSecond()));
    return Bucket.builder().addLimit(Bandwidth.builder().capacity(Math.max(1, limits.burst()))
        .refillGreedy(1, Duration.ofNanos(interval)).build()).build();
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
