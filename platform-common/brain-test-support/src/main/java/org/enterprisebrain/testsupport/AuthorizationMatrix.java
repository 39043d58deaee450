package org.enterprisebrain.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.enterprisebrain.security.OperationRoles;
import org.enterprisebrain.standard.ApiSpec;
import tools.jackson.databind.JsonNode;

/**
 * The authorization matrix asserted on a running service: every operation of its spec × a caller holding
 * exactly one realm role (and no token at all) against what the operation's {@code x-roles} says. A role the
 * operation admits must get past authorization (no 401, no 403 for a missing role) and never a 5xx, although
 * the request carries placeholders and an empty body (503 only as a problem naming a server the service
 * needs); a role it does not admit gets 403 naming {@code Authorization}; no token gets 401. All mismatches are
 * reported at once.
 */
public final class AuthorizationMatrix {

  /** Path variables are filled with this: a value no resource has. */
  public static final String PROBE = "matrix-probe";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** One demo caller per realm role, holding that role only. */
  public static Map<String, Supplier<String>> callers() {
    Map<String, Supplier<String>> callers = new LinkedHashMap<>();
    callers.put("integrator", () -> RealKeycloak.userToken("integrator"));
    callers.put("data-engineer", () -> RealKeycloak.userToken("engineer"));
    callers.put("manager", () -> RealKeycloak.userToken("manager"));
    callers.put("auditor", () -> RealKeycloak.userToken("auditor"));
    callers.put("admin", () -> RealKeycloak.clientToken("plant-admin"));
    return callers;
  }

  private AuthorizationMatrix() {
  }

  /** Asserts the whole matrix of {@code spec} on the service at {@code baseUrl}; answers the calls made. */
  public static int assertOn(String baseUrl, String spec) throws Exception {
    OperationRoles roles = OperationRoles.load(spec);
    Map<String, String> tokens = new LinkedHashMap<>();
    callers().forEach((role, token) -> tokens.put(role, token.get()));
    List<String> mismatches = new ArrayList<>();
    int calls = 0;
    for (OperationRoles.Operation operation : roles.operations()) {
      String path = operation.path().replaceAll("\\{[^}]+}", PROBE);
      HttpResponse<String> anonymous = send(baseUrl, operation.method(), path, null);
      calls++;
      if (anonymous.statusCode() != 401) {
        mismatches.add(row(operation, "no token", "401", anonymous));
      }
      for (Map.Entry<String, String> caller : tokens.entrySet()) {
        HttpResponse<String> answer = send(baseUrl, operation.method(), path, caller.getValue());
        calls++;
        boolean admitted = operation.admits(List.of(caller.getKey()));
        boolean refusedByRole = answer.statusCode() == 403 && namesAuthorization(answer);
        if (admitted && (answer.statusCode() == 401 || refusedByRole || failed(answer))) {
          mismatches.add(row(operation, caller.getKey(), "past authorization, no 5xx", answer));
        } else if (!admitted && !refusedByRole) {
          mismatches.add(row(operation, caller.getKey(), "403 naming Authorization", answer));
        }
      }
    }
    calls += plantScope(baseUrl, spec, roles, mismatches);
    assertThat(mismatches).as("operations of " + spec + ".yaml whose answers differ from their x-roles").isEmpty();
    return calls;
  }

  /** Callers bound to plants (their token's {@code plants} claim), and one for every plant, by role. */
  record PlantCaller(String role, String name, String plant, Supplier<String> token) {

    boolean everyPlant() {
      return plant.equals("*");
    }
  }

  static List<PlantCaller> plantCallers() {
    return List.of(new PlantCaller("manager", "manager", "hz-01", () -> RealKeycloak.userToken("manager")),
        new PlantCaller("data-engineer", "engineer-nb", "nb-02", () -> RealKeycloak.userToken("engineer-nb")),
        new PlantCaller("integrator", "integrator", "hz-01", () -> RealKeycloak.userToken("integrator")),
        new PlantCaller("auditor", "auditor", "*", () -> RealKeycloak.userToken("auditor")));
  }

  /**
   * The plant dimension: every operation that names a plant in its query, called by an admitted caller bound to
   * plants for its own plant (past the plant check, no 5xx) and for another (403 naming {@code plant}); a caller of
   * every plant is refused neither. The other required query parameters get values of their schema's type; an
   * operation with a request body is left to its service's own tests (the matrix's empty body would be refused
   * before any plant is read).
   */
  private static int plantScope(String baseUrl, String spec, OperationRoles roles, List<String> mismatches)
      throws Exception {
    JsonNode openapi = SpecDocument.load(spec);
    int calls = 0;
    for (OperationRoles.Operation operation : roles.operations()) {
      JsonNode op = openapi.path("paths").path(operation.path()).path(operation.method().toLowerCase(Locale.ROOT));
      if (!operation.plantScoped() || op.has("requestBody")) {
        continue;
      }
      List<JsonNode> query = ApiSpec.parameters(openapi, op, "query");
      // path variables as the spec exemplifies them: a resource that exists, so the plant is what is judged
      String path = operation.path();
      for (JsonNode p : ApiSpec.parameters(openapi, op, "path")) {
        path = path.replace("{" + p.path("name").asString() + "}",
            java.net.URLEncoder.encode(SpecDocument.value(p), StandardCharsets.UTF_8));
      }
      StringBuilder others = new StringBuilder();
      for (JsonNode p : query) {
        if (p.path("required").asBoolean(false) && !p.path("name").asString().equals("plant")) {
          others.append('&').append(p.path("name").asString()).append('=')
              .append(java.net.URLEncoder.encode(SpecDocument.value(p), StandardCharsets.UTF_8));
        }
      }
      for (PlantCaller caller : plantCallers()) {
        if (!operation.admits(List.of(caller.role()))) {
          continue;
        }
        String token = caller.token().get();
        String own = caller.everyPlant() ? "hz-01" : caller.plant();
        String other = own.equals("hz-01") ? "nb-02" : "hz-01";
        HttpResponse<String> mine = send(baseUrl, operation.method(), path + "?plant=" + own + others, token);
        HttpResponse<String> theirs = send(baseUrl, operation.method(), path + "?plant=" + other + others, token);
        calls += 2;
        if (refusedFor(mine, "plant") || failed(mine)) {
          mismatches.add(row(operation, caller.name() + " for its plant " + own, "past the plant check, no 5xx",
              mine));
        }
        boolean refused = theirs.statusCode() == 403 && refusedFor(theirs, "plant");
        if (caller.everyPlant() ? refused || failed(theirs) : !refused) {
          mismatches.add(row(operation, caller.name() + " (plants " + caller.plant() + ") for " + other,
              caller.everyPlant() ? "past the plant check, no 5xx" : "403 naming plant", theirs));
        }
      }
    }
    return calls;
  }

  /** A GET of {@code spec} the admin role may call, without path variables: where {@link ForgedTokens} attack. */
  public static String adminGet(String spec) {
    return OperationRoles.load(spec).operations().stream()
        .filter(o -> o.method().equals("GET") && !o.path().contains("{") && o.admits(List.of("admin")))
        .findFirst().orElseThrow().path();
  }

  static HttpResponse<String> send(String baseUrl, String method, String path, String token) throws Exception {
    boolean body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
        .method(method, body ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
    if (body) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** A 5xx, but for a 503 problem: a server the service needs is down (Flink in a service test), no failure. */
  private static boolean failed(HttpResponse<String> answer) {
    return answer.statusCode() >= 500 && !(answer.statusCode() == 503
        && answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
  }

  private static boolean namesAuthorization(HttpResponse<String> answer) {
    return refusedFor(answer, "Authorization");
  }

  /** A problem naming {@code pointer} among its errors. */
  private static boolean refusedFor(HttpResponse<String> answer, String pointer) {
    try {
      JsonNode problem = ServiceCalls.JSON.readTree(answer.body());
      return problem.path("errors").valueStream().anyMatch(e -> e.path("pointer").asString().equals(pointer));
    } catch (RuntimeException notJson) {
      return false;
    }
  }

  private static String row(OperationRoles.Operation operation, String caller, String expected,
      HttpResponse<String> answer) {
    String body = answer.body();
    return operation.method() + " " + operation.path() + " as " + caller + ": expected " + expected + ", got "
        + answer.statusCode() + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
  }
}
