package org.enterprisebrain.assessment.attestations;

import java.time.Instant;

/**
 * A manager's statement that a clause is met to {@code satisfaction}, with an optional attachment; it counts
 * once a reviewer other than the submitter approved it, and until {@code expiresAt}.
 */
public record Attestation(long id, String plant, String clause, String statement, double satisfaction,
    String attachmentName, String attachmentType, Long attachmentBytes, String submittedBy, Instant submittedAt,
    Instant expiresAt, String state, boolean expired, String reviewer, Instant reviewedAt, String reviewComment) {

  public static final String PENDING = "pending";
  public static final String APPROVED = "approved";
  public static final String REJECTED = "rejected";
}
