package org.enterprisebrain.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealPostgres.class)
class RealPostgresIT {

  @Test
  void aRealPostgresAnswersAndIsSharedWithinTheJvm() throws Exception {
    try (Connection c = RealPostgres.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("create table if not exists probe(id int primary key)");
      s.execute("insert into probe values (1) on conflict do nothing");
      ResultSet rs = s.executeQuery("select current_setting('server_version_num')::int, count(*) from probe");
      rs.next();
      assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(170000);
      assertThat(rs.getInt(2)).isEqualTo(1);
    }
    assertThat(RealPostgres.instance()).isSameAs(RealPostgres.instance());
  }
}
