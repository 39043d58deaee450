package org.enterprisebrain.catalog.protection;

import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Walks the standard's field pointers through a payload; "-" means every element of an array. */
public final class Pointers {

  /** Called with a (non-null) value the pointer reaches and a way to replace it where it is. */
  public interface Visitor {
    void found(JsonNode value, Consumer<JsonNode> replace);
  }

  private Pointers() {
  }

  /** A field name as one pointer segment (RFC 6901: "~" → "~0", "/" → "~1"). */
  public static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  public static void visit(ObjectNode payload, String pointer, Visitor visitor) {
    visit(payload, List.of(pointer.substring(1).split("/")), 0, visitor);
  }

  private static void visit(JsonNode node, List<String> segments, int depth, Visitor visitor) {
    String segment = segments.get(depth).replace("~1", "/").replace("~0", "~");
    boolean last = depth == segments.size() - 1;
    if ("-".equals(segment) && node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode element = array.get(i);
        if (!last) {
          visit(element, segments, depth + 1, visitor);
        } else if (!element.isNull()) {
          // a list of single values (e.g. several phone numbers) is protected value by value
          int index = i;
          visitor.found(element, replacement -> array.set(index, replacement));
        }
      }
    } else if (node instanceof ObjectNode object && object.has(segment) && !object.get(segment).isNull()) {
      if (last) {
        visitor.found(object.get(segment), replacement -> object.set(segment, replacement));
      } else {
        visit(object.get(segment), segments, depth + 1, visitor);
      }
    }
  }
}
