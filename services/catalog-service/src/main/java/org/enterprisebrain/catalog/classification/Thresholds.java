package org.enterprisebrain.catalog.classification;

/**
 * How much value evidence a suggestion needs. Shares are of the non-blank sampled values. A name hint
 * lowers the share required (columns such as 联系电话 legitimately mix in landlines or placeholders) but
 * never replaces values: a hint without enough matching values yields nothing.
 *
 * @param share share required without a name hint
 * @param shareWithHint share required when the field's name hints the recognizer
 * @param nameShare share required of {@link Recognizer#PERSON_NAME_ZH} without a hint: short Han words
 *     (车间, 白班, 黄铜) often start with a surname character, so names need a clearer majority
 * @param nameShareWithHint the same with a name hint
 * @param smallSample below this many non-blank values, every value must match and the name must hint
 * @param hintBonus what a name hint adds to the confidence
 */
public record Thresholds(double share, double shareWithHint, double nameShare, double nameShareWithHint,
    int smallSample, double hintBonus) {

  public static final Thresholds DEFAULTS = new Thresholds(0.8, 0.5, 0.9, 0.7, 3, 0.15);

  public Thresholds {
    requireShare("share", share);
    requireShare("shareWithHint", shareWithHint);
    requireShare("nameShare", nameShare);
    requireShare("nameShareWithHint", nameShareWithHint);
    if (smallSample < 1) {
      throw new IllegalArgumentException("smallSample must be at least 1, was " + smallSample);
    }
    if (!(hintBonus >= 0 && hintBonus <= 0.5)) {
      throw new IllegalArgumentException("hintBonus must be within [0, 0.5], was " + hintBonus);
    }
  }

  /** The share of values that must match for the recognizer to be suggested. */
  public double required(Recognizer recognizer, boolean nameHint) {
    if (recognizer == Recognizer.PERSON_NAME_ZH) {
      return nameHint ? nameShareWithHint : nameShare;
    }
    return nameHint ? shareWithHint : share;
  }

  private static void requireShare(String what, double value) {
    // a share of 0 would let a field with no matching value through
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(what + " must be within (0, 1], was " + value);
    }
  }
}
