package org.enterprisebrain.analytics.score;

/**
 * A baseline learnt per machine: for each feature an exponentially weighted mean and variance (West's
 * incremental form, as the health job's per-signal scorer); the score is the largest |z| of the row, 0 during
 * warm-up. A row scoring at or above {@code limit} (the deployment's threshold) does not move the baseline,
 * so a developing fault is not learnt as normal.
 *
 * <p>state = {rows seen, mean₀, variance₀, mean₁, variance₁, …}
 */
public record EwmaRowScorer(int features, double alpha, int warmUp, double limit) implements Scorer {

  @Override
  public double[] initialState() {
    return new double[1 + 2 * features];
  }

  @Override
  public double score(float[] x, double[] state) {
    double n = state[0];
    double score = 0;
    if (n > 0) {
      for (int i = 0; i < features; i++) {
        double sd = Math.sqrt(state[2 + 2 * i]);
        score = Math.max(score, sd > 0 ? Math.abs(x[i] - state[1 + 2 * i]) / sd : 0);
      }
    }
    if (n < warmUp) {
      score = 0;
    }
    if (n == 0) {
      for (int i = 0; i < features; i++) {
        state[1 + 2 * i] = x[i];
      }
    } else if (!(score >= limit)) {
      for (int i = 0; i < features; i++) {
        double diff = x[i] - state[1 + 2 * i];
        state[1 + 2 * i] += alpha * diff;
        state[2 + 2 * i] = (1 - alpha) * (state[2 + 2 * i] + alpha * diff * diff);
      }
    }
    state[0] = n + 1;
    return score;
  }
}
