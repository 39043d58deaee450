package org.enterprisebrain.catalog.protection;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Walks the standard's field pointers through a payload; "-" means every element of an array. */
public final class Pointers {

  /** Called with the object holding the field, the field's name and its (non-null) value. */
  public interface Visitor {
    void found(ObjectNode parent, String key, JsonNode value);
  }

  private Pointers() {
  }

  public static void visit(ObjectNode payload, String pointer, Visitor visitor) {
    visit(payload, List.of(pointer.substring(1).split("/")), 0, visitor);
  }

  private static void visit(JsonNode node, List<String> segments, int depth, Visitor visitor) {
    String segment = segments.get(depth).replace("~1", "/").replace("~0", "~");
    boolean last = depth == segments.size() - 1;
    if ("-".equals(segment) && node instanceof ArrayNode array) {
      for (JsonNode element : new ArrayList<>(array.valueStream().toList())) {
        if (!last) {
          visit(element, segments, depth + 1, visitor);
        }
      }
    } else if (node instanceof ObjectNode object && object.has(segment) && !object.get(segment).isNull()) {
      if (last) {
        visitor.found(object, segment, object.get(segment));
      } else {
        visit(object.get(segment), segments, depth + 1, visitor);
      }
    }
  }
}
