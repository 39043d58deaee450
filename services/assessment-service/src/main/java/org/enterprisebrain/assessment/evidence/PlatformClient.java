package org.enterprisebrain.assessment.evidence;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.enterprisebrain.security.ClientCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
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
  private final ClientCredentials credentials;
  private final RestClient http;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final CircuitBreakerConfig breakerConfig;

  /**
   * @param baseUrls service name (catalog, analytics, registry) → base URL
   * @param open     how long a breaker stays open before it lets a trial call through
   */
  public PlatformClient(Map<String, String> baseUrls, String issuer, String clientId, String clientSecret,
      Duration timeout, Duration open) {
    this.baseUrls = Map.copyOf(baseUrls);
    this.credentials = new ClientCredentials(issuer, clientId, clientSecret, timeout);
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
          .header("Authorization", credentials.bearer()).retrieve().body(JsonNode.class));
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

}
