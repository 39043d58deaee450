package org.enterprisebrain.gateway.defence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.enterprisebrain.gateway.api.model.SecurityAlert;
import org.enterprisebrain.gateway.api.model.SecurityEventKind;
import org.enterprisebrain.gateway.api.model.SecurityEvents;
import org.enterprisebrain.gateway.api.model.SecuritySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the gateway refused, per minute, kind and source, kept for the retention; an alert when one source passes a
 * kind's threshold within a minute (once per source, kind and minute). In memory, per replica: bounded by the
 * sources per minute (past the cap, events count under address {@code other}) and the retention.
 */
@Component
public class SecurityEventCounter {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityEventCounter.class);
  private static final long MINUTE = 60_000;
  private static final int MAX_ALERTS = 10_000;
  static final String OTHER = "other";

  /** Who an event came from, and what kind it was. */
  record Source(SecurityEventKind kind, String address, String client) {
  }

  /** One minute's counts. */
  private static final class Minute {
    final Map<Source, LongAdder> counts = new ConcurrentHashMap<>();
    /** not-found: the distinct paths per address (a scan walks many, a broken link repeats one). */
    final Map<String, Set<String>> paths = new ConcurrentHashMap<>();
    final Set<Source> alerted = ConcurrentHashMap.newKeySet();
    final AtomicInteger sources = new AtomicInteger();
  }

  private final DefenceSettings settings;
  private final Map<SecurityEventKind, Integer> thresholds;
  private final ConcurrentSkipListMap<Long, Minute> minutes = new ConcurrentSkipListMap<>();
  private final ConcurrentLinkedDeque<SecurityAlert> alerts = new ConcurrentLinkedDeque<>();
  private final Map<SecurityEventKind, Counter> events = new EnumMap<>(SecurityEventKind.class);
  private final Map<SecurityEventKind, Counter> raised = new EnumMap<>(SecurityEventKind.class);

  public SecurityEventCounter(DefenceSettings settings, MeterRegistry meters) {
    this.settings = settings;
    this.thresholds = settings.thresholds();
    for (SecurityEventKind kind : SecurityEventKind.values()) {
      events.put(kind, Counter.builder("brain.gateway.security.events").tag("kind", kind.getValue())
          .description("requests the gateway answered 401, 403, 429 or 404").register(meters));
      raised.put(kind, Counter.builder("brain.gateway.security.alerts").tag("kind", kind.getValue())
          .description("sources past a threshold within a minute").register(meters));
    }
  }

  public boolean enabled() {
    return settings.enabled();
  }

  /** Counts one refused request; {@code path} matters for not-found only. */
  public void record(SecurityEventKind kind, String address, String client, String path, Instant at) {
    long minute = at.toEpochMilli() / MINUTE;
    Minute m = minutes.computeIfAbsent(minute, k -> {
      forgetBefore(k - settings.retention().toMinutes());
      return new Minute();
    });
    Source source = new Source(kind, address, client);
    LongAdder count = m.counts.get(source);
    if (count == null) {
      // past the cap a flood of forged addresses cannot grow the map: its events count under "other"
      if (m.sources.incrementAndGet() > settings.maxSourcesPerMinute()) {
        source = new Source(kind, OTHER, "-");
      }
      count = m.counts.computeIfAbsent(source, s -> new LongAdder());
    }
    count.increment();
    events.get(kind).increment();
    long value;
    if (kind == SecurityEventKind.NOT_FOUND) {
      Set<String> seen = m.paths.computeIfAbsent(source.address(), a -> ConcurrentHashMap.newKeySet());
      if (seen.size() <= thresholds.get(kind)) {
        seen.add(path);
      }
      value = seen.size();
    } else {
      value = count.sum();
    }
    int threshold = thresholds.get(kind);
    if (value >= threshold && m.alerted.add(source)) {
      raise(new SecurityAlert(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), kind, source.address(), source.client(),
          value, threshold).minute(OffsetDateTime.ofInstant(Instant.ofEpochMilli(minute * MINUTE), ZoneOffset.UTC)));
    }
  }

  private void raise(SecurityAlert alert) {
    alerts.addFirst(alert);
    while (alerts.size() > MAX_ALERTS) {
      alerts.pollLast();
    }
    raised.get(alert.getKind()).increment();
    LOG.warn("possible attack: {} from address {} client {}: {} within a minute (threshold {})",
        alert.getKind().getValue(), alert.getAddress(), alert.getClient(), alert.getCount(), alert.getThreshold());
  }

  private void forgetBefore(long minute) {
    minutes.headMap(minute).clear();
    Instant oldest = Instant.ofEpochMilli(minute * MINUTE);
    for (Iterator<SecurityAlert> it = alerts.descendingIterator(); it.hasNext(); ) {
      if (it.next().getAt().toInstant().isBefore(oldest)) {
        it.remove();
      } else {
        break;
      }
    }
  }

  /** The last {@code hours} up to {@code now}: totals per kind, the busiest sources, the alerts newest first. */
  public SecurityEvents summary(int hours, int limit, Instant now) {
    long last = now.toEpochMilli() / MINUTE;
    long first = last - hours * 60L + 1;
    Map<SecurityEventKind, Long> totals = new EnumMap<>(SecurityEventKind.class);
    for (SecurityEventKind kind : SecurityEventKind.values()) {
      totals.put(kind, 0L);
    }
    Map<Source, Long> bySource = new HashMap<>();
    for (Minute m : minutes.subMap(first, true, last, true).values()) {
      m.counts.forEach((source, count) -> {
        totals.merge(source.kind(), count.sum(), Long::sum);
        bySource.merge(source, count.sum(), Long::sum);
      });
    }
    List<SecuritySource> sources = bySource.entrySet().stream()
        .sorted(Map.Entry.<Source, Long>comparingByValue().reversed()
            .thenComparing(e -> e.getKey().address()).thenComparing(e -> e.getKey().kind()))
        .limit(limit)
        .map(e -> new SecuritySource(e.getKey().kind(), e.getKey().address(), e.getKey().client(), e.getValue()))
        .toList();
    Instant since = Instant.ofEpochMilli(first * MINUTE);
    // raised newest first (addFirst): the deque is already in the order the answer lists them
    List<SecurityAlert> inRange = new ArrayList<>();
    for (SecurityAlert alert : alerts) {
      if (alert.getAt().toInstant().isBefore(since)) {
        break;
      }
      if (!alert.getAt().toInstant().isAfter(now)) {
        inRange.add(alert);
      }
    }
    Map<String, Long> totalsByName = new LinkedHashMap<>();
    totals.forEach((k, v) -> totalsByName.put(k.getValue(), v));
    Map<String, Integer> thresholdsByName = new LinkedHashMap<>();
    thresholds.forEach((k, v) -> thresholdsByName.put(k.getValue(), v));
    return new SecurityEvents(OffsetDateTime.ofInstant(since, ZoneOffset.UTC), OffsetDateTime.ofInstant(now,
        ZoneOffset.UTC), settings.enabled(), thresholdsByName, totalsByName, sources,
        inRange.stream().limit(limit).toList()).alertsTotal((long) inRange.size());
  }
}
