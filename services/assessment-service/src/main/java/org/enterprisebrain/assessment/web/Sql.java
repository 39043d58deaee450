package org.enterprisebrain.assessment.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.postgresql.util.PGobject;

/** Values in and out of PostgreSQL columns: timestamptz as instants, JSON text as jsonb. */
public final class Sql {

  private Sql() {
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  public static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }

  public static PGobject jsonb(String json) {
    try {
      PGobject o = new PGobject();
      o.setType("jsonb");
      o.setValue(json);
      return o;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
