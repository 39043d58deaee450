package org.enterprisebrain.analytics.score;

/** Fixed limits: the score is the largest xᵢ ÷ upperᵢ, so 1 or more means some feature reached its limit. */
public record ThresholdScorer(double[] upper) implements Scorer {

  @Override
  public double score(float[] x, double[] state) {
    double score = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < upper.length; i++) {
      score = Math.max(score, x[i] / upper[i]);
    }
    return score;
  }
}
