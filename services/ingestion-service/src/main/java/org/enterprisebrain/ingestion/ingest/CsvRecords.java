package org.enterprisebrain.ingestion.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.standard.Csv;
import org.enterprisebrain.standard.EntityStandard;
import org.enterprisebrain.standard.FieldError;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a CSV upload (RFC 4180, header row) into standard records: envelope columns fill the
 * envelope, every other column the payload field of the same name, converted to the type the standard
 * declares. A value that does not convert stays text, so validation reports it on its record.
 */
@Component
public class CsvRecords {

  /**
   * Query parameters of the CSV upload.
   *
   * @param fileMapping how the export's rows become records; null when they are one record each in the standard's
   *                    names (after {@code mapping}'s renames)
   */
  public record Defaults(String mapping, String plant, String sourceSystem, String sourceKind, int schemaVersion,
      FileMappings fileMapping) {
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public List<JsonNode> toRecords(EntityStandard entity, String body, Defaults defaults) {
    List<List<String>> rows = parse(body == null ? "" : body);
    if (rows.isEmpty()) {
      throw IngestionException.badRequest("the CSV holds no header row", List.of(new FieldError("", "empty CSV")));
    }
    Map<String, String> renames = renames(defaults.mapping());
    List<String> header = rows.get(0).stream().map(String::strip).map(h -> renames.getOrDefault(h, h)).toList();
    Map<String, String> types = entity.payloadTypes();
    List<JsonNode> records = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      Map<String, String> fields = new java.util.LinkedHashMap<>();
      for (int c = 0; c < header.size() && c < row.size(); c++) {
        if (!row.get(c).isEmpty()) {
          fields.put(header.get(c), row.get(c));
        }
      }
      for (Map<String, String> one : defaults.fileMapping() == null ? List.of(fields)
          : defaults.fileMapping().apply(fields)) {
        records.add(record(entity.entity(), one, types, defaults));
      }
    }
    return records;
  }

  private static JsonNode record(String entity, Map<String, String> fields, Map<String, String> types,
      Defaults defaults) {
    ObjectNode record = JSON.createObjectNode();
    ObjectNode source = JSON.createObjectNode();
    ObjectNode payload = JSON.createObjectNode();
    record.put("entity", entity);
    record.put("schemaVersion", defaults.schemaVersion());
    putIfPresent(record, "plant", defaults.plant());
    putIfPresent(source, "system", defaults.sourceSystem());
    putIfPresent(source, "kind", defaults.sourceKind());
    fields.forEach((column, value) -> {
      switch (column) {
        case "id", "plant", "occurredAt" -> record.put(column, value);
        case "sourceSystem" -> source.put("system", value);
        case "sourceKind" -> source.put("kind", value);
        case "schemaVersion" -> record.set(column, convert(value, "integer"));
        default -> payload.set(column, convert(value, types.getOrDefault(column, "string")));
      }
    });
    record.set("source", source);
    record.set("payload", payload);
    return record;
  }

  private static JsonNode convert(String value, String type) {
    try {
      return switch (type) {
        case "integer" -> JSON.getNodeFactory().numberNode(new BigDecimal(value).toBigIntegerExact());
        case "number" -> JSON.getNodeFactory().numberNode(new BigDecimal(value));
        case "boolean" -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
            ? JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(value))
            : JSON.getNodeFactory().stringNode(value);
        case "array", "object" -> JSON.readTree(value);
        default -> JSON.getNodeFactory().stringNode(value);
      };
    } catch (NumberFormatException | ArithmeticException | JacksonException e) {
      return JSON.getNodeFactory().stringNode(value);
    }
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) {
      node.put(field, value);
    }
  }

  private static Map<String, String> renames(String mapping) {
    Map<String, String> renames = new HashMap<>();
    if (mapping == null || mapping.isBlank()) {
      return renames;
    }
    for (String pair : mapping.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw IngestionException.badRequest("mapping must be csvHeader=field pairs separated by commas",
            List.of(new FieldError("mapping", "cannot read '" + pair + "' as csvHeader=field")));
      }
      renames.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    return renames;
  }

  static List<List<String>> parse(String text) {
    try {
      return Csv.parse(text);
    } catch (Csv.FormatException e) {
      throw IngestionException.badRequest("unterminated quoted field in the CSV",
          List.of(new FieldError("line " + e.line(), e.getMessage())));
    }
  }
}
