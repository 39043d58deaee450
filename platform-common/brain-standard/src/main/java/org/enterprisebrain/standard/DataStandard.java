package org.enterprisebrain.standard;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The versioned data standard (数据标准), loaded from the JSON Schemas that api-specs packages under
 * {@code standard/v<N>/}. Validates whole records (envelope + payload) and reports every error with a
 * JSON pointer into the record.
 */
public final class DataStandard {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ROOT = "standard/";

  private final Map<String, EntityStandard> entities;
  private final Map<String, Schema> payloadSchemas;
  private final Schema envelopeSchema;

  private DataStandard(Map<String, EntityStandard> entities, Map<String, Schema> payloadSchemas,
      Schema envelopeSchema) {
    this.entities = entities;
    this.payloadSchemas = payloadSchemas;
    this.envelopeSchema = envelopeSchema;
  }

  /** Loads every published version (v1, v2, … while standard/v&lt;N&gt;/index.json exists). */
  public static DataStandard load() {
    ClassLoader loader = DataStandard.class.getClassLoader();
    // 2020-12, with our date-time check and the standard's annotations known as annotations
    Dialect dialect = Dialect.builder(Dialects.getDraft202012())
        .format(new Rfc3339DateTime())
        .keyword(new NonValidationKeyword("x-classification"))
        .keyword(new NonValidationKeyword("x-entity"))
        .build();
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect,
        builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .locale(Locale.ENGLISH)
            .build()));
    Map<String, Map<Integer, String>> texts = new TreeMap<>();
    Map<String, JsonNode> newest = new TreeMap<>();
    Map<String, Schema> schemas = new LinkedHashMap<>();
    Schema envelope = null;
    for (int version = 1; loader.getResource(ROOT + "v" + version + "/index.json") != null; version++) {
      String dir = ROOT + "v" + version + "/";
      envelope = registry.getSchema(read(loader, dir + "envelope.schema.json"));
      for (JsonNode name : JSON.readTree(read(loader, dir + "index.json")).path("entities")) {
        String entity = name.asString();
        String text = read(loader, dir + entity + ".schema.json");
        texts.computeIfAbsent(entity, e -> new TreeMap<>()).put(version, text);
        newest.put(entity, JSON.readTree(text));
        schemas.put(key(entity, version), registry.getSchema(text));
      }
    }
    if (envelope == null) {
      throw new IllegalStateException("no data standard on the classpath (" + ROOT + "v1/index.json)");
    }
    Map<String, EntityStandard> entities = new TreeMap<>();
    newest.forEach((entity, schema) -> entities.put(entity, describe(entity, schema, texts.get(entity))));
    return new DataStandard(Map.copyOf(entities), Map.copyOf(schemas), envelope);
  }

  public Collection<EntityStandard> entities() {
    return entities.values();
  }

  public Optional<EntityStandard> entity(String name) {
    return Optional.ofNullable(entities.get(name));
  }

  /**
   * Every violation of the standard in one record sent to {@code /ingest/<entity>}: the envelope,
   * the entity named in the path, the schema version and the payload (pointers under /payload).
   */
  public List<FieldError> validate(String entity, JsonNode record) {
    List<FieldError> errors = new ArrayList<>();
    if (record == null || !record.isObject()) {
      errors.add(new FieldError("", "a record must be a JSON object"));
      return errors;
    }
    for (Error error : envelopeSchema.validate(record)) {
      errors.add(toFieldError("", error));
    }
    JsonNode declared = record.get("entity");
    if (declared != null && declared.isString() && !declared.asString().equals(entity)) {
      errors.add(new FieldError("/entity",
          "record is a '" + declared.asString() + "' but was sent to /ingest/" + entity));
    }
    JsonNode version = record.get("schemaVersion");
    JsonNode payload = record.get("payload");
    if (version != null && version.isIntegralNumber()) {
      Schema schema = payloadSchemas.get(key(entity, version.asInt()));
      if (schema == null) {
        errors.add(new FieldError("/schemaVersion", "entity '" + entity + "' has no schema version "
            + version.asInt() + " (known: " + entities.get(entity).versions().keySet() + ")"));
      } else if (payload != null && payload.isObject()) {
        for (Error error : schema.validate(payload)) {
          errors.add(toFieldError("/payload", error));
        }
      }
    }
    return errors;
  }

  /**
   * The Kafka key: plant plus the entity's natural key, so that order holds per equipment, per work
   * order, per meter. Only meaningful for a record that passed {@link #validate}.
   */
  public String partitionKey(EntityStandard entity, JsonNode record) {
    StringBuilder key = new StringBuilder(record.path("plant").asString());
    JsonNode payload = record.path("payload");
    for (String field : entity.naturalKey()) {
      key.append('|').append(payload.path(field).asString());
    }
    return key.toString();
  }

  static FieldError toFieldError(String prefix, Error error) {
    String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    String pointer = prefix + location;
    // "required" and "additionalProperties" are reported on the parent: name the field itself
    if (error.getProperty() != null && ("required".equals(error.getKeyword())
        || "additionalProperties".equals(error.getKeyword()))) {
      pointer = pointer + "/" + error.getProperty();
    }
    String message = error.getMessage();
    // networknt prefixes messages with the instance location; the pointer already says where
    if (!location.isEmpty() && message.startsWith(location + ": ")) {
      message = message.substring(location.length() + 2);
    } else if (message.startsWith(": ")) {
      message = message.substring(2);
    }
    return new FieldError(pointer, message);
  }

  private static EntityStandard describe(String entity, JsonNode schema, Map<Integer, String> versions) {
    JsonNode meta = schema.path("x-entity");
    List<String> naturalKey = new ArrayList<>();
    meta.path("naturalKey").forEach(field -> naturalKey.add(field.asString()));
    List<FieldClassification> classification = new ArrayList<>();
    collectClassification("", schema, classification);
    Map<String, String> types = new TreeMap<>();
    schema.path("properties").properties().forEach(p -> types.put(p.getKey(), p.getValue().path("type").asString("string")));
    JsonNode isa95 = meta.get("isa95");
    return new EntityStandard(entity, schema.path("title").asString(), meta.path("titleZh").asString(),
        meta.path("domain").asString(), isa95 == null || isa95.isNull() ? null : isa95.asString(),
        naturalKey, new TreeMap<>(versions), classification, types);
  }

  /** Walks properties and array items; a field's pointer uses "-" for "any array element". */
  private static void collectClassification(String pointer, JsonNode schema, List<FieldClassification> out) {
    schema.path("properties").properties().forEach(property -> {
      String path = pointer + "/" + property.getKey();
      JsonNode field = property.getValue();
      JsonNode label = field.get("x-classification");
      if (label != null) {
        out.add(new FieldClassification(path, label.path("category").asString(),
            FieldClassification.Grade.parse(label.path("grade").asString("L1")),
            label.path("personal").asBoolean(false)));
      }
      collectClassification(path, field, out);
      if (field.has("items")) {
        collectClassification(path + "/-", field.get("items"), out);
      }
    });
  }

  private static String key(String entity, int version) {
    return entity + "@" + version;
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing data standard resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
