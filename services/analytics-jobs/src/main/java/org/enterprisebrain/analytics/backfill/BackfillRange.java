package org.enterprisebrain.analytics.backfill;

import java.time.Instant;
import java.util.Objects;

/**
 * One plant's history to recompute: every result whose period overlaps [{@code from}, {@code to}).
 *
 * @param plant the plant whose records are read; no other plant's results are touched
 */
public record BackfillRange(String plant, Instant from, Instant to) implements java.io.Serializable {

  public BackfillRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (plant == null || plant.isBlank()) {
      throw new IllegalArgumentException("plant: required");
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("to: must be after from (" + from + ")");
    }
  }

  /** Whether a result of [start, end) is this range's (an instant is a period of no length). */
  public boolean overlaps(long start, long end) {
    return start < to.toEpochMilli() && (end > from.toEpochMilli() || start >= from.toEpochMilli());
  }
}
