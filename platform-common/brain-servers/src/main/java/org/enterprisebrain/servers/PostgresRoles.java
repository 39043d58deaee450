package org.enterprisebrain.servers;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The services' runtime roles on a local PostgreSQL ({@code brain up}, the tests), as the chart has the operator
 * make them: one login role per service, owning nothing; its migration grants it rows of its own schema only.
 */
public final class PostgresRoles {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private PostgresRoles() {
  }

  /** brain_catalog, brain_registry, brain_assessment. */
  public static String runtimeRole(String service) {
    return identifier("brain_" + service);
  }

  /**
   * Creates {@code role} as a login role if it does not exist and gives it a new random password, which it
   * answers (a password lives as long as the platform run that set it).
   */
  public static String ensureLogin(DataSource superuser, String role) {
    identifier(role);
    String password = Secrets.randomUrlSafe(24);
    try (Connection connection = superuser.getConnection(); Statement sql = connection.createStatement()) {
      sql.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role + "') then "
          + "create role " + role + " login; end if; end $$");
      // the password is [A-Za-z0-9_-] only: nothing in it can end the literal
      sql.execute("alter role " + role + " login password '" + password + "'");
      return password;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the runtime role " + role + ": " + e.getMessage(), e);
    }
  }

  private static String identifier(String name) {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain PostgreSQL identifier: " + name);
    }
    return name;
  }
}
