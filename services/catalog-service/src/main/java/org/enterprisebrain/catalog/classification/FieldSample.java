package org.enterprisebrain.catalog.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One field as the recognizers see it: its name and a sample of its values as text. Values come from
 * CSV cells or JSON scalars, so nulls and blanks are expected and simply do not count.
 *
 * @param name the field's name or JSON pointer ({@code /extensions/sfzh}); only the last segment is a name
 * @param values sampled values as text, nulls allowed
 */
public record FieldSample(String name, List<String> values) {

  public FieldSample {
    Objects.requireNonNull(name, "name");
    // List.copyOf rejects nulls, and null cells are part of a sample
    values = values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
  }

  public static FieldSample of(String name, String... values) {
    return new FieldSample(name, Arrays.asList(values));
  }

  /**
   * The part of the name that names the field: the last segment of a JSON pointer (RFC 6901 escapes
   * undone), since {@code /extensions/} or {@code /payload/} says nothing about the values. Array
   * positions ({@code /phones/0}, {@code /phones/-}) are skipped: the array's name is the field's.
   */
  public String lastSegment() {
    String n = name;
    int end = n.length();
    while (true) {
      while (end > 0 && n.charAt(end - 1) == '/') {
        end--;
      }
      int start = n.lastIndexOf('/', end - 1) + 1;
      if (start == 0 || !arrayPosition(n, start, end)) {
        String segment = n.substring(start, end);
        return segment.indexOf('~') < 0 ? segment : segment.replace("~1", "/").replace("~0", "~");
      }
      end = start - 1;
    }
  }

  private static boolean arrayPosition(String n, int start, int end) {
    if (end - start == 1 && n.charAt(start) == '-') {
      return true;
    }
    for (int i = start; i < end; i++) {
      if (n.charAt(i) < '0' || n.charAt(i) > '9') {
        return false;
      }
    }
    return end > start;
  }

  /**
   * Turns the rows of a CSV sample into one sample per column, so that a whole file is classified field by
   * field; short rows leave their missing cells null.
   */
  public static List<FieldSample> columns(List<String> header, List<? extends List<String>> rows) {
    List<FieldSample> columns = new ArrayList<>(header.size());
    for (int c = 0; c < header.size(); c++) {
      List<String> values = new ArrayList<>(rows.size());
      for (List<String> row : rows) {
        values.add(c < row.size() ? row.get(c) : null);
      }
      columns.add(new FieldSample(header.get(c), values));
    }
    return columns;
  }
}
