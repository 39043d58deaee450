package org.enterprisebrain.catalog.audit;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.enterprisebrain.catalog.scheme.Grade;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit log of graded reads, in PostgreSQL: written in the request, before the data leaves. */
@Repository
public class AuditLog {

  private final JdbcClient jdbc;

  public AuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String principal, String clientId, String clientAddress, String resource, List<String> fields,
      Grade grade, String policy, AuditEvent.Decision decision) {
    jdbc.sql("""
        insert into audit_event (principal, client_id, client_address, resource, fields, grade, policy, decision)
        values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(principal, clientId, clientAddress, resource, fields.toArray(String[]::new), grade.name(), policy,
            decision.name().toLowerCase(Locale.ROOT))
        .update();
  }

  public List<AuditEvent> find(String user, String resource, int limit) {
    return jdbc.sql("""
        select id, at, principal, client_id, client_address, resource, fields, grade, policy, decision
        from audit_event
        where (cast(:user as text) is null or principal = :user)
          and (cast(:resource as text) is null or resource = :resource)
        order by id desc limit :limit""")
        .param("user", user).param("resource", resource).param("limit", limit)
        .query((rs, i) -> new AuditEvent(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), strings(rs.getArray(7)), Grade.valueOf(rs.getString(8)),
            rs.getString(9), AuditEvent.Decision.valueOf(rs.getString(10).toUpperCase(Locale.ROOT))))
        .list();
  }

  private static List<String> strings(Array array) throws SQLException {
    return Arrays.asList((String[]) array.getArray());
  }
}
