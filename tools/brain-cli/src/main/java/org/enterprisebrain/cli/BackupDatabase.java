package org.enterprisebrain.cli;

import picocli.CommandLine.Option;

/** The PostgreSQL that {@code brain backup} copies out and {@code brain restore-check} restores into. */
public final class BackupDatabase {

  @Option(names = "--db-url", defaultValue = "${BRAIN_BACKUP_DB_URL:-jdbc:postgresql://127.0.0.1:5433/postgres}",
      description = "PostgreSQL of the platform (default: ${DEFAULT-VALUE})")
  String url;

  @Option(names = "--db-user", defaultValue = "${BRAIN_BACKUP_DB_USER:-postgres}")
  String user;

  @Option(names = "--db-password", defaultValue = "${BRAIN_BACKUP_DB_PASSWORD:-postgres}")
  String password;
}
