package org.enterprisebrain.ingestion.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.enterprisebrain.ingestion.api.model.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * Whether an accepted record is older than the live analytics take (their allowed lateness). Such a record
 * is history: stored on Kafka like any other, but the jobs drop it once their event time has moved past it,
 * so its sender is told so with the record instead of finding a gap in OEE weeks later.
 */
final class AnalyticsHorizon {

  private final Duration lateness;
  private final Set<String> entities;

  AnalyticsHorizon(Duration lateness, Set<String> entities) {
    this.lateness = lateness;
    this.entities = Set.copyOf(entities);
  }

  /** The warning for a valid record of {@code entity} received at {@code now}, if it is too old. */
  Optional<FieldError> warning(String entity, JsonNode record, Instant now) {
    if (!entities.contains(entity)) {
      return Optional.empty();
    }
    Instant occurredAt;
    try {
      occurredAt = OffsetDateTime.parse(record.path("occurredAt").asString()).toInstant();
    } catch (DateTimeParseException e) {
      // the standard accepted it as RFC 3339, but not in the form the jobs read: they count it as unreadable
      return Optional.of(new FieldError().pointer("/occurredAt").message("not in the form the analytics read "
          + "(yyyy-MM-ddTHH:mm:ss[.fff]±hh:mm or Z): stored, but counted as unreadable by the analytics"));
    }
    Duration age = Duration.between(occurredAt, now);
    if (age.compareTo(lateness) <= 0) {
      return Optional.empty();
    }
    return Optional.of(new FieldError().pointer("/occurredAt").message("older than the analytics' allowed lateness ("
        + lateness + "; this record is " + age.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
        + " old): stored, but once the live analytics have passed that time OEE, SPC, energy and health leave it "
        + "out until its range is recomputed"));
  }
}
