package org.enterprisebrain.analytics.energy;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * kg CO₂ per unit of each medium, e.g. {@code electricity/kWh=0.5703;natural-gas/Nm3=2.162}. Media without a
 * factor (compressed air, water: their energy is metered as electricity elsewhere) count no emissions.
 */
public final class EmissionFactors implements Serializable {

  private static final long serialVersionUID = 1L;
  private final Map<String, Double> factors;

  private EmissionFactors(Map<String, Double> factors) {
    this.factors = factors;
  }

  public static EmissionFactors parse(String spec) {
    Map<String, Double> factors = new HashMap<>();
    for (String part : spec.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("=");
      if (kv.length != 2 || !kv[0].contains("/")) {
        throw new IllegalArgumentException("emission factor '" + part + "' is not medium/unit=kgCO2");
      }
      factors.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
    }
    return new EmissionFactors(factors);
  }

  /** These factors, with {@code over}'s where it has one for the same medium and unit. */
  public EmissionFactors with(EmissionFactors over) {
    Map<String, Double> merged = new HashMap<>(factors);
    merged.putAll(over.factors);
    return new EmissionFactors(merged);
  }

  /** kg CO₂ per unit; NaN when the medium has no factor. */
  public double kgPerUnit(String medium, String unit) {
    return factors.getOrDefault(medium + '/' + unit, Double.NaN);
  }
}
