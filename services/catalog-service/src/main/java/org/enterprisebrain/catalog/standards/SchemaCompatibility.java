package org.enterprisebrain.catalog.standards;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The data standard's versioning rule, applied to a proposed schema: what keeps every record that was
 * valid valid (an added optional field, a relaxed constraint, an added enum value) stays in the major
 * version and its topic; a removed or retyped field, a new required field or a tightened constraint needs
 * a new major version (a new topic), because records of the old producers would no longer validate.
 */
public final class SchemaCompatibility {

  public enum Verdict { IDENTICAL, MINOR, MAJOR }

  /** One difference, where it is and whether it breaks the records of existing producers. */
  public record Change(String pointer, String change, boolean breaking, String detail) {
  }

  public record Report(Verdict verdict, List<Change> changes) {
    public Report {
      changes = List.copyOf(changes);
    }
  }

  private static final List<String> CONSTRAINTS = List.of("pattern", "format", "minimum", "maximum",
      "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "const");

  private SchemaCompatibility() {
  }

  public static Report compare(JsonNode current, JsonNode candidate) {
    List<Change> changes = new ArrayList<>();
    compare("", current, candidate, changes);
    Verdict verdict = changes.isEmpty() ? Verdict.IDENTICAL
        : changes.stream().anyMatch(Change::breaking) ? Verdict.MAJOR : Verdict.MINOR;
    return new Report(verdict, changes);
  }

  private static void compare(String pointer, JsonNode was, JsonNode now, List<Change> out) {
    String wasType = type(was);
    String nowType = type(now);
    if (!Objects.equals(wasType, nowType)) {
      out.add(new Change(pointer, "retyped", true, wasType + " → " + nowType));
      return;
    }
    for (String constraint : CONSTRAINTS) {
      JsonNode a = was.get(constraint);
      JsonNode b = now.get(constraint);
      if (a != null && b == null) {
        out.add(new Change(pointer, "constraint relaxed", false, constraint + " " + a + " removed"));
      } else if (b != null && !b.equals(a)) {
        out.add(new Change(pointer, "constraint changed", true,
            constraint + " " + (a == null ? "added: " : a + " → ") + b));
      }
    }
    compareEnum(pointer, was.get("enum"), now.get("enum"), out);
    if (!Objects.equals(was.path("x-classification"), now.path("x-classification"))) {
      out.add(new Change(pointer, "classification changed", false,
          was.path("x-classification") + " → " + now.path("x-classification") + " (review the grade)"));
    }
    if ("object".equals(nowType)) {
      compareObject(pointer, was, now, out);
    } else if ("array".equals(nowType) && was.has("items") && now.has("items")) {
      compare(pointer + "/-", was.get("items"), now.get("items"), out);
    }
  }

  private static void compareObject(String pointer, JsonNode was, JsonNode now, List<Change> out) {
    Set<String> wasRequired = strings(was.get("required"));
    Set<String> nowRequired = strings(now.get("required"));
    JsonNode wasProps = was.path("properties");
    JsonNode nowProps = now.path("properties");
    Set<String> names = new TreeSet<>();
    wasProps.propertyNames().forEach(names::add);
    nowProps.propertyNames().forEach(names::add);
    for (String name : names) {
      String child = pointer + "/" + name;
      if (!nowProps.has(name)) {
        out.add(new Change(child, "removed", true, "records that carry it no longer validate"));
      } else if (!wasProps.has(name)) {
        boolean required = nowRequired.contains(name);
        out.add(new Change(child, required ? "added required" : "added optional", required,
            required ? "records of existing producers lack it" : "existing records stay valid"));
      } else {
        if (nowRequired.contains(name) && !wasRequired.contains(name)) {
          out.add(new Change(child, "now required", true, "records without it no longer validate"));
        } else if (wasRequired.contains(name) && !nowRequired.contains(name)) {
          out.add(new Change(child, "now optional", false, "existing records stay valid"));
        }
        compare(child, wasProps.get(name), nowProps.get(name), out);
      }
    }
    boolean wasOpen = !was.has("additionalProperties") || was.get("additionalProperties").asBoolean(true);
    boolean nowOpen = !now.has("additionalProperties") || now.get("additionalProperties").asBoolean(true);
    if (wasOpen && !nowOpen) {
      out.add(new Change(pointer, "closed", true, "additionalProperties true → false"));
    } else if (!wasOpen && nowOpen) {
      out.add(new Change(pointer, "opened", false, "additionalProperties false → true"));
    }
  }

  private static void compareEnum(String pointer, JsonNode was, JsonNode now, List<Change> out) {
    if (was == null && now == null) {
      return;
    }
    if (was != null && now == null) {
      out.add(new Change(pointer, "enum removed", false, "any value of the type is allowed now"));
      return;
    }
    Set<String> before = was == null ? null : strings(was);
    Set<String> after = strings(now);
    if (before == null) {
      out.add(new Change(pointer, "enum added", true, "values outside " + after + " no longer validate"));
      return;
    }
    Set<String> removed = new TreeSet<>(before);
    removed.removeAll(after);
    Set<String> added = new TreeSet<>(after);
    added.removeAll(before);
    if (!removed.isEmpty()) {
      out.add(new Change(pointer, "enum values removed", true, removed.toString()));
    }
    if (!added.isEmpty()) {
      out.add(new Change(pointer, "enum values added", false, added + " (tell consumers)"));
    }
  }

  private static String type(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return schema.has("properties") ? "object" : null;
    }
    return type.isArray() ? new TreeSet<>(strings(type)).toString() : type.asString();
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> values = new HashSet<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> values.add(v.isString() ? v.asString() : v.toString()));
    }
    return values;
  }
}
