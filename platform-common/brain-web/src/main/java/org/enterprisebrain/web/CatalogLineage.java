package org.enterprisebrain.web;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.enterprisebrain.security.ClientCredentials;
import org.enterprisebrain.security.OperationRoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Registers a service's lineage edges in the catalog as its own Keycloak client (client credentials): how
 * analytics-service records its jobs and registry-service what models were trained on. Registration runs in
 * the background, retrying until Keycloak and the catalog answer; asking again while one is pending does not
 * queue a second. The catalog keeps one edge per (from, to), so registering again changes nothing.
 */
public final class CatalogLineage {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogLineage.class);
  /** The catalog's registerLineageEdge, as api-specs/catalog.yaml gives its path. */
  static final String EDGES = OperationRoles.load("catalog").path("registerLineageEdge");

  /** One edge: from-node, to-node (e.g. topic:…, job:…, index:…, model:…) and what the step does. */
  public record Edge(String from, String to, String transform) {
  }

  private final String what;
  private final String catalogUrl;
  private final ClientCredentials credentials;
  private final Duration retry;
  private final Supplier<List<Edge>> edges;
  private final RestClient http;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final ScheduledExecutorService background;

  /**
   * @param what  what the edges are, for the log (e.g. "analytics lineage")
   * @param edges every edge to register, read when a registration runs
   */
  public CatalogLineage(String what, String catalogUrl, String issuer, String clientId, String clientSecret,
      Duration retry, Supplier<List<Edge>> edges) {
    this.what = what;
    this.catalogUrl = catalogUrl;
    this.credentials = new ClientCredentials(issuer, clientId, clientSecret, Duration.ofSeconds(10));
    this.retry = retry;
    this.edges = edges;
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    factory.setReadTimeout(Duration.ofSeconds(10));
    this.http = RestClient.builder().requestFactory(factory).build();
    this.background = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "catalog-lineage");
      t.setDaemon(true);
      return t;
    });
  }

  /** Registers every edge soon, in the background, until it succeeds. */
  public void registerSoon() {
    schedule(0);
  }

  private void schedule(long delayMs) {
    if (pending.compareAndSet(false, true)) {
      background.schedule(this::attempt, delayMs, TimeUnit.MILLISECONDS);
    }
  }

  private void attempt() {
    pending.set(false);
    try {
      List<Edge> all = edges.get();
      register(all);
      LOG.info("{} registered in the catalog ({} edges)", what, all.size());
    } catch (RestClientException e) {
      LOG.info("{} not registered in the catalog yet ({}); retrying in {}", what, e.getMessage(), retry);
      schedule(retry.toMillis());
    }
  }

  /** @throws RestClientException when Keycloak or the catalog does not answer or refuses */
  void register(List<Edge> edges) {
    String bearer = credentials.bearer();
    for (Edge edge : edges) {
      http.post().uri(catalogUrl + EDGES).header("Authorization", bearer)
          .contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("from", edge.from(), "to", edge.to(), "transform", edge.transform())).retrieve()
          .toBodilessEntity();
    }
  }
}
