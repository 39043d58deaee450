package org.enterprisebrain.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.enterprisebrain.standard.ApiSpec;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.JsonNode;

/**
 * Who may call what, as the service's OpenAPI spec says it ({@code x-roles} on every operation): the one place
 * the services' authorization is written, enforced by {@link ResourceServerSecurity}, published by the
 * authorization matrix and asserted on the running services by its test. An operation without {@code x-roles}
 * is an error at start, so a new operation cannot be served by default.
 */
public record OperationRoles(String spec, List<Operation> operations) {

  /** Any valid token of the realm. */
  public static final String ANY = "*";
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  /**
   * One operation: its method, path template, id, the realm roles that may call it, what its {@code x-audit}
   * says ({@code write}: a change, {@code download}: a file served, each an entry of the audit log once it
   * succeeded; empty: neither), and whether it names a plant in its query (the caller's plants only).
   */
  public record Operation(String method, String path, String operationId, List<String> roles, String audit,
      boolean plantScoped) {

    public Operation {
      roles = List.copyOf(roles);
    }

    public boolean anyToken() {
      return roles.contains(ANY);
    }

    public boolean admits(Collection<String> held) {
      return anyToken() || held.stream().anyMatch(roles::contains);
    }

    PathPattern pattern() {
      return PathPatternParser.defaultInstance.parse(path);
    }
  }

  public OperationRoles {
    // most specific first (literal segments before variables), as the security chain must try them
    operations = operations.stream()
        .sorted(Comparator.comparing(Operation::pattern, PathPattern.SPECIFICITY_COMPARATOR)
            .thenComparing(Operation::method))
        .toList();
  }

  /** The spec packaged by api-specs, e.g. {@code catalog} for {@code openapi/catalog.yaml}. */
  public static OperationRoles load(String spec) {
    return parse(spec, ApiSpec.document(spec));
  }

  public static OperationRoles parse(String spec, JsonNode openapi) {
    List<Operation> operations = new ArrayList<>();
    for (var path : openapi.path("paths").properties()) {
      for (var operation : path.getValue().properties()) {
        if (!METHODS.contains(operation.getKey())) {
          continue; // parameters, summary …
        }
        JsonNode roles = operation.getValue().path("x-roles");
        String method = operation.getKey().toUpperCase(Locale.ROOT);
        if (!roles.isArray() || roles.isEmpty()) {
          throw new IllegalStateException(spec + ".yaml: " + method + " " + path.getKey()
              + " declares no x-roles: say who may call it");
        }
        operations.add(new Operation(method, path.getKey(), operation.getValue().path("operationId").asString(),
            roles.valueStream().map(JsonNode::asString).toList(), operation.getValue().path("x-audit").asString(""),
            namesAPlant(openapi, operation.getValue())));
      }
    }
    return new OperationRoles(spec, operations);
  }

  /** Whether the operation takes a {@code plant} in its query (its own or a component's parameter). */
  private static boolean namesAPlant(JsonNode openapi, JsonNode operation) {
    return ApiSpec.parameters(openapi, operation, "query").stream()
        .anyMatch(p -> p.path("name").asString().equals("plant"));
  }

  /**
   * The literal start of an operation's path, up to its first variable ({@code /api/v1/ingest/} for
   * {@code /api/v1/ingest/{entity}}): what a filter covering that operation matches, taken from the spec.
   */
  public String fixedPrefix(String operationId) {
    String path = operations.stream().filter(o -> o.operationId().equals(operationId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(spec + ".yaml has no operation " + operationId)).path();
    int variable = path.indexOf('{');
    return variable < 0 ? path : path.substring(0, variable);
  }

  /**
   * The path a call of {@code operationId} goes to, its variables filled in order (URL-encoded): a caller names the
   * operation, the spec gives the path, so a path is typed once.
   */
  public String path(String operationId, String... variables) {
    String template = operations.stream().filter(o -> o.operationId().equals(operationId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(spec + ".yaml has no operation " + operationId)).path();
    return ApiSpec.fill(operationId, template, variables);
  }

  /** The operation a request reaches, if the spec has one for its method and path. */
  public Optional<Operation> match(String method, String path) {
    PathContainer container = PathContainer.parsePath(path);
    return operations.stream().filter(o -> o.method().equalsIgnoreCase(method) && o.pattern().matches(container))
        .findFirst();
  }
}
