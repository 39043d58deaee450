package org.enterprisebrain.catalog.datasets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class DatasetRepository {

  private final JdbcClient jdbc;

  public DatasetRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional
  public void add(Collection<Dataset.Increment> increments) {
    for (Dataset.Increment inc : increments) {
      jdbc.sql("""
          insert into dataset (source_system, entity, plant, topic, records, first_seen_at, last_occurred_at, last_received_at)
          values (:source, :entity, :plant, :topic, :records, now(), :occurred, :received)
          on conflict (source_system, entity, plant) do update set
            records = dataset.records + excluded.records,
            topic = excluded.topic,
            last_occurred_at = greatest(dataset.last_occurred_at, excluded.last_occurred_at),
            last_received_at = greatest(dataset.last_received_at, excluded.last_received_at)""")
          .param("source", inc.sourceSystem()).param("entity", inc.entity()).param("plant", inc.plant())
          .param("topic", inc.topic()).param("records", inc.records())
          .param("occurred", timestamp(inc.lastOccurredAt())).param("received", timestamp(inc.lastReceivedAt()))
          .update();
    }
  }

  /** Ingestion's accepted and rejected counts; a dataset whose every record was rejected still appears. */
  @Transactional
  public void addOutcome(String sourceSystem, String entity, String plant, String topic, long accepted, long rejected) {
    jdbc.sql("""
        insert into dataset (source_system, entity, plant, topic, records, first_seen_at, accepted, rejected)
        values (:source, :entity, :plant, :topic, 0, now(), :accepted, :rejected)
        on conflict (source_system, entity, plant) do update set
          accepted = dataset.accepted + excluded.accepted, rejected = dataset.rejected + excluded.rejected""")
        .param("source", sourceSystem).param("entity", entity).param("plant", plant).param("topic", topic)
        .param("accepted", accepted).param("rejected", rejected)
        .update();
  }

  /** @return whether the dataset exists (and now has this owner) */
  public boolean setOwner(String sourceSystem, String entity, String plant, String owner) {
    return jdbc.sql("update dataset set owner = ? where source_system = ? and entity = ? and plant = ?")
        .params(owner, sourceSystem, entity, plant).update() == 1;
  }

  public List<Dataset> find(String entity) {
    return jdbc.sql("select source_system, entity, plant, topic, records, first_seen_at, last_occurred_at,"
            + " last_received_at, owner, accepted, rejected from dataset where (cast(:entity as text) is null or entity = :entity)"
            + " order by entity, plant, source_system")
        .param("entity", entity).query(DatasetRepository::dataset).list();
  }

  private static Dataset dataset(ResultSet rs, int row) throws SQLException {
    return new Dataset(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
        instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), rs.getString(9),
        rs.getLong(10), rs.getLong(11));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static Timestamp timestamp(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }
}
