package org.enterprisebrain.analytics.score;

/**
 * One model, ready to score rows of features in the model's order. A model that learns per machine (EWMA)
 * keeps its state in {@code state}, which the job holds in keyed state per machine and deployment version.
 */
public interface Scorer extends AutoCloseable {

  double score(float[] features, double[] state) throws Exception;

  /** The state of a machine not yet seen; none for a model that does not learn. */
  default double[] initialState() {
    return new double[0];
  }

  @Override
  default void close() throws Exception {
  }
}
