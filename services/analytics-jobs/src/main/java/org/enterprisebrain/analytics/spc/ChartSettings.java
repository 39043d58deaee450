package org.enterprisebrain.analytics.spc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.SettingsIndex;

/**
 * One version of a chart's settings, as analytics-service sends it on {@code brain.analytics.spc-settings.v1}
 * (schema {@code api-specs/topics/analytics-spc-settings.v1.schema.json}, read through
 * {@link org.enterprisebrain.analytics.stream.SettingsTopic}): from {@code effectiveFrom} on, the
 * chart's limits are the ones given, or are estimated from a new phase I of {@code baselineSubgroups}.
 *
 * @param baselineSubgroups 0: the job's default
 * @param sigma             NaN: no limits given
 * @param chartType         xbar-r or xbar-s for a chart of subgroups; null: by the subgroup size
 * @param rules             the tests for special causes as a {@link SpcRules#mask}; 0: the job's default
 * @param subgroupSize      values that complete a subgroup of this chart; 0: the job's default
 */
public record ChartSettings(String plant, String equipment, String product, String characteristic, int version,
    long effectiveFrom, int baselineSubgroups, double center, double sigma, String chartType, int rules,
    int subgroupSize)
    implements Serializable, SettingsIndex.Version {

  /** The chart it is about, as {@link Measurement#key()} names it. */
  public String chart() {
    return plant + '|' + (equipment == null ? "" : equipment) + '|' + product + '|' + characteristic;
  }

  /** Settings are the chart's. */
  @Override
  public String scope() {
    return chart();
  }

  public boolean givenLimits() {
    return Double.isFinite(sigma);
  }

  /** A version as the topic holds it, or null for one that governs nothing. */
  public static ChartSettings read(JsonNode n) {
    JsonNode limits = n.path("limits");
    java.util.Set<Integer> rules = new java.util.HashSet<>();
    n.path("rules").forEach(r -> {
      if (r.asInt() >= 1 && r.asInt() <= 8) {
        rules.add(r.asInt());
      }
    });
    ChartSettings s = new ChartSettings(Envelope.text(n, "plant"), Envelope.text(n, "equipment"),
        Envelope.text(n, "product"), Envelope.text(n, "characteristic"), n.path("version").asInt(),
        Envelope.millis(n.get("effectiveFrom")), n.path("baselineSubgroups").asInt(0),
        limits.isObject() ? limits.path("center").asDouble() : Double.NaN,
        limits.isObject() ? limits.path("sigma").asDouble() : Double.NaN, Envelope.text(n, "chartType"),
        SpcRules.mask(rules), Math.max(0, Math.min(n.path("subgroupSize").asInt(0), ChartConstants.LARGEST_TABLED)));
    return s.plant() == null || s.product() == null || s.characteristic() == null || s.version() < 1
        || s.effectiveFrom() < 0 ? null : s;
  }
}
