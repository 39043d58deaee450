package org.enterprisebrain.standard;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A REST spec's component schemas as validators: a request body is checked against the very schema the spec
 * publishes (patterns, lengths, bounds, enums), since the generated server code does not enforce them. Errors
 * are JSON pointers into the body, as the data standard's are.
 */
public final class SpecSchemas {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JsonNode components;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private SpecSchemas(JsonNode components) {
    this.components = components;
    // the components ride along as a keyword of the root that validates nothing
    Dialect dialect = Dialect.builder(Dialects.getOpenApi30()).keyword(new NonValidationKeyword("components")).build();
    this.registry = SchemaRegistry.withDefaultDialect(dialect,
        builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .locale(Locale.ENGLISH)
            .build()));
  }

  /** The component schemas of {@code openapi/<spec>.yaml}. */
  public static SpecSchemas load(String spec) {
    return new SpecSchemas(ApiSpec.document(spec).path("components"));
  }

  /** Every violation of {@code #/components/schemas/<name>} in {@code value}. */
  public List<FieldError> validate(String name, JsonNode value) {
    return validate(name, false, value);
  }

  /** Every violation in {@code value}, an array of {@code name}s ({@code /3/tag}: the fourth one's tag). */
  public List<FieldError> validateEach(String name, JsonNode value) {
    return validate(name, true, value);
  }

  private List<FieldError> validate(String name, boolean array, JsonNode value) {
    if (!components.path("schemas").has(name)) {
      throw new IllegalArgumentException("the spec has no component schema " + name);
    }
    Schema schema = schemas.computeIfAbsent((array ? "[]" : "") + name, key -> {
      // the components travel with the schema, so every $ref of the spec resolves inside one document
      ObjectNode root = JSON.createObjectNode();
      if (array) {
        root.put("type", "array").putObject("items").put("$ref", "#/components/schemas/" + name);
      } else {
        root.put("$ref", "#/components/schemas/" + name);
      }
      root.set("components", components);
      return registry.getSchema(JSON.writeValueAsString(root));
    });
    return schema.validate(value).stream().map(e -> DataStandard.toFieldError("", e)).toList();
  }
}
