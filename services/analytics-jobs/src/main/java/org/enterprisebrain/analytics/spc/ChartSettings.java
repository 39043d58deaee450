package org.enterprisebrain.analytics.spc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import org.enterprisebrain.analytics.model.ChartKey;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.SettingsIndex;
import org.enterprisebrain.messages.SpcSettingsVersion;
import org.enterprisebrain.messages.SpcSettingsVersionLimits;

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
    return new ChartKey(plant, equipment, product, characteristic).id();
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
    SpcSettingsVersion v = Envelope.message(n, SpcSettingsVersion.class);
    java.util.Set<Integer> rules = new java.util.HashSet<>();
    (v.rules() == null ? java.util.Set.<Integer>of() : v.rules()).forEach(r -> {
      if (r != null && r >= 1 && r <= 8) {
        rules.add(r);
      }
    });
    SpcSettingsVersionLimits limits = v.limits();
    ChartSettings s = new ChartSettings(v.plant(), v.equipment(), v.product(), v.characteristic(),
        v.version() == null ? 0 : v.version(), Envelope.millis(v.effectiveFrom()),
        v.baselineSubgroups() == null ? 0 : v.baselineSubgroups(),
        limits == null || limits.center() == null ? Double.NaN : limits.center(),
        limits == null || limits.sigma() == null ? Double.NaN : limits.sigma(),
        v.chartType() == null ? null : v.chartType().value(), SpcRules.mask(rules),
        Math.max(0, Math.min(v.subgroupSize() == null ? 0 : v.subgroupSize(), ChartConstants.LARGEST_TABLED)));
    return s.plant() == null || s.product() == null || s.characteristic() == null || s.version() < 1
        || s.effectiveFrom() < 0 ? null : s;
  }
}
