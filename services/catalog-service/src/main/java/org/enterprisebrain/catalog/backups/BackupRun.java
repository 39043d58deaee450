package org.enterprisebrain.catalog.backups;

import java.time.Instant;

/**
 * One backup of a data store, or one test that a backup restores, as the tool that ran it reported it, and who
 * witnessed a restore test (null: nobody yet).
 */
public record BackupRun(long id, String store, String scope, boolean restoreTest, boolean succeeded, Instant startedAt, Instant finishedAt,
    Long bytes, Integer items, String location, String tool, String detail, String reportedBy, Instant reportedAt,
    String witnessedBy, Instant witnessedAt) {
}
