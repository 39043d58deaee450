package org.enterprisebrain.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.enterprisebrain.servers.PostgresRoles;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real PostgreSQL (embedded binaries) started once per test JVM. */
public final class RealPostgres implements BeforeAllCallback {

  private static EmbeddedPostgres postgres;
  private static final java.util.Map<String, String> PASSWORDS = new java.util.concurrent.ConcurrentHashMap<>();

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

  /**
   * A database of the server, without a user: whoever connects names themselves (zonky's own URLs carry
   * {@code user=postgres}, which the driver prefers to the user a pool is given).
   */
  public static String url(String database) {
    return "jdbc:postgresql://localhost:" + instance().getPort() + "/" + database;
  }

  public static DataSource dataSource() {
    return instance().getPostgresDatabase();
  }

  /**
   * A service under test keeps its state in this database, as in production: the superuser migrates, the service
   * works as its own runtime role ({@code brain_<service>}), granted rows only — so every API test also proves
   * those grants are all the service needs.
   */
  public static void datasource(DynamicPropertyRegistry registry, String service) {
    String role = PostgresRoles.runtimeRole(service);
    // one password per role and JVM: a second context must not change the first one's
    String password = PASSWORDS.computeIfAbsent(role, r -> PostgresRoles.ensureLogin(dataSource(), r));
    registry.add("spring.datasource.url", () -> url("postgres"));
    registry.add("spring.datasource.username", () -> role);
    registry.add("spring.datasource.password", () -> password);
    registry.add("spring.flyway.user", () -> "postgres");
    registry.add("spring.flyway.password", () -> "postgres");
  }
}
