package org.enterprisebrain.cli.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.postgresql.PGConnection;
import tools.jackson.databind.json.JsonMapper;

/**
 * A logical backup of the platform's PostgreSQL schemas over JDBC: every table copied out as gzipped CSV with
 * its header, all tables from one snapshot of the database (a read-only repeatable-read transaction), each
 * file's row count and SHA-256 in the result. Works against any PostgreSQL it can reach (no pg_dump needed:
 * the embedded server ships none). Restoring is: start the services once (Flyway creates the schemas at the
 * recorded versions, whose history table is itself in the backup), then {@code COPY … FROM} each file.
 */
public final class PostgresBackup {

  /** One table written: its file (relative to the backup directory), rows, bytes and SHA-256 of the file. */
  public record Table(String schema, String table, String file, long rows, long bytes, String sha256) {
  }

  /** A backup as its {@code manifest.json} records it. */
  public record Result(String database, Instant startedAt, Instant finishedAt, List<String> schemas,
      List<Table> tables) {
    public long bytes() {
      return tables.stream().mapToLong(Table::bytes).sum();
    }

    public long rows() {
      return tables.stream().mapToLong(Table::rows).sum();
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final String MANIFEST = "manifest.json";

  private PostgresBackup() {
  }

  /** The backup in {@code dir}, as its manifest records it. */
  public static Result read(Path dir) throws IOException {
    return JSON.readValue(Files.readString(dir.resolve(MANIFEST)), Result.class);
  }

  /**
   * Writes every table of {@code schemas} into {@code dir}, then the manifest ({@link #read} reads it back).
   *
   * @param schemas the schemas to back up; empty: every schema that is not PostgreSQL's own
   */
  public static Result dump(String url, String user, String password, List<String> schemas, Path dir)
      throws SQLException, IOException {
    Instant started = Instant.now();
    Files.createDirectories(dir);
    try (Connection db = DriverManager.getConnection(url, user, password)) {
      db.setAutoCommit(false);
      db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      db.setReadOnly(true);
      List<String[]> tables = tables(db, schemas);
      List<Table> written = new ArrayList<>();
      for (String[] t : tables) {
        written.add(copyOut(db, t[0], t[1], dir));
      }
      db.commit();
      List<String> dumped = tables.stream().map(t -> t[0]).distinct().toList();
      Result result = new Result(url, started, Instant.now(), dumped, written);
      Files.writeString(dir.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
      return result;
    }
  }

  private static List<String[]> tables(Connection db, List<String> schemas) throws SQLException {
    String sql = "select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' "
        + "and table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg\\_%' "
        + (schemas.isEmpty() ? "" : "and table_schema = any (?) ") + "order by 1, 2";
    try (var statement = db.prepareStatement(sql)) {
      if (!schemas.isEmpty()) {
        statement.setArray(1, db.createArrayOf("text", schemas.toArray()));
      }
      List<String[]> tables = new ArrayList<>();
      try (var rs = statement.executeQuery()) {
        while (rs.next()) {
          tables.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      return tables;
    }
  }

  private static Table copyOut(Connection db, String schema, String table, Path dir) throws SQLException, IOException {
    String file = schema + "." + table + ".csv.gz";
    MessageDigest sha = sha256();
    long rows;
    Path path = dir.resolve(file);
    try (OutputStream out = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(path), sha), 1 << 16)) {
      rows = db.unwrap(PGConnection.class).getCopyAPI()
          .copyOut("COPY " + quote(schema) + "." + quote(table) + " TO STDOUT (FORMAT csv, HEADER)", out);
    }
    return new Table(schema, table, file, rows, Files.size(path), HexFormat.of().formatHex(sha.digest()));
  }

  /** The SHA-256 of a file, as the manifest records it. */
  static String sha256(Path file) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
