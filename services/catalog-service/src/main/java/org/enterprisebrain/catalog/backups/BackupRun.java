package org.enterprisebrain.catalog.backups;

import java.time.Instant;

/** One backup of a data store, as the tool that made it reported it. */
public record BackupRun(long id, String store, String scope, boolean succeeded, Instant startedAt, Instant finishedAt,
    Long bytes, Integer items, String location, String tool, String detail, String reportedBy, Instant reportedAt) {
}
