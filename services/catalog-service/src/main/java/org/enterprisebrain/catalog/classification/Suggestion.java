package org.enterprisebrain.catalog.classification;

/**
 * An automated label proposed for one field, with the evidence a reviewer needs to confirm or reject it.
 * The label itself (category, grade, personal, sensitive) is the recognizer's, so it cannot drift from it.
 *
 * @param field the field's name as sampled (a JSON pointer stays a pointer)
 * @param sampled non-blank values examined
 * @param matched values the recognizer accepted
 * @param matchedShare {@code matched / sampled}
 * @param nameHint whether the field's name hints this recognizer
 * @param confidence in [0, 1]; grows with the share and the sample size, plus a bonus for a name hint
 * @param reason one English sentence saying why, for the review queue and the audit trail
 */
public record Suggestion(String field, Recognizer recognizer, int sampled, int matched, double matchedShare,
    boolean nameHint, double confidence, String reason) {

  public String category() {
    return recognizer.category();
  }

  public String grade() {
    return recognizer.grade();
  }

  public boolean personal() {
    return recognizer.personal();
  }

  public boolean sensitive() {
    return recognizer.sensitive();
  }
}
