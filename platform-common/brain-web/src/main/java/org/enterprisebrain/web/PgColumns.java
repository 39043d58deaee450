package org.enterprisebrain.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.postgresql.util.PGobject;

/**
 * Values in and out of PostgreSQL columns for the services that keep state there: timestamptz in UTC
 * (PostgreSQL answers in the session's zone) and JSON text as jsonb.
 */
public final class PgColumns {

  private PgColumns() {
  }

  /** A timestamptz column in UTC, or null. */
  public static OffsetDateTime utc(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }

  /** A timestamptz column as an instant, or null. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** An instant as a timestamptz parameter. */
  public static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }

  /** JSON text (or null) as a jsonb parameter. */
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
