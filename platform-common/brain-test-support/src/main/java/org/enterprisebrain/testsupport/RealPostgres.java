package org.enterprisebrain.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real PostgreSQL (embedded binaries) started once per test JVM. */
public final class RealPostgres implements BeforeAllCallback {

  private static EmbeddedPostgres postgres;

  @Override
  public void beforeAll(ExtensionContext context) {
    instance();
  }

  public static synchronized EmbeddedPostgres instance() {
    if (postgres == null) {
      try {
        EmbeddedPostgres started = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException e) {
            System.err.println("PostgreSQL test server did not stop cleanly: " + e);
          }
        }, "real-postgres-stop"));
        postgres = started;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
    }
    return postgres;
  }

  public static String jdbcUrl() {
    return instance().getJdbcUrl("postgres", "postgres");
  }

  public static DataSource dataSource() {
    return instance().getPostgresDatabase();
  }

  /** A service under test keeps its state in this database. */
  public static void datasource(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", RealPostgres::jdbcUrl);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }
}
