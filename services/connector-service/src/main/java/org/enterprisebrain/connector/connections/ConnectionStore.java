package org.enterprisebrain.connector.connections;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.enterprisebrain.connector.api.model.TagMapping;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.json.JsonMapper;

/** Connections and their tag mappings in PostgreSQL: the connector's whole configuration, as data. */
@Repository
public class ConnectionStore {

  /** A stored connection with who made and last changed it. */
  public record Stored(ConnectionConfig config, String createdBy, Instant updatedAt, int mappings) {
  }

  /** The API's documents as stored and as checked against the spec: absent stays absent (a null the spec refuses). */
  static final JsonMapper JSON = JsonMapper.builder()
      .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL)).build();
  private static final String SELECT = "select c.*, (select count(*) from tag_mapping m where m.connection_id = c.id)"
      + " as mappings from connection c";

  private final JdbcClient jdbc;

  public ConnectionStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Stored> all() {
    return jdbc.sql(SELECT + " order by c.id").query(ConnectionStore::stored).list();
  }

  public Optional<Stored> find(String id) {
    return jdbc.sql(SELECT + " where c.id = ?").param(id).query(ConnectionStore::stored).optional();
  }

  /** @return false when a connection of that id exists */
  public boolean create(ConnectionConfig c, String by, Instant at) {
    return jdbc.sql("""
        insert into connection (id, plant, source_system, protocol, endpoint, security_policy, mqtt_version,
          username, password_secret, trusted_certificate, enabled, created_by, created_at, updated_by, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""")
        .params(c.id(), c.plant(), c.sourceSystem(), c.protocol(), c.endpoint(), c.securityPolicy(), c.mqttVersion(),
            c.username(), c.passwordSecret(), c.trustedCertificate(), c.enabled(), by, Timestamp.from(at), by,
            Timestamp.from(at))
        .update() == 1;
  }

  public void update(ConnectionConfig c, String by, Instant at) {
    jdbc.sql("""
        update connection set plant = ?, source_system = ?, protocol = ?, endpoint = ?, security_policy = ?,
          mqtt_version = ?, username = ?, password_secret = ?, trusted_certificate = ?, enabled = ?, updated_by = ?,
          updated_at = ?
        where id = ?""")
        .params(c.plant(), c.sourceSystem(), c.protocol(), c.endpoint(), c.securityPolicy(), c.mqttVersion(),
            c.username(), c.passwordSecret(), c.trustedCertificate(), c.enabled(), by, Timestamp.from(at), c.id())
        .update();
  }

  public void delete(String id) {
    jdbc.sql("delete from connection where id = ?").param(id).update();
  }

  public List<TagMapping> mappings(String id) {
    return jdbc.sql("select mapping::text from tag_mapping where connection_id = ? order by position").param(id)
        .query((rs, n) -> JSON.readValue(rs.getString(1), TagMapping.class)).list();
  }

  /** Replaces every mapping of the connection at once: a reader sees the old set or the new, never a mix. */
  @Transactional
  public void replaceMappings(String id, List<TagMapping> mappings, String by, Instant at) {
    jdbc.sql("delete from tag_mapping where connection_id = ?").param(id).update();
    for (int i = 0; i < mappings.size(); i++) {
      jdbc.sql("insert into tag_mapping (connection_id, tag, position, mapping) values (?, ?, ?, ?::jsonb)")
          .params(id, mappings.get(i).getTag(), i, JSON.writeValueAsString(mappings.get(i))).update();
    }
    jdbc.sql("update connection set updated_by = ?, updated_at = ? where id = ?").params(by, Timestamp.from(at), id)
        .update();
  }

  private static Stored stored(ResultSet rs, int row) throws SQLException {
    return new Stored(new ConnectionConfig(rs.getString("id"), rs.getString("plant"), rs.getString("source_system"),
        rs.getString("protocol"), rs.getString("endpoint"), rs.getString("security_policy"), rs.getString("mqtt_version"),
        rs.getString("username"), rs.getString("password_secret"), rs.getString("trusted_certificate"),
        rs.getBoolean("enabled")), rs.getString("created_by"),
        rs.getTimestamp("updated_at").toInstant(), rs.getInt("mappings"));
  }
}
