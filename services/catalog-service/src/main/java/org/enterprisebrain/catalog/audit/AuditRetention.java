package org.enterprisebrain.catalog.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Audit retention ({@code brain.catalog.audit.retention}): entries older than it leave the chain, oldest first, as
 * an anchored prefix (V13 {@code audit_event_expire}, which refuses anything younger than 180 days whoever asks).
 * Zero keeps everything. Checked ten minutes after start (or the interval, if shorter), then every interval.
 */
@Component
public class AuditRetention implements AutoCloseable {

  /** 网络安全法 第二十一条: network logs are kept at least six months. */
  static final Duration MINIMUM = Duration.ofDays(180);
  private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

  private final JdbcClient jdbc;
  private final Duration retention;
  private final Clock clock = Clock.systemUTC();
  private final Counter expired;
  private final ScheduledExecutorService timer;

  public AuditRetention(JdbcClient jdbc, MeterRegistry meters,
      @Value("${brain.catalog.audit.retention:0d}") Duration retention,
      @Value("${brain.catalog.audit.retention-check:24h}") Duration every) {
    if (!retention.isZero() && retention.compareTo(MINIMUM) < 0) {
      throw new IllegalArgumentException("brain.catalog.audit.retention " + retention.toDays() + " days: audit "
          + "entries are kept at least 180 days (网络安全法 第二十一条); 0 keeps them all");
    }
    this.jdbc = jdbc;
    this.retention = retention;
    this.expired = Counter.builder("brain.audit.expired")
        .description("audit entries removed by retention, each prefix anchored").register(meters);
    if (retention.isZero()) {
      this.timer = null;
    } else {
      this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "audit-retention");
        t.setDaemon(true);
        return t;
      });
      // first soon after start (a service restarted daily still gets there), then every interval
      long first = Math.min(every.toMillis(), Duration.ofMinutes(10).toMillis());
      timer.scheduleWithFixedDelay(this::expireQuietly, first, every.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Removes what is older than the retention now; answers how many entries left the chain. */
  public long expire() {
    if (retention.isZero()) {
      return 0;
    }
    OffsetDateTime cutoff = OffsetDateTime.ofInstant(clock.instant().minus(retention), ZoneOffset.UTC);
    long removed = jdbc.sql("select audit_event_expire(?)").param(cutoff).query(Long.class).single();
    if (removed > 0) {
      expired.increment(removed);
      LOG.info("audit retention: {} entries appended before {} left the chain, anchored", removed, cutoff);
    }
    return removed;
  }

  private void expireQuietly() {
    try {
      expire();
    } catch (DataAccessException e) {
      // tried again at the next interval; the entries stay meanwhile, which is never wrong
      LOG.error("audit retention failed, entries kept: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
