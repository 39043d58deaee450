package org.enterprisebrain.web.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL role per service (issue 15): the schema belongs to the role that migrates it; the service works
 * as its runtime role, which this grants rows and nothing else — it cannot alter or drop a table, drop the audit
 * trigger, touch the migration history, or read a schema not its own (PostgreSQL grants a table to nobody but its
 * owner). An append-only table is readable and insertable only, plus the columns named for it (which its own
 * trigger still guards).
 *
 * <p>Runs after every migrate, as the migrating owner, so the tables a new version adds are granted at once.
 * Spring Boot applies it to the migration it runs (a {@link Callback} bean); {@link DatabaseMigration} to the
 * one a Kubernetes init container runs.
 *
 * @param runtimeRole the role the service connects as; blank or the migrator itself: nothing to grant
 * @param appendOnly table (in the first migrated schema) to the columns the runtime role may still update
 */
public record DatabaseGrants(String runtimeRole, Map<String, List<String>> appendOnly) implements Callback {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseGrants.class);

  /** PostgreSQL's unquoted identifiers, lower case: a role name written into SQL is never anything else. */
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public DatabaseGrants {
    appendOnly = Map.copyOf(appendOnly);
    if (runtimeRole != null && !runtimeRole.isBlank()) {
      identifier(runtimeRole);
    }
    appendOnly.forEach((table, columns) -> {
      identifier(table);
      columns.forEach(DatabaseGrants::identifier);
    });
  }

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.AFTER_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    try {
      Connection connection = context.getConnection();
      String migrator = connection.getMetaData().getUserName();
      if (runtimeRole == null || runtimeRole.isBlank() || runtimeRole.equals(migrator)) {
        LOG.warn("the service works as {}, the owner of its schema: nothing keeps it from altering its tables or "
            + "the audit trigger (give it a runtime role of its own)", migrator);
        return;
      }
      String[] configured = context.getConfiguration().getSchemas();
      List<String> schemas = configured.length > 0 ? List.of(configured) : List.of(connection.getSchema());
      try (Statement sql = connection.createStatement()) {
        for (String schema : schemas) {
          String s = identifier(schema);
          sql.execute("grant usage on schema " + s + " to " + runtimeRole);
          sql.execute("grant select, insert, update, delete on all tables in schema " + s + " to " + runtimeRole);
          sql.execute("grant usage, select on all sequences in schema " + s + " to " + runtimeRole);
          sql.execute("revoke all on " + s + "." + identifier(context.getConfiguration().getTable()) + " from "
              + runtimeRole);
        }
        String first = identifier(schemas.get(0));
        for (var table : appendOnly.entrySet()) {
          String t = first + "." + table.getKey();
          sql.execute("revoke update, delete, truncate on " + t + " from " + runtimeRole);
          if (!table.getValue().isEmpty()) {
            sql.execute("grant update (" + String.join(", ", table.getValue()) + ") on " + t + " to " + runtimeRole);
          }
        }
      }
      LOG.info("runtime role {} granted rows of {} (append-only: {})", runtimeRole, schemas, appendOnly.keySet());
    } catch (SQLException e) {
      throw new FlywayException("granting the runtime role " + runtimeRole + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String getCallbackName() {
    return "brain-runtime-role-grants";
  }

  private static String identifier(String name) {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain PostgreSQL identifier: " + name);
    }
    return name;
  }
}
