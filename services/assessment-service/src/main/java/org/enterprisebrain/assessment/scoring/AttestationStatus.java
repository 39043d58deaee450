package org.enterprisebrain.assessment.scoring;

/**
 * The attestations of one clause at one moment: the best satisfaction an approved, unexpired attestation
 * gives ({@code holding}), and the best one still pending review or expired ({@code pending}), which counts
 * only in the optimistic end of the confidence range.
 */
public record AttestationStatus(Double holding, Long holdingId, Double pending, Long pendingId, boolean expired,
    boolean rejected) {

  public static final AttestationStatus NONE = new AttestationStatus(null, null, null, null, false, false);
}
