package org.enterprisebrain.assessment.snapshots;

import java.time.Instant;
import org.enterprisebrain.assessment.scoring.Evaluation.Range;

/** A kept evaluation's headline: when, by whom, with which catalogue and profile, what level and score. */
public record SnapshotSummary(long id, String plant, Instant takenAt, String takenBy, int catalogueVersion,
    int profileVersion, String level, double score, Range range) {
}
