package org.enterprisebrain.web;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * Registers lineage edges in the catalog as a service's own Keycloak client (client credentials): how
 * analytics-service records its jobs and registry-service what models were trained on. The catalog keeps
 * one edge per (from, to), so registering again changes nothing.
 */
public final class CatalogLineage {

  /** One edge: from-node, to-node (e.g. topic:…, job:…, index:…, model:…) and what the step does. */
  public record Edge(String from, String to, String transform) {
  }

  private final String catalogUrl;
  private final String tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final RestClient http;

  public CatalogLineage(String catalogUrl, String issuer, String clientId, String clientSecret) {
    this.catalogUrl = catalogUrl;
    this.tokenUrl = issuer + "/protocol/openid-connect/token";
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    factory.setReadTimeout(Duration.ofSeconds(10));
    this.http = RestClient.builder().requestFactory(factory).build();
  }

  /** @throws RestClientException when Keycloak or the catalog does not answer or refuses: retry later */
  public void register(List<Edge> edges) {
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("grant_type", "client_credentials");
    form.add("client_id", clientId);
    form.add("client_secret", clientSecret);
    JsonNode token = http.post().uri(tokenUrl).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
        .retrieve().body(JsonNode.class);
    String bearer = "Bearer " + token.path("access_token").asString();
    for (Edge edge : edges) {
      http.post().uri(catalogUrl + "/api/v1/catalog/lineage/edges").header("Authorization", bearer)
          .contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("from", edge.from(), "to", edge.to(), "transform", edge.transform())).retrieve()
          .toBodilessEntity();
    }
  }
}
