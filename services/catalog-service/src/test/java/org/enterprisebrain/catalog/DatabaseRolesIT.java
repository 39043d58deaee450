package org.enterprisebrain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.enterprisebrain.testsupport.RealPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One PostgreSQL role per service (issue 15), on a real PostgreSQL and a database of its own: the catalog image's
 * {@code migrate} (what the chart's init container runs) migrates as the database's owner — not a superuser, as
 * CloudNativePG's application owner is not — and grants the catalog's runtime role rows only. That role then
 * cannot rewrite, delete or truncate the audit log, drop its trigger, alter a table, forge the migration history
 * or create a table; another service's role cannot even read the audit log.
 */
@ExtendWith(RealPostgres.class)
class DatabaseRolesIT {

  static final String OWNER = "roles_it_owner";
  static final String CATALOG = "roles_it_catalog";
  static final String REGISTRY = "roles_it_registry";

  @BeforeAll
  static void migrateAsTheOwner() throws Exception {
    try (Connection superuser = RealPostgres.dataSource().getConnection(); Statement sql = superuser.createStatement()) {
      for (String role : new String[] {OWNER, CATALOG, REGISTRY}) {
        sql.execute("create role " + role + " login password 'pw-" + role + "'");
      }
      sql.execute("create database roles_it owner " + OWNER);
    }
    try (Connection owner = as(OWNER)) {
      assertThat(owner.getMetaData().getUserName()).as("the URL names no user of its own").isEqualTo(OWNER);
    }
    CatalogApplication.main(new String[] {"migrate", "--spring.datasource.url=" + url(),
        "--spring.datasource.username=" + CATALOG, "--spring.datasource.password=pw-" + CATALOG,
        "--spring.flyway.user=" + OWNER, "--spring.flyway.password=pw-" + OWNER,
        // the service's own switch is off in its container; migrate runs regardless
        "--spring.flyway.enabled=false"});
  }

  static String url() {
    return RealPostgres.url("roles_it");
  }

  static Connection as(String role) throws SQLException {
    return DriverManager.getConnection(url(), role, "pw-" + role);
  }

  @Test
  void theMigrationRanAsTheOwnerWhoOwnsEveryTable() throws Exception {
    try (Connection owner = as(OWNER); Statement sql = owner.createStatement()) {
      var rs = sql.executeQuery("select count(*) filter (where success), count(*) from flyway_schema_history");
      rs.next();
      assertThat(rs.getInt(1)).as("every migration applied").isEqualTo(rs.getInt(2)).isGreaterThanOrEqualTo(7);
      rs = sql.executeQuery("select count(*) from pg_tables where schemaname = 'public' and tableowner <> '" + OWNER
          + "'");
      rs.next();
      assertThat(rs.getInt(1)).as("tables not owned by the migrator").isZero();
    }
  }

  @Test
  void theRuntimeRoleWorksWithRowsAndAppendsToTheAuditLogOnly() throws Exception {
    try (Connection catalog = as(CATALOG); Statement sql = catalog.createStatement()) {
      sql.execute("insert into audit_event (principal, resource, fields, grade, policy, decision) "
          + "values ('roles-it', 'employee', '{idNumber}', 'L3', 'test', 'allowed')");
      sql.execute("insert into lineage_node (id, kind, name, created_by) values ('roles-it', 'dataset', 'roles-it', 'it')");
      assertThat(sql.executeUpdate("update lineage_node set name = 'renamed' where id = 'roles-it'")).isOne();
      assertThat(sql.executeUpdate("delete from lineage_node where id = 'roles-it'")).isOne();

      assertThat(sql.executeUpdate("update audit_event set hash = '\\x01' where principal = 'roles-it'"))
          .as("sealing an entry written before the chain: the one update granted (its trigger checks the rest)")
          .isOne();
      assertRefused(sql, "update audit_event set principal = 'someone else'");
      assertRefused(sql, "delete from audit_event");
      assertRefused(sql, "truncate audit_event");
      assertRefused(sql, "drop trigger audit_event_append_only on audit_event");
      assertRefused(sql, "alter table audit_event disable trigger all");
      assertRefused(sql, "alter table dataset add column smuggled text");
      assertRefused(sql, "create table smuggled (id int)");
      assertRefused(sql, "select * from flyway_schema_history");
      assertRefused(sql, "delete from flyway_schema_history");
    }
  }

  @Test
  void anotherServicesRoleCannotReadTheCatalog() throws Exception {
    try (Connection registry = as(REGISTRY); Statement sql = registry.createStatement()) {
      assertRefused(sql, "select * from audit_event");
      assertRefused(sql, "select * from field_label");
    }
  }

  /** Refused by a privilege the role lacks (not by the audit table's trigger, which would say append-only). */
  static void assertRefused(Statement sql, String statement) {
    assertThatThrownBy(() -> sql.execute(statement)).as(statement).isInstanceOf(SQLException.class)
        .satisfies(e -> {
          assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo("42501");
          assertThat(e.getMessage()).containsAnyOf("permission denied", "must be owner");
        });
  }
}
