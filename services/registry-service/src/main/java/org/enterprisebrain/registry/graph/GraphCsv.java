package org.enterprisebrain.registry.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.registry.api.model.GraphEdge;
import org.enterprisebrain.registry.api.model.GraphNode;
import org.enterprisebrain.registry.api.model.Subgraph;
import org.enterprisebrain.standard.Csv;
import org.enterprisebrain.web.ProblemException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The graph as one CSV table (RFC 4180), so FMEA sheets kept in spreadsheets can be imported:
 * {@code node,<id>,<type>,<name>,<properties JSON>} and {@code edge,<from>,<type>,<to>,<weight>}.
 */
public final class GraphCsv {

  static final String HEADER = "kind,id_or_from,type,name_or_to,properties_or_weight,plant";

  private GraphCsv() {
  }

  public static String write(Subgraph g, JsonMapper json) {
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    for (GraphNode n : g.getNodes()) {
      row(out, "node", cell(n.getId()), n.getType().getValue(), cell(n.getName()),
          cell(json.writeValueAsString(n.getProperties() == null ? Map.of() : n.getProperties())),
          n.getPlant() == null ? "" : cell(n.getPlant()));
    }
    for (GraphEdge e : g.getEdges()) {
      row(out, "edge", cell(e.getFrom()), e.getType().getValue(), cell(e.getTo()),
          e.getWeight() == null ? "1" : Double.toString(e.getWeight()), "");
    }
    return out.toString();
  }

  public static Subgraph read(String csv, JsonMapper json) {
    List<GraphNode> nodes = new ArrayList<>();
    List<GraphEdge> edges = new ArrayList<>();
    List<List<String>> rows;
    try {
      rows = Csv.parse(csv);
    } catch (Csv.FormatException e) {
      throw ProblemException.badRequest("line " + e.line(), e.getMessage());
    }
    for (int i = 0; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      String at = "row " + (i + 1);
      if (i == 0 && !r.isEmpty() && r.get(0).equals("kind")) {
        continue;
      }
      if (r.size() == 1 && r.get(0).isBlank()) {
        continue;
      }
      if (r.size() < 4) {
        throw ProblemException.badRequest(at, "expected kind,id_or_from,type,name_or_to[,properties_or_weight[,plant]]");
      }
      r = r.stream().map(GraphCsv::uncell).toList();
      String extra = r.size() > 4 ? r.get(4).trim() : "";
      String plant = r.size() > 5 && !r.get(5).isBlank() ? r.get(5).trim() : null;
      try {
        switch (r.get(0).trim()) {
          case "node" -> nodes.add(new GraphNode(r.get(1).trim(), GraphNode.TypeEnum.fromValue(r.get(2).trim()),
              r.get(3).trim()).plant(plant).properties(extra.isEmpty() ? Map.of()
                  : json.readValue(extra, new TypeReference<Map<String, Object>>() { })));
          case "edge" -> edges.add(new GraphEdge(r.get(1).trim(), GraphEdge.TypeEnum.fromValue(r.get(2).trim()),
              r.get(3).trim()).weight(extra.isEmpty() ? 1 : Double.parseDouble(extra)));
          default -> throw ProblemException.badRequest(at, "kind is node or edge, not '" + r.get(0) + "'");
        }
      } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
        throw ProblemException.badRequest(at, e.getMessage());
      }
    }
    return new Subgraph(nodes, edges);
  }

  /** What starts a formula in a spreadsheet (OWASP CSV injection): such a text cell is written behind a quote. */
  private static final String FORMULA_START = "=+-@\t\r";

  static String cell(String text) {
    return !text.isEmpty() && FORMULA_START.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }

  /** The text a cell of {@link #cell} holds, so an exported graph imports unchanged. */
  static String uncell(String cell) {
    return cell.length() > 1 && cell.charAt(0) == '\'' && FORMULA_START.indexOf(cell.charAt(1)) >= 0
        ? cell.substring(1) : cell;
  }

  private static void row(StringBuilder out, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      String f = fields[i];
      if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
        out.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        out.append(f);
      }
    }
    out.append("\r\n");
  }
}
