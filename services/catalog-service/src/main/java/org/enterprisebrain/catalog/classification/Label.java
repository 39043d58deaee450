package org.enterprisebrain.catalog.classification;

import java.time.Instant;
import org.enterprisebrain.catalog.scheme.Grade;

/**
 * A classification label on one field of an entity (optionally of one source system's data), with the
 * evidence for it and who decided it. Automated labels start {@code SUGGESTED}; a data engineer confirms
 * them, or proposes to reject them ({@code REJECTION_PROPOSED}, still protecting) and a second data engineer
 * rejects them; a confirm at a lower grade is likewise proposed ({@code DOWNGRADE_PROPOSED}, protecting at the
 * label's grade until a second data engineer confirms the proposed one); 重要/核心 only ever come from the authority ({@code RECOGNIZED}, reference recorded).
 */
public record Label(long id, String entity, String source, String pointer, String category, Grade grade,
    boolean personal, boolean sensitive, Method method, State state, String recognizer, Integer sampled,
    Integer matched, Double matchedShare, Double confidence, String reason, String reviewFlag,
    String authorityReference, Instant createdAt, String createdBy, Instant decidedAt, String decidedBy,
    String comment, Grade proposedGrade, String proposedCategory) {

  public enum Method { AUTOMATED, MANUAL }

  public enum State {
    SUGGESTED, CONFIRMED, DOWNGRADE_PROPOSED, REJECTION_PROPOSED, REJECTED, RECOGNIZED;

    /** The one code of the state, in the database and the API ({@code rejection-proposed}). */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static State of(String code) {
      return valueOf(code.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
  }

  /** What a new label says before it has an id and a decision. */
  public record Proposal(String entity, String source, String pointer, String category, Grade grade,
      boolean personal, boolean sensitive, String recognizer, int sampled, int matched, double matchedShare,
      double confidence, String reason, String reviewFlag, String createdBy) {
  }

  /** Suggested labels protect too: a field that looks like ID numbers is masked before anyone reviewed it. */
  public boolean protects() {
    return state != State.REJECTED;
  }
}
