package org.enterprisebrain.catalog.classification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.standard.Csv;

/**
 * Reads the labelled evaluation set written by {@code generate_labelled_fields.py}: one JSON object per
 * line. The package has no JSON library, so this is a small strict JSON reader (objects, arrays, strings
 * with every escape, null, booleans, numbers kept as text) that fails loudly on anything else.
 */
final class LabelledFields {

  /** One labelled field; {@code expected} is null for a field no recognizer should claim. */
  record Field(String name, List<String> values, Recognizer expected, String note) {
    FieldSample sample() {
      return new FieldSample(name, values);
    }
  }

  private LabelledFields() {
  }

  static List<Field> load(String resource) {
    List<Field> fields = new ArrayList<>();
    try (InputStream in = LabelledFields.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          fields.add(field(new Reader(line).document()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(resource + " line " + number + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fields;
  }

  static List<List<String>> csv(String resource) {
    try (InputStream in = LabelledFields.class.getResourceAsStream(resource)) {
      return Csv.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).stream()
          .filter(row -> !(row.size() == 1 && row.get(0).isEmpty())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }


  @SuppressWarnings("unchecked")
  private static Field field(Object document) {
    if (!(document instanceof Map<?, ?> object)) {
      throw new IllegalArgumentException("not an object");
    }
    Object name = object.get("name");
    Object values = object.get("values");
    Object expected = object.get("expected");
    if (!(name instanceof String) || !(values instanceof List<?>)) {
      throw new IllegalArgumentException("needs a string 'name' and an array 'values'");
    }
    for (Object value : (List<?>) values) {
      if (value != null && !(value instanceof String)) {
        throw new IllegalArgumentException("values must be strings or null, found " + value);
      }
    }
    return new Field((String) name, (List<String>) values,
        expected == null ? null : Recognizer.valueOf((String) expected), (String) object.get("note"));
  }

  /** Recursive descent over one JSON text. */
  static final class Reader {
    private final String text;
    private int pos;

    Reader(String text) {
      this.text = text;
    }

    Object document() {
      Object value = value();
      skipWhitespace();
      if (pos != text.length()) {
        throw error("trailing characters");
      }
      return value;
    }

    private Object value() {
      skipWhitespace();
      if (pos >= text.length()) {
        throw error("unexpected end");
      }
      char c = text.charAt(pos);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 'n':
          literal("null");
          return null;
        case 't':
          literal("true");
          return Boolean.TRUE;
        case 'f':
          literal("false");
          return Boolean.FALSE;
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected '" + c + "'");
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> object = new LinkedHashMap<>();
      pos++;
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return object;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error("expected a member name");
        }
        String key = string();
        skipWhitespace();
        expect(':');
        object.put(key, value());
        skipWhitespace();
        if (peek() == ',') {
          pos++;
        } else {
          expect('}');
          return object;
        }
      }
    }

    private List<Object> array() {
      List<Object> array = new ArrayList<>();
      pos++;
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return array;
      }
      while (true) {
        array.add(value());
        skipWhitespace();
        if (peek() == ',') {
          pos++;
        } else {
          expect(']');
          return array;
        }
      }
    }

    private String string() {
      pos++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          throw error("control character in string");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (pos >= text.length()) {
          throw error("unterminated escape");
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw error("short \\u escape");
            }
            try {
              out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
          }
          default -> throw error("bad escape \\" + e);
        }
      }
    }

    private String number() {
      int start = pos;
      while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      return text.substring(start, pos);
    }

    private void literal(String word) {
      if (!text.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
      while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
    }

    private IllegalArgumentException error(String message) {
      return new IllegalArgumentException(message + " at column " + (pos + 1));
    }
  }
}
