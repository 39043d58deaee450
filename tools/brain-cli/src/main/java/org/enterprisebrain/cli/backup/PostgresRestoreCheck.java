package org.enterprisebrain.cli.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;

/**
 * A restore test of a {@link PostgresBackup}: every file's SHA-256 against the manifest, then every table loaded
 * into a scratch schema shaped like the live table ({@code CREATE TABLE … (LIKE …)}) and its rows counted against
 * the manifest; the scratch schema is dropped at the end, whatever happened. It proves the files are whole and
 * load into the tables the services use today, without touching those tables.
 */
public final class PostgresRestoreCheck {

  /** One table's test: whether its file was intact and how many rows it restored of those the manifest lists. */
  public record Table(String schema, String table, boolean intact, long expected, long restored) {
    public boolean ok() {
      return intact && expected == restored;
    }
  }

  public record Result(Instant startedAt, Instant finishedAt, String scratchSchema, List<Table> tables) {
    public boolean ok() {
      return tables.stream().allMatch(Table::ok);
    }

    public long rows() {
      return tables.stream().mapToLong(Table::restored).sum();
    }
  }

  private PostgresRestoreCheck() {
  }

  /**
   * @param tables the manifest's tables: schema, table, file (relative to {@code dir}), rows, sha256
   */
  public static Result run(String url, String user, String password, Path dir, List<PostgresBackup.Table> tables)
      throws SQLException, IOException {
    Instant started = Instant.now();
    String scratch = "restore_check_" + started.toEpochMilli();
    List<Table> results = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(url, user, password)) {
      try (Statement s = db.createStatement()) {
        s.execute("create schema " + scratch);
      }
      try {
        for (PostgresBackup.Table t : tables) {
          results.add(restore(db, scratch, dir, t));
        }
      } finally {
        try (Statement s = db.createStatement()) {
          s.execute("drop schema " + scratch + " cascade");
        }
      }
    }
    return new Result(started, Instant.now(), scratch, results);
  }

  /**
   * The manifest's file as a regular file inside the backup folder, symbolic links followed; none for a path that
   * leaves it ({@code ../}, absolute, a link out): a manifest is data, and the check must read only the backup.
   */
  static Optional<Path> inside(Path dir, String file) throws IOException {
    Path root = dir.toRealPath();
    Path resolved = root.resolve(file).normalize();
    if (!resolved.startsWith(root) || !Files.isRegularFile(resolved)) {
      return Optional.empty();
    }
    Path real = resolved.toRealPath();
    return real.startsWith(root) ? Optional.of(real) : Optional.empty();
  }

  private static Table restore(Connection db, String scratch, Path dir, PostgresBackup.Table t)
      throws SQLException, IOException {
    Path file = inside(dir, t.file()).orElse(null);
    if (file == null || !PostgresBackup.sha256(file).equals(t.sha256())) {
      return new Table(t.schema(), t.table(), false, t.rows(), 0);
    }
    String target = scratch + "." + PostgresBackup.quote(t.schema() + "__" + t.table());
    try (Statement s = db.createStatement()) {
      // the live table's columns, types and defaults: what a restore would load into today
      s.execute("create table " + target + " (like " + PostgresBackup.quote(t.schema()) + "." + PostgresBackup.quote(t.table()) + " including defaults)");
    }
    long rows;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      rows = db.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target + " FROM STDIN (FORMAT csv, HEADER)", in);
    }
    return new Table(t.schema(), t.table(), true, t.rows(), rows);
  }

}
