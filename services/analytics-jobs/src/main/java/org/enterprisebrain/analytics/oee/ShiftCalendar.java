package org.enterprisebrain.analytics.oee;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The plant's shifts, e.g. {@code A@06:00,B@14:00,C@22:00} in Asia/Shanghai: each shift runs from its
 * start to the next one's. Shift starts must be on the hour, so that hourly results add up to shifts.
 */
public final class ShiftCalendar implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A shift occurrence: its code and span (epoch ms). */
  public record Shift(String code, long start, long end) {}

  private record Start(String code, LocalTime at) implements Serializable {}

  private final ZoneId zone;
  private final List<Start> starts;

  private ShiftCalendar(ZoneId zone, List<Start> starts) {
    this.zone = zone;
    this.starts = starts;
  }

  public static ShiftCalendar parse(String spec, String zone) {
    List<Start> starts = new ArrayList<>();
    for (String part : spec.split(",")) {
      String[] codeAt = part.trim().split("@");
      if (codeAt.length != 2) {
        throw new IllegalArgumentException("shift '" + part + "' is not CODE@HH:MM");
      }
      LocalTime at = LocalTime.parse(codeAt[1].trim());
      if (at.getMinute() != 0 || at.getSecond() != 0) {
        throw new IllegalArgumentException("shift " + codeAt[0] + " starts at " + at + ": shifts must start on the hour");
      }
      starts.add(new Start(codeAt[0].trim(), at));
    }
    if (starts.isEmpty()) {
      throw new IllegalArgumentException("no shifts in '" + spec + "'");
    }
    starts.sort(Comparator.comparing(Start::at));
    ZoneId id = ZoneId.of(zone);
    if (id.getRules().getStandardOffset(Instant.now()).getTotalSeconds() % 3600 != 0) {
      // results are hourly in UTC: a half-hour zone would cut every shift across two hours
      throw new IllegalArgumentException("zone " + zone + " is not a whole number of hours from UTC");
    }
    return new ShiftCalendar(id, List.copyOf(starts));
  }

  /** The shift that contains the instant. */
  public Shift at(long epochMillis) {
    ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone);
    LocalDate day = t.toLocalDate();
    // the latest start at or before t: today's, or yesterday's last shift (a night shift crosses midnight)
    ZonedDateTime begin = null;
    int index = -1;
    for (int i = starts.size() - 1; i >= 0; i--) {
      ZonedDateTime candidate = day.atTime(starts.get(i).at()).atZone(zone);
      if (!candidate.isAfter(t)) {
        begin = candidate;
        index = i;
        break;
      }
    }
    if (begin == null) {
      index = starts.size() - 1;
      begin = day.minusDays(1).atTime(starts.get(index).at()).atZone(zone);
    }
    ZonedDateTime end = index + 1 < starts.size()
        ? begin.toLocalDate().atTime(starts.get(index + 1).at()).atZone(zone)
        : begin.toLocalDate().plusDays(1).atTime(starts.get(0).at()).atZone(zone);
    return new Shift(starts.get(index).code(), begin.toInstant().toEpochMilli(), end.toInstant().toEpochMilli());
  }
}
