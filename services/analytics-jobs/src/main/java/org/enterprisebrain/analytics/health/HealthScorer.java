package org.enterprisebrain.analytics.health;

import java.io.Serializable;

/**
 * How a signal is judged, sample by sample, on its own: the statistical scorer ({@link EwmaScorer}) needs no
 * model. Models from the registry, which judge several signals of a machine together, score in the
 * {@code score} job (ScoreProcess) instead.
 */
public interface HealthScorer extends Serializable {

  /** A verdict on one sample: its score (|z| for the EWMA scorer), and the limit it was held against. */
  record Verdict(double score, double limit, boolean anomalous, String rule) {}

  /** Judges the sample against {@code state} and returns the updated state in {@code state} itself. */
  Verdict score(Sample sample, double[] state);

  /** A new, empty state for one signal. */
  double[] initialState();
}
