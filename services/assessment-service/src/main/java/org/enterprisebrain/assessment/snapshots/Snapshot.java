package org.enterprisebrain.assessment.snapshots;

import org.enterprisebrain.assessment.scoring.Evaluation;

/** A kept evaluation, whole. */
public record Snapshot(SnapshotSummary summary, Evaluation evaluation) {
}
