package org.enterprisebrain.analytics.score;

/** One model, ready to score rows of features in the model's order. */
public interface Scorer extends AutoCloseable {

  double score(float[] features) throws Exception;

  @Override
  default void close() throws Exception {
  }
}
