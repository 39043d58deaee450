package org.enterprisebrain.assessment.evidence;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Reads the other services' APIs as assessment-service's own Keycloak client (client credentials), every
 * call with a timeout and behind a circuit breaker per service: a service that is down answers "unavailable"
 * at once instead of holding every evaluation for its timeout.
 */
public final class PlatformClient {

  private static final Logger LOG = LoggerFactory.getLogger(PlatformClient.class);

  /** A service did not answer, refused, or its breaker is open: its rules are unknown, not failed. */
  public static final class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Map<String, String> baseUrls;
  private final String tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final RestClient http;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final CircuitBreakerConfig breakerConfig;
  private volatile String token;
  private volatile Instant tokenExpires = Instant.EPOCH;

  /**
   * @param baseUrls service name (catalog, analytics, registry) → base URL
   * @param open     how long a breaker stays open before it lets a trial call through
   */
  public PlatformClient(Map<String, String> baseUrls, String issuer, String clientId, String clientSecret,
      Duration timeout, Duration open) {
    this.baseUrls = Map.copyOf(baseUrls);
    this.tokenUrl = issuer + "/protocol/openid-connect/token";
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build());
    factory.setReadTimeout(timeout);
    this.http = RestClient.builder().requestFactory(factory).build();
    this.breakerConfig = CircuitBreakerConfig.custom()
        .slidingWindowSize(6).minimumNumberOfCalls(3).failureRateThreshold(50)
        .waitDurationInOpenState(open).permittedNumberOfCallsInHalfOpenState(1)
        .recordExceptions(RestClientException.class)
        // a 4xx is an answer: the service is up (what it refused says more about the request than about it)
        .ignoreExceptions(HttpClientErrorException.class).build();
  }

  /**
   * GET {@code path} of {@code service} as JSON; a missing node when the service says there is no such thing
   * (404: no lineage for a topic yet, say), {@link Unavailable} when it cannot be had.
   */
  public JsonNode get(String service, String path) {
    CircuitBreaker breaker = breakers.computeIfAbsent(service, this::breaker);
    String base = baseUrls.get(service);
    try {
      // the path is encoded already (EvidenceGatherer encodes its parameters): not a template to encode again
      return breaker.executeSupplier(() -> http.get().uri(URI.create(base + path))
          .header("Authorization", "Bearer " + token()).retrieve().body(JsonNode.class));
    } catch (HttpClientErrorException.NotFound e) {
      return MissingNode.getInstance();
    } catch (CallNotPermittedException e) {
      throw new Unavailable(service + " is failing: circuit open, not called", e);
    } catch (RestClientException e) {
      throw new Unavailable(service + " did not answer " + path + ": " + e.getMessage(), e);
    }
  }

  private CircuitBreaker breaker(String service) {
    CircuitBreaker breaker = CircuitBreaker.of(service, breakerConfig);
    breaker.getEventPublisher().onStateTransition(e -> LOG.warn("evidence from {}: circuit {}", service,
        e.getStateTransition()));
    return breaker;
  }

  public CircuitBreaker.State state(String service) {
    CircuitBreaker b = breakers.get(service);
    return b == null ? CircuitBreaker.State.CLOSED : b.getState();
  }

  private String token() {
    if (token != null && Instant.now().isBefore(tokenExpires)) {
      return token;
    }
    synchronized (this) {
      if (token == null || !Instant.now().isBefore(tokenExpires)) {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", clientId);
        form.add("client_secret", clientSecret);
        JsonNode answer = http.post().uri(tokenUrl).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
            .retrieve().body(JsonNode.class);
        token = answer.path("access_token").asString();
        // renewed a little early: a token that expires in flight would make a live service look down
        tokenExpires = Instant.now().plusSeconds(Math.max(1, answer.path("expires_in").asLong(60) - 15));
      }
      return token;
    }
  }
}
