package org.enterprisebrain.analytics.oee;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.analytics.model.SettingsScope;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.SettingsIndex;
import org.enterprisebrain.messages.RoutingVersion;
import org.enterprisebrain.messages.RoutingVersionOperationsInner;

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
    return SettingsScope.routing(plant, product);
  }

  /** A version as the topic holds it, or null for one that times nothing a job could use. */
  public static Routing read(JsonNode n) {
    RoutingVersion v;
    try {
      v = Envelope.message(n, RoutingVersion.class);
    } catch (RuntimeException e) {
      return null;
    }
    String plant = v.plant();
    String product = v.product();
    int version = v.version() == null ? 0 : v.version();
    long effectiveFrom = Envelope.millis(v.effectiveFrom());
    Map<String, Double> cycles = new HashMap<>();
    for (RoutingVersionOperationsInner o : v.operations() == null ? List.<RoutingVersionOperationsInner>of()
        : v.operations()) {
      Double seconds = o.idealCycleSeconds();
      if (o.operation() != null && seconds != null && Double.isFinite(seconds) && seconds > 0) {
        cycles.put(o.operation(), seconds);
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
