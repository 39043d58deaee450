package org.enterprisebrain.analytics.service.energy;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enterprisebrain.analytics.service.api.EnergyApi;
import org.enterprisebrain.analytics.service.api.model.EnergyHour;
import org.enterprisebrain.analytics.service.api.model.EnergySettings;
import org.enterprisebrain.analytics.service.api.model.EnergySettingsVersion;
import org.enterprisebrain.analytics.service.api.model.EnergySummary;
import org.enterprisebrain.analytics.service.api.model.EnergyTotal;
import org.enterprisebrain.analytics.service.api.model.TariffSplit;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.results.Selection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
public class EnergyController implements EnergyApi {

  static final Set<String> MEDIA = Set.of("electricity", "water", "natural-gas", "steam", "compressed-air", "coal",
      "diesel", "other");
  private final ResultStore results;
  private final EnergySettingsService settings;

  public EnergyController(ResultStore results, EnergySettingsService settings) {
    this.results = results;
    this.settings = settings;
  }

  @Override
  public ResponseEntity<EnergySettingsVersion> changeEnergySettings(EnergySettings change) {
    return ResponseEntity.accepted().body(settings.change(change));
  }

  @Override
  public ResponseEntity<List<EnergySettingsVersion>> listEnergySettings(String plant) {
    return ResponseEntity.ok(settings.history(plant));
  }

  @Override
  public ResponseEntity<List<EnergyHour>> listEnergy(String plant, String line, String meter, String medium,
      OffsetDateTime from, OffsetDateTime to, Integer size) {
    Selection s = Selection.of(plant, from, to).where("line", line).where("meter", meter)
        .where("medium", Selection.oneOf("medium", medium, MEDIA));
    return ResponseEntity.ok(results.search("energy", s.query("start"), "start", false, Selection.size(size)).stream()
        .map(d -> results.as(d, EnergyHour.class)).toList());
  }

  /**
   * Totals per medium over the range, and the electricity of the lines' meters per good unit the lines made
   * in the same hours (good units from the line OEE results).
   */
  @Override
  public ResponseEntity<EnergySummary> summarizeEnergy(String plant, String line, OffsetDateTime from, OffsetDateTime to) {
    Selection s = Selection.of(plant, from, to).where("line", line);
    Map<String, EnergyTotal> media = new LinkedHashMap<>();
    double co2 = 0, lineKwh = 0;
    for (JsonNode hour : results.searchAll("energy", s.query("start"), "start")) {
      String medium = hour.path("medium").asString(), unit = hour.path("unit").asString();
      EnergyTotal total = media.computeIfAbsent(medium + '/' + unit, k -> new EnergyTotal(medium, unit, 0.0)
          .byTariff(new TariffSplit().sharp(0.0).peak(0.0).flat(0.0).valley(0.0)));
      double consumption = hour.path("consumption").asDouble();
      total.consumption(total.getConsumption() + consumption);
      JsonNode t = hour.path("byTariff");
      TariffSplit split = total.getByTariff();
      split.sharp(split.getSharp() + t.path("sharp").asDouble()).peak(split.getPeak() + t.path("peak").asDouble())
          .flat(split.getFlat() + t.path("flat").asDouble()).valley(split.getValley() + t.path("valley").asDouble());
      if (hour.has("co2Kg")) {
        double kg = hour.path("co2Kg").asDouble();
        total.co2Kg((total.getCo2Kg() == null ? 0 : total.getCo2Kg()) + kg);
        co2 += kg;
      }
      if (hour.hasNonNull("line") && medium.equals("electricity")) {
        lineKwh += unit.equals("MWh") ? consumption * 1000 : consumption;
      }
    }
    Selection lines = Selection.of(plant, from, to).where("level", "line").where("period", "hour").where("line", line);
    long good = 0;
    for (JsonNode hour : results.searchAll("oee", lines.query("start"), "start")) {
      // a line delivers its last operation's good parts; Σ good counts a part once per station
      good += hour.has("output") ? hour.path("output").asLong() : hour.path("good").asLong();
    }
    EnergySummary summary = new EnergySummary(s.from(), s.to(), List.copyOf(media.values()), co2, good);
    if (good > 0) {
      summary.kwhPerGoodUnit(lineKwh / good).co2KgPerGoodUnit(co2 / good);
    }
    return ResponseEntity.ok(summary);
  }
}
