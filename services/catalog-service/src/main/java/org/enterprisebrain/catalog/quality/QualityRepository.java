package org.enterprisebrain.catalog.quality;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class QualityRepository {

  /** A dataset's window: which dataset, which hour. */
  public record WindowKey(String sourceSystem, String entity, String plant, Instant windowStart) {
  }

  public record Window(WindowKey key, QualityCounters counters) {
  }

  private record CachedRules(Instant loaded, List<QualityRule> rules) {
  }

  private final JdbcClient jdbc;
  private final AtomicReference<CachedRules> rules = new AtomicReference<>(new CachedRules(Instant.EPOCH, List.of()));

  public QualityRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Rules, re-read at most once a minute: a migration or an edit takes effect without a restart. */
  public List<QualityRule> rules() {
    CachedRules cached = rules.get();
    if (cached.loaded().isBefore(Instant.now().minusSeconds(60))) {
      cached = new CachedRules(Instant.now(), jdbc.sql(
              "select id, entity, pointer, dimension, min_value, max_value, max_lag_seconds, description"
                  + " from quality_rule order by entity, id")
          .query((rs, i) -> new QualityRule(rs.getLong(1), rs.getString(2), rs.getString(3),
              QualityRule.Dimension.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), (Double) rs.getObject(5),
              (Double) rs.getObject(6), (Integer) rs.getObject(7), rs.getString(8)))
          .list());
      rules.set(cached);
    }
    return cached.rules();
  }

  public void add(Map<WindowKey, QualityCounters> windows) {
    windows.forEach((k, c) -> jdbc.sql("""
        insert into quality_window as w (source_system, entity, plant, window_start, records, duplicates, fields_present,
          fields_expected, timed, timely, range_checked, range_violations, accepted, rejected)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (source_system, entity, plant, window_start) do update set
          records = w.records + excluded.records, duplicates = w.duplicates + excluded.duplicates,
          fields_present = w.fields_present + excluded.fields_present,
          fields_expected = w.fields_expected + excluded.fields_expected,
          timed = w.timed + excluded.timed, timely = w.timely + excluded.timely,
          range_checked = w.range_checked + excluded.range_checked,
          range_violations = w.range_violations + excluded.range_violations,
          accepted = w.accepted + excluded.accepted, rejected = w.rejected + excluded.rejected""")
        .params(k.sourceSystem(), k.entity(), k.plant(), Timestamp.from(k.windowStart()), c.records(), c.duplicates(),
            c.fieldsPresent(), c.fieldsExpected(), c.timed(), c.timely(), c.rangeChecked(), c.rangeViolations(),
            c.accepted(), c.rejected())
        .update());
  }

  public List<Window> windows(String entity, String plant, String source, Instant since) {
    return jdbc.sql("""
        select source_system, entity, plant, window_start, records, duplicates, fields_present, fields_expected, timed,
          timely, range_checked, range_violations, accepted, rejected
        from quality_window
        where (cast(:entity as text) is null or entity = :entity)
          and (cast(:plant as text) is null or plant = :plant)
          and (cast(:source as text) is null or source_system = :source)
          and window_start >= :since
        order by window_start, source_system""")
        .param("entity", entity).param("plant", plant).param("source", source).param("since", Timestamp.from(since))
        .query((rs, i) -> new Window(new WindowKey(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getTimestamp(4).toInstant()), new QualityCounters(rs.getLong(5), rs.getLong(6), rs.getLong(7),
            rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13),
            rs.getLong(14))))
        .list();
  }
}
