package org.enterprisebrain.analytics.service.genealogy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.analytics.service.api.model.GenealogyKind;
import org.enterprisebrain.analytics.service.api.model.Trace;
import org.enterprisebrain.analytics.service.api.model.TraceLink;
import org.enterprisebrain.analytics.service.api.model.TraceNode;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.standard.FieldClassification.Grade;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Traces over the links the genealogy job keeps (one document per link, {@code <prefix>genealogy}): breadth first,
 * one query per level for the whole frontier, so a trace over ten levels is ten queries however wide it gets.
 */
@Service
public class Traces {

  /** Most links one trace returns: a recall of a whole supplier stops here and says it was cut. */
  static final int MAX_LINKS = 20_000;
  /** Terms per query: well below Elasticsearch's 65,536 terms limit, and small enough for one request body. */
  private static final int CHUNK = 1_000;
  private static final String MASK = "***";

  private final ResultStore results;

  public Traces(ResultStore results) {
    this.results = results;
  }

  /** A node as the links name it: kind and id ({@code lot:LOT-1}). */
  static String key(String kind, String id) {
    return kind + ':' + id;
  }

  /**
   * @param clearance the caller's data grade (L1…L3): ids and judgements read from fields graded above it are
   *                  masked; null clears L1 only
   */
  public Trace trace(String plant, GenealogyKind kind, String id, boolean backward, int depth, String clearance) {
    String start = key(kind.getValue(), id);
    // against the flow a link is found by where it points, with the flow by where it starts
    String near = backward ? "toKey" : "fromKey";
    String far = backward ? "fromKey" : "toKey";
    Map<String, Integer> levels = new LinkedHashMap<>();
    Map<String, Node> nodes = new HashMap<>(); // a node's kind, id and grade, from the first link naming it
    levels.put(start, 0);
    List<JsonNode> links = new ArrayList<>();
    List<String> frontier = List.of(start);
    boolean truncated = false;
    for (int level = 1; !frontier.isEmpty(); level++) {
      List<JsonNode> found = linksOf(plant, near, frontier);
      if (level > depth) {
        truncated = !found.isEmpty();
        break;
      }
      List<String> next = new ArrayList<>();
      for (JsonNode link : found) {
        if (links.size() == MAX_LINKS) {
          truncated = true;
          break;
        }
        links.add(link);
        String other = link.path(far).asString();
        if (levels.putIfAbsent(other, level) == null) {
          next.add(other);
        }
        nodes.putIfAbsent(link.path("fromKey").asString(), Node.of(link, "from"));
        nodes.putIfAbsent(link.path("toKey").asString(), Node.of(link, "to"));
      }
      if (truncated) {
        break;
      }
      frontier = next;
    }
    List<TraceNode> traced = new ArrayList<>();
    levels.forEach((node, level) -> {
      Node n = nodes.get(node);
      String nodeKind = n == null ? kind.getValue() : n.kind();
      String nodeId = n == null ? id : n.id();
      boolean masked = n != null && above(n.grade(), clearance);
      traced.add(new TraceNode(GenealogyKind.fromValue(nodeKind), masked ? MASK : nodeId, level, masked));
    });
    List<TraceLink> traceLinks = links.stream().map(l -> link(l, clearance)).toList();
    return new Trace(plant, kind, id, backward ? Trace.DirectionEnum.BACKWARD : Trace.DirectionEnum.FORWARD, depth,
        truncated, traced, traceLinks);
  }

  private List<JsonNode> linksOf(String plant, String field, List<String> keys) {
    List<JsonNode> found = new ArrayList<>();
    for (int i = 0; i < keys.size(); i += CHUNK) {
      ObjectNode query = ResultStore.JSON.createObjectNode();
      var filter = query.putObject("bool").putArray("filter");
      filter.addObject().putObject("term").put("plant", plant);
      var terms = filter.addObject().putObject("terms").putArray(field);
      keys.subList(i, Math.min(keys.size(), i + CHUNK)).forEach(terms::add);
      found.addAll(results.searchAll("genealogy", query, "at"));
    }
    return found;
  }

  /** One end of a link document: {@code side} is from or to. */
  private record Node(String kind, String id, String grade) {
    static Node of(JsonNode link, String side) {
      return new Node(link.path(side + "Kind").asString(), link.path(side).asString(),
          link.path(side + "Grade").asString());
    }
  }

  private static TraceLink link(JsonNode l, String clearance) {
    String result = l.path("result").asString(null);
    if (result != null && above(l.path("resultGrade").asString(), clearance)) {
      result = MASK;
    }
    return new TraceLink(TraceLink.RelationEnum.fromValue(l.path("relation").asString()),
        GenealogyKind.fromValue(l.path("fromKind").asString()),
        above(l.path("fromGrade").asString(), clearance) ? MASK : l.path("from").asString(),
        GenealogyKind.fromValue(l.path("toKind").asString()),
        above(l.path("toGrade").asString(), clearance) ? MASK : l.path("to").asString(),
        OffsetDateTime.parse(l.path("at").asString()), l.path("record").asString()).result(result);
  }

  /** Grades compare as their level (L1 < L2 < L3); a caller without a clearance claim is cleared for L1. */
  static boolean above(String grade, String clearance) {
    return grade != null && !grade.isEmpty() && Grade.parse(grade).compareTo(cleared(clearance)) > 0;
  }

  /** A claim that names no grade clears L1 only, as no claim does. */
  private static Grade cleared(String clearance) {
    try {
      return clearance == null ? Grade.L1 : Grade.parse(clearance);
    } catch (IllegalArgumentException e) {
      return Grade.L1;
    }
  }
}
