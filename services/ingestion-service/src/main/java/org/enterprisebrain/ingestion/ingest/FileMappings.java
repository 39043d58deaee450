package org.enterprisebrain.ingestion.ingest;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.ingestion.api.model.FileMapping;
import org.enterprisebrain.ingestion.api.model.IdRule;
import org.enterprisebrain.ingestion.api.model.TimeColumn;
import org.enterprisebrain.ingestion.api.model.UnitConversion;
import org.enterprisebrain.ingestion.api.model.Unpivot;
import org.enterprisebrain.standard.FieldError;
import org.enterprisebrain.standard.SpecSchemas;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link FileMapping} applied to the rows of an export, in the order the spec gives: drop, units, times, id,
 * unpivot, renames, constants. What it cannot convert (a unit of a text, a time not in the pattern) stays as sent,
 * so the standard's validation refuses that record and names its field; a mapping that cannot work at all (a
 * pattern or zone that does not exist) is refused whole, naming its field.
 */
public final class FileMappings {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SpecSchemas SPEC = SpecSchemas.load("ingestion");
  /** RFC 3339 with seconds always (OffsetDateTime.toString drops zero seconds) and the zone's offset. */
  private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private final FileMapping mapping;
  private final Map<String, DateTimeFormatter> formats = new HashMap<>();
  private final Map<String, ZoneId> zones = new HashMap<>();

  private FileMappings(FileMapping mapping, String pointer) {
    this.mapping = mapping;
    for (int i = 0; i < mapping.getTimes().size(); i++) {
      TimeColumn t = mapping.getTimes().get(i);
      try {
        formats.put(t.getColumn(), DateTimeFormatter.ofPattern(t.getFormat()));
      } catch (IllegalArgumentException e) {
        throw refused(pointer, "/times/" + i + "/format", "'" + t.getFormat() + "' is no date-time pattern: "
            + e.getMessage());
      }
      try {
        zones.put(t.getColumn(), ZoneId.of(t.getZone()));
      } catch (DateTimeException e) {
        throw refused(pointer, "/times/" + i + "/zone", "'" + t.getZone() + "' is no IANA zone (e.g. Asia/Shanghai)");
      }
    }
  }

  /** The mapping the {@code fileMapping} parameter holds, checked against the spec's schema; null for none. */
  public static FileMappings parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JacksonException e) {
      throw refused("fileMapping", "", "not JSON: " + e.getOriginalMessage());
    }
    return of(node, "fileMapping");
  }

  /**
   * A mapping as JSON, checked against the spec's FileMapping and for what the schema cannot say (patterns and
   * zones that exist); refusals name {@code pointer} and the field below it.
   */
  public static FileMappings of(JsonNode node, String pointer) {
    List<FieldError> errors = SPEC.validate("FileMapping", node).stream()
        .map(e -> new FieldError(pointer + e.pointer(), e.message())).toList();
    if (!errors.isEmpty()) {
      throw IngestionException.badRequest(pointer + " is not a FileMapping", errors);
    }
    return new FileMappings(JSON.treeToValue(node, FileMapping.class), pointer);
  }

  private static IngestionException refused(String pointer, String field, String message) {
    return IngestionException.badRequest(pointer + " cannot be applied: " + message,
        List.of(new FieldError(pointer + field, message)));
  }

  /** The records' fields of one data row (column → value, empty values already left out). */
  public List<Map<String, String>> apply(Map<String, String> row) {
    Map<String, String> r = new LinkedHashMap<>(row);
    mapping.getDrop().forEach(r::remove);
    for (UnitConversion u : mapping.getUnits()) {
      String value = r.get(u.getColumn());
      if (value != null) {
        try {
          r.put(u.getColumn(), new BigDecimal(value.strip()).multiply(u.getFactor()).add(u.getOffset())
              .stripTrailingZeros().toPlainString());
        } catch (NumberFormatException e) {
          // not a number: stays as sent, and the standard says so on the record
        }
      }
    }
    Map<String, String> times = new LinkedHashMap<>();
    for (TimeColumn t : mapping.getTimes()) {
      String value = r.get(t.getColumn());
      if (value == null) {
        continue;
      }
      String converted = value;
      try {
        converted = LocalDateTime.parse(value.strip(), formats.get(t.getColumn())).atZone(zones.get(t.getColumn()))
            .format(RFC_3339);
      } catch (DateTimeException e) {
        // not in the pattern: stays as sent, and the standard refuses the record naming the field
      }
      if (t.getFields().isEmpty()) {
        r.put(t.getColumn(), converted);
      } else {
        r.remove(t.getColumn());
        for (String field : t.getFields()) {
          times.put(field, converted);
        }
      }
    }
    String id = id(row, mapping.getId());
    List<Map<String, String>> records = new ArrayList<>();
    Unpivot u = mapping.getUnpivot();
    if (u == null) {
      records.add(r);
      if (id != null) {
        r.put("id", id);
      }
    } else {
      Map<String, String> common = new LinkedHashMap<>(r);
      u.getColumns().forEach(common::remove);
      for (String column : u.getColumns()) {
        String value = r.get(column);
        if (value == null) {
          continue;
        }
        Map<String, String> one = new LinkedHashMap<>(common);
        String name = u.getNames().getOrDefault(column, column);
        one.put(u.getNameField(), name);
        one.put(u.getValueField(), value);
        if (u.getUnits().containsKey(column)) {
          one.put(u.getUnitField(), u.getUnits().get(column));
        }
        if (id != null) {
          one.put("id", id + '-' + name);
        }
        records.add(one);
      }
    }
    List<Map<String, String>> renamed = new ArrayList<>(records.size());
    for (Map<String, String> record : records) {
      Map<String, String> out = new LinkedHashMap<>();
      record.forEach((column, value) -> out.put(mapping.getColumns().getOrDefault(column, column), value));
      out.putAll(times);
      mapping.getConstants().forEach(out::putIfAbsent);
      renamed.add(out);
    }
    return renamed;
  }

  /** The id from the row as sent (before conversions, so a resent file repeats it); null without a rule or a value. */
  private static String id(Map<String, String> row, IdRule rule) {
    if (rule == null) {
      return null;
    }
    StringBuilder id = new StringBuilder(rule.getPrefix());
    for (int i = 0; i < rule.getColumns().size(); i++) {
      String value = row.get(rule.getColumns().get(i));
      if (value == null) {
        return null; // the standard refuses a record without an id, naming it
      }
      id.append(i == 0 ? "" : "-").append(value.strip().replaceAll("[\\s/:]+", ""));
    }
    return id.toString();
  }
}
