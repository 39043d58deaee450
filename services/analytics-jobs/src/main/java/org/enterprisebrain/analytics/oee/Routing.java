package org.enterprisebrain.analytics.oee;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.SettingsIndex;

/**
 * One version of a product's routing (工艺路线) as analytics-service sends it on {@code brain.analytics.routings.v1}
 * (schema {@code api-specs/topics/analytics-routings.v1.schema.json}): the ideal cycle time of each operation.
 *
 * @param cycleSeconds ideal seconds per unit by operation
 */
public record Routing(String plant, String product, int version, long effectiveFrom, Map<String, Double> cycleSeconds)
    implements Serializable, SettingsIndex.Version {

  private static final long serialVersionUID = 1L;

  /** What it configures: {@code plant|product}, as the topic's key begins. */
  @Override
  public String scope() {
    return scope(plant, product);
  }

  public static String scope(String plant, String product) {
    return plant + '|' + product;
  }

  /** A version as the topic holds it, or null for one that times nothing a job could use. */
  public static Routing read(JsonNode n) {
    String plant = Envelope.text(n, "plant");
    String product = Envelope.text(n, "product");
    int version = n.path("version").asInt();
    long effectiveFrom;
    try {
      effectiveFrom = Envelope.millis(n.get("effectiveFrom"));
    } catch (RuntimeException e) {
      return null;
    }
    Map<String, Double> cycles = new HashMap<>();
    for (JsonNode o : n.path("operations")) {
      String operation = Envelope.text(o, "operation");
      double seconds = o.path("idealCycleSeconds").asDouble(Double.NaN);
      if (operation != null && Double.isFinite(seconds) && seconds > 0) {
        cycles.put(operation, seconds);
      }
    }
    if (plant == null || product == null || version < 1 || effectiveFrom < 0 || cycles.isEmpty()) {
      return null; // the version before it stays in force
    }
    return new Routing(plant, product, version, effectiveFrom, Map.copyOf(cycles));
  }

  /** The version's JSON as the topic holds it when a job can count with it, else null. */
  public static String readable(JsonNode version) {
    return read(version) == null ? null : version.toString();
  }

  /** Ideal seconds per unit of the operation; NaN when the routing does not time it. */
  public double idealCycleSeconds(String operation) {
    Double seconds = operation == null ? null : cycleSeconds.get(operation);
    return seconds == null ? Double.NaN : seconds;
  }
}
