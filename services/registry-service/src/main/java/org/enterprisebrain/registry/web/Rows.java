package org.enterprisebrain.registry.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Column values as the API gives them. */
public final class Rows {

  private Rows() {
  }

  /** A timestamptz column in UTC (PostgreSQL answers in the session's zone), or null. */
  public static OffsetDateTime utc(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
