package org.enterprisebrain.analytics.service.spc;

import java.time.Instant;
import java.util.List;
import org.enterprisebrain.analytics.model.ChartKey;
import org.enterprisebrain.analytics.service.api.model.SpcChartSettings;
import org.enterprisebrain.analytics.service.api.model.SpcChartSettingsVersion;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.results.Selection;
import org.enterprisebrain.analytics.service.settings.SettingsVersions;
import org.enterprisebrain.messages.SpcSettingsVersion;
import org.enterprisebrain.messages.SpcSettingsVersionLimits;
import org.enterprisebrain.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Versions of a chart's settings ({@link SettingsVersions}): each change is checked, kept in
 * {@code <prefix>spc-settings} (who, when, why: the chart's history of limits) and sent on the compacted
 * settings topic, where the SPC job reads it as a broadcast stream.
 */
@Service
public class ChartSettingsService {

  static final String INDEX = "spc-settings";

  private final SettingsVersions versions;

  public ChartSettingsService(ResultStore store, KafkaTemplate<String, String> kafka,
      @Value("${brain.analytics.spc-settings-topic}") String topic) {
    this.versions = new SettingsVersions(store, kafka, topic, INDEX, "the chart's settings", "chart");
  }


  public SpcChartSettingsVersion change(SpcChartSettings change) {
    String plant = SettingsVersions.plant(change.getPlant());
    String product = required("product", change.getProduct());
    String characteristic = required("characteristic", change.getCharacteristic());
    String reason = SettingsVersions.reason(change.getReason());
    if (change.getEquipment() != null && change.getEquipment().isBlank()) {
      throw ProblemException.badRequest("equipment", "leave it out for a chart that names no machine");
    }
    Integer baseline = change.getBaselineSubgroups();
    if (baseline != null && (baseline < 2 || baseline > 500)) {
      throw ProblemException.badRequest("baselineSubgroups", "between 2 and 500 subgroups, was " + baseline);
    }
    if (change.getLimits() != null) {
      if (baseline != null) {
        throw ProblemException.badRequest("limits", "limits are given or estimated from a phase I: not both");
      }
      Double center = change.getLimits().getCenter(), sigma = change.getLimits().getSigma();
      if (center == null || !Double.isFinite(center)) {
        throw ProblemException.badRequest("limits/center", "a number is required");
      }
      if (sigma == null || !Double.isFinite(sigma) || sigma <= 0) {
        throw ProblemException.badRequest("limits/sigma", "a σ above 0 is required");
      }
    }
    Integer subgroupSize = change.getSubgroupSize();
    if (subgroupSize != null && (subgroupSize < 2 || subgroupSize > 25)) {
      throw ProblemException.badRequest("subgroupSize", "2 to 25 values, was " + subgroupSize);
    }
    java.util.TreeSet<Integer> rules = new java.util.TreeSet<>();
    if (change.getRules() != null) { // none given (the generated model's empty list): the job's default
      for (int i = 0; i < change.getRules().size(); i++) {
        Integer rule = change.getRules().get(i);
        if (rule == null || rule < 1 || rule > 8) {
          throw ProblemException.badRequest("rules/" + i, "a test of GB/T 17989.2, 1 to 8, was " + rule);
        }
        rules.add(rule);
      }
    }
    Instant from = versions.effectiveFrom(change.getEffectiveFrom());
    String chart = chart(plant, change.getEquipment(), product, characteristic);
    String equipment = change.getEquipment();
    SpcSettingsVersion.ChartTypeEnum chartType = change.getChartType() == null ? null
        : SpcSettingsVersion.ChartTypeEnum.fromValue(change.getChartType().getValue());
    SpcSettingsVersionLimits limits = change.getLimits() == null ? null
        : new SpcSettingsVersionLimits(change.getLimits().getCenter(), change.getLimits().getSigma());
    java.util.Set<Integer> tests = rules.isEmpty() ? null : rules;
    return ResultStore.JSON.convertValue(versions.record(chart, v -> new SpcSettingsVersion(plant, equipment, product,
        characteristic, v.version(), v.effectiveFrom(), baseline, limits, subgroupSize, chartType, tests, v.reason(),
        v.changedAt(), v.changedBy()), from, reason), SpcChartSettingsVersion.class);
  }

  public List<SpcChartSettingsVersion> history(String plant, String equipment, String product, String characteristic) {
    Selection.of(plant, null, null);
    return versions.history(chart(plant, equipment, product, characteristic)).stream()
        .map(d -> ResultStore.JSON.convertValue(d, SpcChartSettingsVersion.class)).toList();
  }

  /** As the SPC job keys its charts. */
  static String chart(String plant, String equipment, String product, String characteristic) {
    return new ChartKey(plant, equipment, product, characteristic).id();
  }

  static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest(field, field + " is required");
    }
    return value;
  }
}
