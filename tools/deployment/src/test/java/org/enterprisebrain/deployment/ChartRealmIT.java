package org.enterprisebrain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enterprisebrain.deployment.Manifests.map;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.enterprisebrain.servers.KeycloakServer;
import org.enterprisebrain.servers.ManagedProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realm a plant's install gets (the chart's KeycloakRealmImport, production values) in a real Keycloak 26.5,
 * its secret placeholders filled from the Secret the chart generated, as the Keycloak Operator fills them; then
 * attacked as somebody who reaches the public token and login endpoints would.
 */
class ChartRealmIT {

  static final String REALM = "brain";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final List<String> SERVICES = List.of("analytics-service", "registry-service", "assessment-service");

  static KeycloakServer keycloak;
  static Map<String, String> secrets;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void installTheChartsRealm() throws Exception {
    Manifests m = HelmChartTest.render(HelmChartTest.PRODUCTION, Map.of());
    secrets = HelmChartTest.secret(m);
    String realm = JSON.writeValueAsString(map(map(m.one("KeycloakRealmImport", "brain-realm"), "spec"), "realm"));
    Map<String, Object> placeholders = map(map(m.one("KeycloakRealmImport", "brain-realm"), "spec"), "placeholders");
    for (String placeholder : placeholders.keySet()) {
      String key = (String) Manifests.at(map(placeholders, placeholder), "secret.key");
      realm = realm.replace("${" + placeholder + "}", secrets.get(key));
    }
    assertThat(realm).doesNotContain("_CLIENT_SECRET}");
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "chart-realm");
    keycloak = KeycloakServer.start(ManagedProcess.freePort(), dir.resolve("data"), dir.resolve("keycloak.log"));
    keycloak.importRealm(realm);
  }

  @AfterAll
  static void stop() {
    if (keycloak != null) {
      keycloak.close();
    }
  }

  @Test
  void theDemoSecretsOpenNothingTheGeneratedOnesOpenOnlyTheirOwnAccount() throws Exception {
    for (String client : SERVICES) {
      HttpResponse<String> demo = token(Map.of("grant_type", "client_credentials", "client_id", client,
          "client_secret", client + "-secret"));
      assertThat(demo.statusCode()).as(client + " with the demo secret").isEqualTo(401);
      assertThat(demo.body()).contains("Invalid client credentials");
    }
    Map<String, String> keys = Map.of("analytics-service", "analyticsClientSecret",
        "registry-service", "registryClientSecret", "assessment-service", "assessmentClientSecret");
    for (String client : SERVICES) {
      String generated = secrets.get(keys.get(client));
      HttpResponse<String> own = token(Map.of("grant_type", "client_credentials", "client_id", client,
          "client_secret", generated));
      assertThat(own.statusCode()).as(client + " with its generated secret").isEqualTo(200);
      // least privilege: the assessment only reads (auditor: every evidence call is a GET, the audit log is the
      // auditor's); the other two only register lineage (data-engineer) and need no plant
      JsonNode claims = claims(JSON.readTree(own.body()).path("access_token").asString());
      List<String> roles = JSON.convertValue(claims.path("realm_access").path("roles"),
          JSON.getTypeFactory().constructCollectionType(List.class, String.class));
      String needed = "assessment-service".equals(client) ? "auditor" : "data-engineer";
      assertThat(roles).as(client).contains(needed)
          .doesNotContainAnyElementsOf(List.of("admin", "manager", "data-engineer", "auditor", "integrator").stream()
              .filter(r -> !r.equals(needed)).toList());
      assertThat(claims.path("plants").isEmpty()).as(client + " plants").isEqualTo(!"assessment-service".equals(client));
      // the services refuse a token whose aud does not name the brain API
      assertThat(claims.path("aud").isArray() ? claims.path("aud").valueStream().map(JsonNode::asString).toList()
          : List.of(claims.path("aud").asString())).as(client + " aud").contains("brain-api");
      // one service's secret is not another's
      String other = SERVICES.get((SERVICES.indexOf(client) + 1) % SERVICES.size());
      assertThat(token(Map.of("grant_type", "client_credentials", "client_id", other,
          "client_secret", generated)).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void theConsoleTakesNoPasswordGrantAndNoAuthorizationRequestWithoutPkce() throws Exception {
    createUser("probe-console", "Plant-Probe-2026x");
    HttpResponse<String> password = token(Map.of("grant_type", "password", "client_id", "brain-console",
        "username", "probe-console", "password", "Plant-Probe-2026x"));
    assertThat(password.statusCode()).isEqualTo(400);
    assertThat(password.body()).contains("unauthorized_client");

    String auth = keycloak.issuer(REALM) + "/protocol/openid-connect/auth?client_id=brain-console&response_type=code"
        + "&scope=openid&redirect_uri=" + URLEncoder.encode("https://brain.example.com/", StandardCharsets.UTF_8);
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> noPkce = browser.send(HttpRequest.newBuilder(URI.create(auth)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(noPkce.statusCode()).isEqualTo(302);
    assertThat(noPkce.headers().firstValue("Location").orElseThrow())
        .startsWith("https://brain.example.com/").contains("error=invalid_request").contains("code_challenge_method");
    HttpResponse<String> plain = browser.send(HttpRequest.newBuilder(URI.create(auth
            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=plain")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(plain.headers().firstValue("Location").orElse("")).as("only S256").contains("error=invalid_request");
    HttpResponse<String> s256 = browser.send(HttpRequest.newBuilder(URI.create(auth
            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(s256.statusCode()).as("the login page").isEqualTo(200);
    assertThat(s256.body()).contains("kc-form-login");
  }

  @Test
  void aWeakPasswordIsRefusedByTheRealmsPolicy() throws Exception {
    for (String weak : List.of("Pa55word", "plant-password-2026", "PLANT-PASSWORD-2026", "Plant-Password-x")) {
      HttpResponse<String> created = admin("POST", "/users", """
          {"username": "probe-weak", "enabled": true,
           "credentials": [{"type": "password", "value": "%s", "temporary": false}]}""".formatted(weak));
      assertThat(created.statusCode()).as(weak).isEqualTo(400);
      assertThat(created.body()).as(weak).containsIgnoringCase("password");
    }
    HttpResponse<String> sameAsName = admin("POST", "/users", """
        {"username": "probe-Name-2026x", "enabled": true,
         "credentials": [{"type": "password", "value": "probe-Name-2026x", "temporary": false}]}""");
    assertThat(sameAsName.statusCode()).isEqualTo(400);
  }

  /**
   * Guessing: wrong passwords (five at a person's pace, two in a script's) lock the account for a while, and the
   * right one is then refused too. The
   * realm's only password client (the console) takes passwords through its login page; the probe client added
   * here takes them on the token endpoint, which is where a script would guess.
   */
  @Test
  void guessingPasswordsLocksTheAccount() throws Exception {
    String userId = createUser("probe-guessed", "Plant-Guessed-2026x");
    assertThat(admin("POST", "/clients", """
        {"clientId": "probe-password", "publicClient": true, "directAccessGrantsEnabled": true,
         "standardFlowEnabled": false}""").statusCode()).isEqualTo(201);
    Map<String, String> right = Map.of("grant_type", "password", "client_id", "probe-password",
        "username", "probe-guessed", "password", "Plant-Guessed-2026x");
    assertThat(token(right).statusCode()).as("before any guess").isEqualTo(200);
    for (int i = 0; i < 5; i++) {
      assertThat(token(Map.of("grant_type", "password", "client_id", "probe-password", "username", "probe-guessed",
          "password", "guess-" + i)).statusCode()).isEqualTo(401);
    }
    assertThat(token(right).statusCode()).as("the right password, locked").isNotEqualTo(200);
    JsonNode status = JSON.readTree(admin("GET", "/attack-detection/brute-force/users/" + userId, null).body());
    assertThat(status.path("disabled").asBoolean()).isTrue();
    // a script guesses faster than a person: two failures under a second apart lock at once (quick-login check)
    assertThat(status.path("numFailures").asInt()).isBetween(1, 5);
  }

  static JsonNode claims(String jwt) {
    return JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  static String createUser(String username, String password) throws Exception {
    HttpResponse<String> created = admin("POST", "/users", """
        {"username": "%s", "enabled": true, "firstName": "Probe", "lastName": "User", "email": "%s@example.com",
         "emailVerified": true, "credentials": [{"type": "password", "value": "%s", "temporary": false}]}"""
        .formatted(username, username, password));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /**
   * The gateway's client reads the realm's events (its failed logins, counted with the gateway's refusals) and
   * nothing else: no role or plant of the platform, no other admin resource; no other client reads the events.
   */
  @Test
  void theGatewaysClientReadsTheRealmsEventsAndNothingElse() throws Exception {
    assertThat(token(Map.of("grant_type", "client_credentials", "client_id", "brain-gateway",
        "client_secret", "brain-gateway-secret")).statusCode()).as("the demo secret").isEqualTo(401);
    HttpResponse<String> own = token(Map.of("grant_type", "client_credentials", "client_id", "brain-gateway",
        "client_secret", secrets.get("gatewayClientSecret")));
    assertThat(own.statusCode()).isEqualTo(200);
    String gateway = JSON.readTree(own.body()).path("access_token").asString();
    JsonNode claims = claims(gateway);
    assertThat(claims.path("realm_access").path("roles").valueStream().map(JsonNode::asString).toList())
        .doesNotContainAnyElementsOf(List.of("admin", "manager", "data-engineer", "auditor", "integrator"));
    assertThat(claims.path("plants").isEmpty()).isTrue();
    assertThat(asClient(gateway, "/events?type=LOGIN_ERROR").statusCode()).isEqualTo(200);
    assertThat(asClient(gateway, "/users").statusCode()).isEqualTo(403);
    assertThat(asClient(gateway, "/clients").statusCode()).isEqualTo(403);
    String assessment = JSON.readTree(token(Map.of("grant_type", "client_credentials", "client_id",
        "assessment-service", "client_secret", secrets.get("assessmentClientSecret"))).body())
        .path("access_token").asString();
    assertThat(asClient(assessment, "/events").statusCode()).isEqualTo(403);
  }

  static HttpResponse<String> asClient(String token, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/" + REALM + path))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> token(Map<String, String> form) throws Exception {
    String body = form.entrySet().stream().map(e -> e.getKey() + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.issuer(REALM) + "/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> admin(String method, String path, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/" + REALM
        + path)).header("Authorization", "Bearer " + keycloak.adminToken());
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
