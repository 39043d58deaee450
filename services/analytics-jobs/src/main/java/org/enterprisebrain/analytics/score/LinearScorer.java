package org.enterprisebrain.analytics.score;

/** The registry's declarative linear model: link(bias + Σ wᵢxᵢ), link identity or logistic. */
public record LinearScorer(double[] weights, double bias, boolean logistic) implements Scorer {

  @Override
  public double score(float[] x, double[] state) {
    double z = bias;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * x[i];
    }
    return logistic ? 1 / (1 + Math.exp(-z)) : z;
  }
}
