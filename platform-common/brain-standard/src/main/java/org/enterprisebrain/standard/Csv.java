package org.enterprisebrain.standard;

import java.util.ArrayList;
import java.util.List;

/** CSV as systems export it (RFC 4180, Excel's BOM, CR LF or LF), read into rows of text. */
public final class Csv {

  private Csv() {
  }

  /** A CSV that cannot be read; {@code line} is where the problem starts (1-based). */
  public static final class FormatException extends RuntimeException {
    private final int line;

    FormatException(int line, String message) {
      super(message);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  /** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
  public static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int line = 1;
    int quoteLine = 1;
    int start = text.startsWith("\uFEFF") ? 1 : 0; // Excel writes a BOM
    for (int i = start; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          if (ch == '\n') {
            line++;
          }
          field.append(ch);
        }
      } else if (ch == '"' && field.isEmpty()) {
        quoted = true;
        quoteLine = line;
      } else if (ch == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        line++;
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      throw new FormatException(quoteLine, "a quoted field opened on line " + quoteLine + " is not closed");
    }
    if (!field.isEmpty() || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
