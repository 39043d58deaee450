package org.enterprisebrain.analytics.service.energy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.enterprisebrain.analytics.service.api.model.EmissionFactor;
import org.enterprisebrain.analytics.service.api.model.EnergySettings;
import org.enterprisebrain.analytics.service.api.model.EnergySettingsVersion;
import org.enterprisebrain.analytics.service.api.model.Tariff;
import org.enterprisebrain.analytics.service.api.model.TariffPrices;
import org.enterprisebrain.analytics.service.api.model.TariffSpan;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.results.Selection;
import org.enterprisebrain.analytics.service.settings.SettingsVersions;
import org.enterprisebrain.messages.EnergySettingsVersionEmissionFactorsInner;
import org.enterprisebrain.messages.EnergySettingsVersionTariff;
import org.enterprisebrain.messages.EnergySettingsVersionTariffPeriodsInner;
import org.enterprisebrain.messages.EnergySettingsVersionTariffPrices;
import org.enterprisebrain.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Versions of a plant's energy settings ({@link SettingsVersions}): its time-of-use tariff with prices and its
 * emission factors, checked, kept in {@code <prefix>energy-settings} with who, when and why, and sent on the
 * compacted energy settings topic, where the energy job reads them as a broadcast stream.
 */
@Service
public class EnergySettingsService {

  static final String INDEX = "energy-settings";
  private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

  private final SettingsVersions versions;

  public EnergySettingsService(ResultStore store, KafkaTemplate<String, String> kafka,
      @Value("${brain.analytics.energy-settings-topic}") String topic) {
    this.versions = new SettingsVersions(store, kafka, topic, INDEX, "the plant's energy settings", "plant");
  }


  public EnergySettingsVersion change(EnergySettings change) {
    String plant = SettingsVersions.plant(change.getPlant());
    String reason = SettingsVersions.reason(change.getReason());
    String zone = SettingsVersions.zone(change.getZone());
    List<EmissionFactor> factors = change.getEmissionFactors() == null ? List.of() : change.getEmissionFactors();
    if (change.getTariff() == null && factors.isEmpty()) {
      throw ProblemException.badRequest("tariff", "a tariff, emission factors or both");
    }
    Instant from = versions.effectiveFrom(change.getEffectiveFrom());
    EnergySettingsVersionTariff tariff = change.getTariff() == null ? null : tariff(change.getTariff());
    List<EnergySettingsVersionEmissionFactorsInner> emissionFactors = factors.isEmpty() ? null : factors(factors);
    return ResultStore.JSON.convertValue(versions.record(plant, v -> new org.enterprisebrain.messages.EnergySettingsVersion(
        plant, zone, v.version(), v.effectiveFrom(), tariff, emissionFactors, v.reason(), v.changedAt(), v.changedBy()),
        from, reason), EnergySettingsVersion.class);
  }

  public List<EnergySettingsVersion> history(String plant) {
    Selection.of(plant, null, null);
    return versions.history(plant).stream()
        .map(d -> ResultStore.JSON.convertValue(d, EnergySettingsVersion.class)).toList();
  }

  private static EnergySettingsVersionTariff tariff(Tariff tariff) {
    List<EnergySettingsVersionTariffPeriodsInner> periods = new ArrayList<>();
    List<TariffSpan> spans = tariff.getPeriods() == null ? List.of() : tariff.getPeriods();
    if (spans.isEmpty() || spans.size() > 24) {
      throw ProblemException.badRequest("tariff/periods", "1 to 24 spans of the day");
    }
    boolean[] taken = new boolean[1440];
    for (int i = 0; i < spans.size(); i++) {
      TariffSpan span = spans.get(i);
      String at = "tariff/periods/" + i;
      if (span.getPeriod() == null) {
        throw ProblemException.badRequest(at + "/period", "sharp, peak, flat or valley");
      }
      int start = SettingsVersions.minutes(at + "/start", span.getStart(), SettingsVersions.MINUTE, "HH:MM");
      int end = SettingsVersions.minutes(at + "/end", span.getEnd(), SettingsVersions.MINUTE, "HH:MM");
      if (start == end) {
        throw ProblemException.badRequest(at + "/end", "a span ends after it starts (before it: across midnight)");
      }
      for (int m = start; m != end; m = (m + 1) % 1440) {
        if (taken[m]) {
          throw ProblemException.badRequest(at, span.getStart() + "–" + span.getEnd() + " overlaps an earlier span");
        }
        taken[m] = true;
      }
      periods.add(new EnergySettingsVersionTariffPeriodsInner(
          EnergySettingsVersionTariffPeriodsInner.PeriodEnum.fromValue(span.getPeriod().getValue()), span.getStart(),
          span.getEnd()));
    }
    TariffPrices prices = tariff.getPrices();
    if (prices == null) {
      return new EnergySettingsVersionTariff(periods, null, null);
    }
    EnergySettingsVersionTariffPrices p = new EnergySettingsVersionTariffPrices(price("sharp", prices.getSharp()),
        price("peak", prices.getPeak()), price("flat", prices.getFlat()), price("valley", prices.getValley()));
    String currency = tariff.getCurrency() == null ? "CNY" : tariff.getCurrency();
    if (!CURRENCY.matcher(currency).matches()) {
      throw ProblemException.badRequest("tariff/currency", "an ISO 4217 code (CNY), was " + currency);
    }
    return new EnergySettingsVersionTariff(periods, p, currency);
  }

  private static Double price(String period, Double price) {
    if (price == null || !Double.isFinite(price) || price < 0) {
      throw ProblemException.badRequest("tariff/prices/" + period, "a price of 0 or more per unit, was " + price);
    }
    return price;
  }

  private static List<EnergySettingsVersionEmissionFactorsInner> factors(List<EmissionFactor> factors) {
    if (factors.size() > 50) {
      throw ProblemException.badRequest("emissionFactors", "at most 50 factors");
    }
    List<EnergySettingsVersionEmissionFactorsInner> out = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (int i = 0; i < factors.size(); i++) {
      EmissionFactor f = factors.get(i);
      String at = "emissionFactors/" + i;
      if (f.getMedium() == null) {
        throw ProblemException.badRequest(at + "/medium", "the medium is required");
      }
      if (f.getUnit() == null || f.getUnit().isBlank() || f.getUnit().length() > 16 || f.getUnit().contains("/")
          || f.getUnit().contains("=") || f.getUnit().contains(";")) {
        throw ProblemException.badRequest(at + "/unit", "the unit the meters report (kWh, Nm3 …), was " + f.getUnit());
      }
      Double kg = f.getKgCo2PerUnit();
      if (kg == null || !Double.isFinite(kg) || kg < 0) {
        throw ProblemException.badRequest(at + "/kgCo2PerUnit", "kg CO₂ of 0 or more per unit, was " + kg);
      }
      if (!named.add(f.getMedium().getValue() + '/' + f.getUnit())) {
        throw ProblemException.badRequest(at, f.getMedium().getValue() + " in " + f.getUnit() + " has a factor already");
      }
      out.add(new EnergySettingsVersionEmissionFactorsInner(f.getMedium().getValue(), f.getUnit(), kg));
    }
    return out;
  }
}
