package org.enterprisebrain.cli;

import java.net.URI;
import org.enterprisebrain.client.ApiClient;
import org.enterprisebrain.servers.BrainRealm;
import org.enterprisebrain.servers.KeycloakServer;
import picocli.CommandLine.Option;

/**
 * Where the platform is and who we are: the gateway URL and a confidential Keycloak client whose
 * client-credentials token is renewed before it expires.
 */
public final class Connection {

  @Option(names = "--gateway", defaultValue = "${BRAIN_GATEWAY_URL:-http://127.0.0.1:8080}",
      description = "Gateway URL (default: ${DEFAULT-VALUE})")
  String gateway;

  @Option(names = "--keycloak", defaultValue = "${BRAIN_KEYCLOAK_URL:-http://127.0.0.1:8180}",
      description = "Keycloak URL (default: ${DEFAULT-VALUE})")
  String keycloak;

  static final String DEFAULT_CLIENT = "demo-factory";

  @Option(names = "--client", defaultValue = "${BRAIN_CLIENT_ID:-" + DEFAULT_CLIENT + "}",
      description = "Keycloak client id of the integrator (default: ${DEFAULT-VALUE})")
  String clientId;

  @Option(names = "--secret", defaultValue = "${BRAIN_CLIENT_SECRET:-}",
      description = "Client secret (default: the demo secret of the local realm)")
  String secret;

  /** The local realm's confidential client with the data-engineer role. */
  static final String DATA_ENGINEER_CLIENT = "catalog-reader";

  private String token;

  /**
   * For acts of a data engineer (classifying, reporting backups): the local data-engineer client unless a client
   * was chosen ({@code --client}); the default integrator client could not.
   */
  void actAsDataEngineer() {
    if (DEFAULT_CLIENT.equals(clientId)) {
      clientId = DATA_ENGINEER_CLIENT;
    }
  }

  /** The local realm's confidential client with the admin role (not in the chart: a plant brings its own). */
  static final String ADMIN_CLIENT = "plant-admin";

  /** For an administrator's acts (a backfill): the local admin client unless a client was chosen. */
  void actAsAdmin() {
    if (DEFAULT_CLIENT.equals(clientId)) {
      clientId = ADMIN_CLIENT;
    }
  }

  /** The local realm's confidential client with the auditor role (not in the chart: a plant brings its own). */
  static final String AUDITOR_CLIENT = "plant-auditor";

  /** For an auditor's acts (checking the audit log): the local auditor client unless a client was chosen. */
  void actAsAuditor() {
    if (DEFAULT_CLIENT.equals(clientId)) {
      clientId = AUDITOR_CLIENT;
    }
  }

  private long tokenUntil;

  /** A bearer token, fetched again a minute before the old one expires. */
  public synchronized String token() {
    if (token == null || System.currentTimeMillis() > tokenUntil) {
      String clientSecret = secret == null || secret.isBlank() ? BrainRealm.demoSecret(clientId) : secret;
      token = KeycloakServer.tokenFrom(keycloak, BrainRealm.NAME, clientId, clientSecret);
      tokenUntil = System.currentTimeMillis() + 4 * 60_000;
    }
    return token;
  }

  public ApiClient apiClient() {
    return org.enterprisebrain.cli.demo.Gateway.client(gateway, this::token);
  }

  public URI uri(String path) {
    return URI.create(gateway + path);
  }

  /**
   * One B2MML document to the import (the generated client would take a file only), as this connection's client:
   * {@code query} holds the parameters after {@code plant}, each already encoded ({@code &sourceSystem=…}).
   */
  public java.net.http.HttpResponse<String> importB2mml(String plant, String query,
      java.net.http.HttpRequest.BodyPublisher document) throws java.io.IOException, InterruptedException {
    return B2MML.send(java.net.http.HttpRequest.newBuilder(uri(org.enterprisebrain.standard.ApiSpec.load("ingestion")
            .path("ingestB2mml") + "?plant=" + java.net.URLEncoder.encode(plant, java.nio.charset.StandardCharsets.UTF_8)
            + query))
        .timeout(java.time.Duration.ofSeconds(300))
        .header("Authorization", "Bearer " + token())
        .header("Content-Type", "application/xml")
        .POST(document).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static final java.net.http.HttpClient B2MML = java.net.http.HttpClient.newBuilder()
      .connectTimeout(java.time.Duration.ofSeconds(5)).build();
}
