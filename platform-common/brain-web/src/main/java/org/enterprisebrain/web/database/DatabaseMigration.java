package org.enterprisebrain.web.database;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

/**
 * A service image run with the argument {@code migrate}: its Flyway migrations and the runtime role's grants, as
 * the schema's owner, then exit — what the chart's init container does, so that the owner's credentials never
 * reach the service's own container (which runs with {@code BRAIN_<SERVICE>_DB_MIGRATE=false}). The settings are
 * the service's own (its application.yml and environment); nothing else of the service starts.
 */
public final class DatabaseMigration {

  public static final String COMMAND = "migrate";

  private DatabaseMigration() {
  }

  /** Whether the service was started to migrate only. */
  public static boolean requested(String[] args) {
    return args.length > 0 && COMMAND.equals(args[0]);
  }

  /**
   * Migrates and returns; {@code database} is the service's configuration holding its {@link DatabaseGrants}.
   * A failure throws (the init container fails, the pod does not start on a schema it does not know).
   */
  public static void run(Class<?> database, String[] args) {
    SpringApplication migration = new SpringApplication(MigrationOnly.class, database);
    migration.setWebApplicationType(WebApplicationType.NONE);
    migration.setDefaultProperties(Map.of("spring.main.banner-mode", "off"));
    // the service container turns its own migration off (BRAIN_<SERVICE>_DB_MIGRATE=false); this run is the
    // migration: an argument outranks the environment, and a second one would be joined to the first ("false,true")
    String[] settings = Stream.concat(Arrays.stream(args, 1, args.length)
            .filter(a -> !a.startsWith("--spring.flyway.enabled")), Stream.of("--spring.flyway.enabled=true"))
        .toArray(String[]::new);
    SpringApplication.exit(migration.run(settings));
  }

  /** A DataSource and Flyway, nothing else: no web server, no Kafka, no Elasticsearch. */
  @SpringBootConfiguration(proxyBeanMethods = false)
  @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
  static class MigrationOnly {
  }
}
