package org.enterprisebrain.analytics.energy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.SettingsIndex;

/**
 * One version of a plant's energy settings as analytics-service sends it on
 * {@code brain.analytics.energy-settings.v1} (schema {@code api-specs/topics/analytics-energy-settings.v1.schema.json}):
 * its time-of-use tariff with the price of each period, and its emission factors, from {@code effectiveFrom} on.
 * What a version leaves out is the job's default ({@link #defaults}): no tariff, the default tariff; a factor
 * for a medium and unit it does not name, the default factor.
 *
 * @param prices per {@link TariffTable#PERIODS}; null: no prices, no cost
 */
public record EnergySettings(String plant, int version, long effectiveFrom, TariffTable tariff, EmissionFactors factors,
    double[] prices, String currency) implements Serializable, SettingsIndex.Version {

  private static final long serialVersionUID = 1L;

  /** The job's settings for a plant without any version. */
  public static EnergySettings defaults(TariffTable tariff, EmissionFactors factors) {
    return new EnergySettings(null, 0, Long.MIN_VALUE, tariff, factors, null, null);
  }

  /** A version as the topic holds it, with the defaults for what it leaves out; null for one a job cannot use. */
  public static EnergySettings read(JsonNode n, EnergySettings defaults) {
    try {
      String plant = Envelope.text(n, "plant");
      int version = n.path("version").asInt();
      long effectiveFrom = Envelope.millis(n.get("effectiveFrom"));
      if (plant == null || version < 1 || effectiveFrom < 0) {
        return null;
      }
      String zone = n.path("zone").asText("Asia/Shanghai");
      TariffTable tariff = defaults.tariff;
      double[] prices = null;
      String currency = null;
      JsonNode t = n.path("tariff");
      if (t.isObject()) {
        // as TariffTable reads its setting: period:HH:MM-HH:MM,…;…
        Map<String, List<String>> spans = new LinkedHashMap<>();
        for (JsonNode span : t.path("periods")) {
          spans.computeIfAbsent(span.path("period").asText(), p -> new ArrayList<>())
              .add(span.path("start").asText() + '-' + span.path("end").asText());
        }
        StringBuilder spec = new StringBuilder();
        spans.forEach((period, list) -> spec.append(period).append(':').append(String.join(",", list)).append(';'));
        tariff = TariffTable.parse(spec.toString(), zone);
        JsonNode p = t.path("prices");
        if (p.isObject()) {
          prices = TariffTable.PERIODS.stream().mapToDouble(period -> p.path(period).asDouble(Double.NaN)).toArray();
          currency = t.path("currency").asText("CNY");
        }
      }
      EmissionFactors factors = defaults.factors;
      if (n.path("emissionFactors").isArray()) {
        StringBuilder spec = new StringBuilder();
        for (JsonNode f : n.path("emissionFactors")) {
          spec.append(f.path("medium").asText()).append('/').append(f.path("unit").asText()).append('=')
              .append(f.path("kgCo2PerUnit").asDouble()).append(';');
        }
        factors = defaults.factors.with(EmissionFactors.parse(spec.toString()));
      }
      return new EnergySettings(plant, version, effectiveFrom, tariff, factors, prices, currency);
    } catch (RuntimeException e) {
      return null; // a version the job cannot read judges nothing: the one before it stays in force
    }
  }

  /** A version's JSON as the topic holds it when a job can use it, else null. */
  public static String readable(JsonNode version) {
    return read(version, defaults(TariffTable.parse("", "UTC"), EmissionFactors.parse(""))) == null ? null
        : version.toString();
  }

  /** A plant's settings are the plant's alone. */
  @Override
  public String scope() {
    return plant;
  }

  /** Σ consumption × price over the periods of {@code slots} (per {@link TariffTable#PERIODS}); NaN without prices. */
  public double cost(double[] slots) {
    if (prices == null) {
      return Double.NaN;
    }
    double cost = 0;
    for (int i = 0; i < prices.length; i++) {
      cost += slots[i] * prices[i];
    }
    return cost;
  }
}
