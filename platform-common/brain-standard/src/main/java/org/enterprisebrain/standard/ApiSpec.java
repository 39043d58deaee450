package org.enterprisebrain.standard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * An OpenAPI spec of api-specs ({@code openapi/<spec>.yaml} on the class path) as a caller needs it: the path of an
 * operation named by its id, so a path is written once, in the spec. Free of Spring, so the command line uses it as
 * the services do (their {@code OperationRoles} reads the same documents).
 */
public final class ApiSpec {

  private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

  private final String spec;
  private final Map<String, String> templates;

  private ApiSpec(String spec, Map<String, String> templates) {
    this.spec = spec;
    this.templates = Map.copyOf(templates);
  }

  /** The spec packaged by api-specs, e.g. {@code registry} for {@code openapi/registry.yaml}. */
  public static ApiSpec load(String spec) {
    JsonNode openapi = document(spec);
    Map<String, String> templates = new java.util.HashMap<>();
    for (var path : openapi.path("paths").properties()) {
      for (var operation : path.getValue().properties()) {
        if (METHODS.contains(operation.getKey())) {
          templates.put(operation.getValue().path("operationId").asString(), path.getKey());
        }
      }
    }
    return new ApiSpec(spec, templates);
  }

  /** The spec as a document, read once per class loader. */
  public static JsonNode document(String spec) {
    return DOCUMENTS.computeIfAbsent(spec, s -> {
      String resource = "openapi/" + s + ".yaml";
      try (InputStream in = ApiSpec.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is not on the classpath (api-specs)");
        }
        return YAMLMapper.builder().build().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * An operation's parameters that go in {@code where} ({@code query}, {@code path}, {@code header}), each a
   * reference to the document's components resolved.
   */
  public static List<JsonNode> parameters(JsonNode openapi, JsonNode operation, String where) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode p : operation.path("parameters")) {
      JsonNode resolved = p.has("$ref")
          ? openapi.path("components").path("parameters").path(p.path("$ref").asString().replaceAll(".*/", ""))
          : p;
      if (resolved.path("in").asString().equals(where)) {
        found.add(resolved);
      }
    }
    return found;
  }

  /**
   * The path a call of {@code operationId} goes to, its variables filled in order (URL-encoded); an unknown
   * operation or a wrong number of variables is an error.
   */
  public String path(String operationId, String... variables) {
    String template = templates.get(operationId);
    if (template == null) {
      throw new IllegalArgumentException(spec + ".yaml has no operation " + operationId);
    }
    return fill(operationId, template, variables);
  }

  /** {@code template}'s variables ({@code {name}}) replaced in order by {@code variables}, URL-encoded. */
  public static String fill(String operationId, String template, String... variables) {
    Matcher variable = VARIABLE.matcher(template);
    StringBuilder path = new StringBuilder();
    int i = 0;
    while (variable.find()) {
      if (i == variables.length) {
        throw new IllegalArgumentException(operationId + " " + template + " needs more than " + i + " variables");
      }
      variable.appendReplacement(path,
          Matcher.quoteReplacement(URLEncoder.encode(variables[i++], StandardCharsets.UTF_8)));
    }
    variable.appendTail(path);
    if (i != variables.length) {
      throw new IllegalArgumentException(operationId + " " + template + " has " + i + " variables, not "
          + variables.length);
    }
    return path.toString();
  }
}
