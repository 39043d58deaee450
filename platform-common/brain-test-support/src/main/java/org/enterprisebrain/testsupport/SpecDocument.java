package org.enterprisebrain.testsupport;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.enterprisebrain.standard.ApiSpec;
import tools.jackson.databind.JsonNode;

/** A spec of api-specs as a document, and a value of a parameter's schema. */
final class SpecDocument {

  private SpecDocument() {
  }

  static JsonNode load(String spec) {
    return ApiSpec.document(spec);
  }

  /** A value of the parameter: the spec's example of it, else {@link #example(JsonNode)} of its schema. */
  static String value(JsonNode parameter) {
    if (parameter.has("example")) {
      return parameter.path("example").asString();
    }
    return parameter.path("schema").has("example") ? parameter.path("schema").path("example").asString()
        : example(parameter.path("schema"));
  }

  /** A valid-looking value of {@code schema}: its first enum value, now for a time, 1 for a number. */
  static String example(JsonNode schema) {
    if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
      return schema.path("enum").get(0).asString();
    }
    return switch (schema.path("type").asString("string")) {
      case "integer", "number" -> schema.has("minimum") ? schema.path("minimum").asString() : "1";
      case "boolean" -> "true";
      default -> switch (schema.path("format").asString("")) {
        case "date-time" -> Instant.now().minusSeconds(3600).toString();
        case "date" -> LocalDate.now(ZoneOffset.UTC).toString();
        default -> AuthorizationMatrix.PROBE;
      };
    };
  }
}
