package org.enterprisebrain.analytics.energy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.SettingsIndex;
import org.enterprisebrain.messages.EnergySettingsVersion;
import org.enterprisebrain.messages.EnergySettingsVersionEmissionFactorsInner;
import org.enterprisebrain.messages.EnergySettingsVersionTariff;
import org.enterprisebrain.messages.EnergySettingsVersionTariffPeriodsInner;
import org.enterprisebrain.messages.EnergySettingsVersionTariffPrices;

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
      EnergySettingsVersion v = Envelope.message(n, EnergySettingsVersion.class);
      int version = v.version() == null ? 0 : v.version();
      long effectiveFrom = Envelope.millis(v.effectiveFrom());
      if (v.plant() == null || version < 1 || effectiveFrom < 0) {
        return null;
      }
      String zone = v.zone() == null ? "Asia/Shanghai" : v.zone();
      TariffTable tariff = defaults.tariff;
      double[] prices = null;
      String currency = null;
      EnergySettingsVersionTariff t = v.tariff();
      if (t != null) {
        // as TariffTable reads its setting: period:HH:MM-HH:MM,…;…
        Map<String, List<String>> spans = new LinkedHashMap<>();
        for (EnergySettingsVersionTariffPeriodsInner span : t.periods() == null
            ? List.<EnergySettingsVersionTariffPeriodsInner>of() : t.periods()) {
          spans.computeIfAbsent(span.period().value(), p -> new ArrayList<>()).add(span.start() + '-' + span.end());
        }
        StringBuilder spec = new StringBuilder();
        spans.forEach((period, list) -> spec.append(period).append(':').append(String.join(",", list)).append(';'));
        tariff = TariffTable.parse(spec.toString(), zone);
        EnergySettingsVersionTariffPrices p = t.prices();
        if (p != null) {
          prices = TariffTable.PERIODS.stream().mapToDouble(period -> price(p, period)).toArray();
          currency = t.currency() == null ? "CNY" : t.currency();
        }
      }
      EmissionFactors factors = defaults.factors;
      if (v.emissionFactors() != null) {
        StringBuilder spec = new StringBuilder();
        for (EnergySettingsVersionEmissionFactorsInner f : v.emissionFactors()) {
          spec.append(f.medium()).append('/').append(f.unit()).append('=')
              .append(f.kgCo2PerUnit() == null ? 0.0 : f.kgCo2PerUnit()).append(';');
        }
        factors = defaults.factors.with(EmissionFactors.parse(spec.toString()));
      }
      return new EnergySettings(v.plant(), version, effectiveFrom, tariff, factors, prices, currency);
    } catch (RuntimeException e) {
      return null; // a version the job cannot read judges nothing: the one before it stays in force
    }
  }

  /** A period's price (TariffTable.PERIODS names them); NaN when the version gives none. */
  private static double price(EnergySettingsVersionTariffPrices prices, String period) {
    Double price = switch (period) {
      case "sharp" -> prices.sharp();
      case "peak" -> prices.peak();
      case "flat" -> prices.flat();
      case "valley" -> prices.valley();
      default -> null;
    };
    return price == null ? Double.NaN : price;
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
