package org.enterprisebrain.analytics.health;

import java.util.Map;

/**
 * Statistical anomaly detection on one signal: an exponentially weighted moving mean and variance (the
 * EWMA of Roberts 1959, variance by West's incremental form), a sample more than {@code zLimit} σ from the
 * mean is anomalous once {@code warmUp} samples were seen; and fixed limits per signal name (e.g.
 * {@code spindle.temperature<=60}), which hold from the first sample. Anomalous samples do not move the
 * baseline, so a drifting fault cannot teach the detector that it is normal.
 */
public final class EwmaScorer implements HealthScorer {

  private static final long serialVersionUID = 1L;
  private final double alpha;
  private final double zLimit;
  private final int warmUp;
  private final Map<String, Double> upperLimits;

  public EwmaScorer(double alpha, double zLimit, int warmUp, Map<String, Double> upperLimits) {
    this.alpha = alpha;
    this.zLimit = zLimit;
    this.warmUp = warmUp;
    this.upperLimits = Map.copyOf(upperLimits);
  }

  /** state = {samples, mean, variance} */
  @Override
  public double[] initialState() {
    return new double[3];
  }

  @Override
  public Verdict score(Sample s, double[] state) {
    Double upper = upperLimits.get(s.signal());
    if (upper != null && s.value() > upper) {
      return new Verdict(s.value(), upper, true, "limit");
    }
    double n = state[0], mean = state[1], variance = state[2];
    if (n == 0) {
      state[0] = 1;
      state[1] = s.value();
      return new Verdict(0, zLimit, false, "ewma-z");
    }
    double sd = Math.sqrt(variance);
    double z = sd > 0 ? (s.value() - mean) / sd : 0;
    boolean anomalous = n >= warmUp && Math.abs(z) > zLimit;
    if (!anomalous) {
      double diff = s.value() - mean;
      state[1] = mean + alpha * diff;
      state[2] = (1 - alpha) * (variance + alpha * diff * diff);
    }
    state[0] = n + 1;
    return new Verdict(Math.abs(z), zLimit, anomalous, "ewma-z");
  }
}
