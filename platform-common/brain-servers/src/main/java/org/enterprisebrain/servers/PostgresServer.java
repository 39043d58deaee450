package org.enterprisebrain.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL 17 (zonky's packaged binaries, run as their own server process) whose data survives
 * restarts in {@code dataDir}: the local default of {@code brain up}. Production points the services
 * at its own PostgreSQL instead.
 */
public final class PostgresServer implements AutoCloseable {

  /** The embedded server's superuser: local demo and tests only; the services have no default of their own. */
  public static final String USER = "postgres";
  public static final String PASSWORD = "postgres";

  private final EmbeddedPostgres postgres;
  private final int port;

  private PostgresServer(EmbeddedPostgres postgres, int port) {
    this.postgres = postgres;
    this.port = port;
  }

  public static PostgresServer start(int port, Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setPort(port)
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .start();
      return new PostgresServer(postgres, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL on port " + port, e);
    }
  }

  /** The database the services use; the embedded server's superuser is postgres/postgres. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** The superuser's connections: the migrations of {@code brain up}'s services, their runtime roles. */
  public javax.sql.DataSource superuser() {
    return postgres.getPostgresDatabase();
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
    }
  }
}
