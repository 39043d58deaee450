package org.enterprisebrain.analytics.spc;

/**
 * One plotted point's statistics: n values with their mean, range, standard deviation and sum of squared
 * deviations from the mean (m2, so subgroups combine exactly into an overall standard deviation).
 */
public record Subgroup(String id, long at, int n, double mean, double range, double sd, double m2) {

  public static Subgroup of(String id, long at, double... values) {
    double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double mean = sum / values.length, m2 = 0;
    for (double v : values) {
      m2 += (v - mean) * (v - mean);
    }
    double sd = values.length > 1 ? Math.sqrt(m2 / (values.length - 1)) : Double.NaN;
    return new Subgroup(id, at, values.length, mean, max - min, sd, m2);
  }
}
