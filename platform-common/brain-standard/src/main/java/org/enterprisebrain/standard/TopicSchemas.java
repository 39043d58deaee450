package org.enterprisebrain.standard;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contracts of the platform's own topics, {@code api-specs/topics/<schema>.schema.json}: a topic's name is its
 * schema's {@code x-topic}, and a message conforms when the schema finds nothing wrong with it. Producers' tests
 * check what they publish against it; consumers read it knowing the schema holds.
 */
public final class TopicSchemas {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private TopicSchemas() {
  }

  /** @param schema the schema's file name without {@code .schema.json}, e.g. {@code model-deployments.v1} */
  public static String topic(String schema) {
    JsonNode topic = document(schema).path("x-topic");
    if (!topic.isString()) {
      throw new IllegalStateException("topic schema " + schema + " names no x-topic");
    }
    return topic.asString();
  }

  /** What the schema finds wrong with {@code message} (JSON text); empty when it conforms. */
  public static List<String> violations(String schema, String message) {
    Schema compiled = SCHEMAS.computeIfAbsent(schema, s -> SchemaRegistry.withDefaultDialect(
        SpecificationVersion.DRAFT_2020_12).getSchema(JSON.writeValueAsString(document(s))));
    return compiled.validate(JSON.readTree(message)).stream().map(Object::toString).toList();
  }

  private static JsonNode document(String schema) {
    return DOCUMENTS.computeIfAbsent(schema, s -> {
      String path = "topics/" + s + ".schema.json";
      try (InputStream in = TopicSchemas.class.getClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("no topic schema " + path + " on the class path (api-specs)");
        }
        return JSON.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + path, e);
      }
    });
  }
}
