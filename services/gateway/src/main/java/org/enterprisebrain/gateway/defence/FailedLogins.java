package org.enterprisebrain.gateway.defence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.enterprisebrain.gateway.api.model.SecurityEventKind;
import org.enterprisebrain.security.ClientCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failed logins are attacks the gateway never sees (they go to Keycloak): the realm's events LOGIN_ERROR and
 * CLIENT_LOGIN_ERROR are read every {@code brain.gateway.logins.every} as client brain-gateway (realm-management
 * view-events, nothing else) and counted as {@code login-failed} per address and client, with the gateway's own
 * refusals, against the same per-minute thresholds. Each event counts once: the read resumes at the newest event's
 * time and skips the ones of that millisecond it counted.
 */
@Component
public class FailedLogins implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FailedLogins.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TYPES = "type=LOGIN_ERROR&type=CLIENT_LOGIN_ERROR";

  private final SecurityEventCounter counter;
  private final String keycloak;
  private final String realm;
  private final ClientCredentials credentials;
  private final Clock clock = Clock.systemUTC();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Counter unread;
  private final ScheduledExecutorService timer;
  private long since;
  private Set<String> countedAtSince = new HashSet<>();

  public FailedLogins(SecurityEventCounter counter, MeterRegistry meters,
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
      @Value("${brain.gateway.logins.keycloak-url:}") String keycloakUrl,
      @Value("${brain.gateway.logins.client-id:brain-gateway}") String clientId,
      @Value("${brain.gateway.logins.client-secret:}") String secret,
      @Value("${brain.gateway.logins.every:15s}") Duration every) {
    int realmAt = issuer.indexOf("/realms/");
    if (realmAt < 0) {
      throw new IllegalArgumentException("the issuer " + issuer + " names no Keycloak realm (…/realms/<realm>)");
    }
    this.counter = counter;
    this.keycloak = (keycloakUrl.isBlank() ? issuer.substring(0, realmAt) : keycloakUrl).replaceAll("/+$", "");
    this.realm = issuer.substring(realmAt + "/realms/".length()).replaceAll("/.*", "");
    // the realm as the gateway reaches Keycloak (the issuer may be an address only browsers reach)
    this.credentials = new ClientCredentials(keycloak + "/realms/" + realm, clientId, secret, Duration.ofSeconds(10));
    this.unread = Counter.builder("brain.gateway.logins.unread")
        .description("reads of the realm's failed logins that failed (retried at the next interval)").register(meters);
    this.since = clock.millis();
    if (secret.isBlank() || !counter.enabled()) {
      LOG.warn("the realm's failed logins are not counted: no brain.gateway.logins.client-secret "
          + "(BRAIN_GATEWAY_CLIENT_SECRET) or defence disabled");
      this.timer = null;
      return;
    }
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "failed-logins");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::readQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads the failed logins since the last read and counts each; answers how many were new. */
  public synchronized int read() throws IOException, InterruptedException {
    HttpResponse<String> answer = events();
    if (answer.statusCode() == 401) {
      credentials.forget();
      answer = events();
    }
    if (answer.statusCode() != 200) {
      throw new IOException("Keycloak answered " + answer.statusCode() + " for the realm's events: " + answer.body());
    }
    long newest = since;
    Set<String> atNewest = new HashSet<>(countedAtSince);
    int counted = 0;
    for (JsonNode e : JSON.readTree(answer.body())) {
      long time = e.path("time").asLong();
      String key = e.path("id").asString(time + "|" + e.path("type").asString() + "|" + e.path("ipAddress").asString()
          + "|" + e.path("clientId").asString() + "|" + e.path("userId").asString());
      if (time < since || (time == since && countedAtSince.contains(key))) {
        continue;
      }
      counter.record(SecurityEventKind.LOGIN_FAILED, e.path("ipAddress").asString("-"),
          e.path("clientId").asString("-"), null, Instant.ofEpochMilli(time));
      counted++;
      if (time > newest) {
        newest = time;
        atNewest.clear();
      }
      atNewest.add(key);
    }
    since = newest;
    countedAtSince = atNewest;
    return counted;
  }

  private HttpResponse<String> events() throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/" + realm + "/events?" + TYPES
            + "&dateFrom=" + since + "&direction=asc&max=1000"))
        .timeout(Duration.ofSeconds(10)).header("Authorization", credentials.bearer()).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void readQuietly() {
    try {
      read();
    } catch (IOException | RestClientException e) {
      // read again at the next interval from where the last read ended: nothing is skipped
      unread.increment();
      LOG.warn("the realm's failed logins not read now: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
