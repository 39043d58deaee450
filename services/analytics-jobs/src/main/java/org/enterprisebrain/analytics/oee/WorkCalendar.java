package org.enterprisebrain.analytics.oee;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.enterprisebrain.analytics.model.SettingsScope;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.SettingsIndex;
import org.enterprisebrain.messages.WorkCalendarVersion;
import org.enterprisebrain.messages.WorkCalendarVersionPlannedDowntimeInner;
import org.enterprisebrain.messages.WorkCalendarVersionShiftsInner;
import org.enterprisebrain.messages.WorkCalendarVersionShiftsInnerBreaksInner;

/**
 * A plant's or a line's work calendar (工作日历): the shifts on each weekday with their breaks, the holidays
 * and the planned downtime. One version of it as analytics-service sends it on
 * {@code brain.analytics.calendars.v1} (schema {@code api-specs/topics/analytics-calendars.v1.schema.json}),
 * or the job's default from {@code BRAIN_ANALYTICS_SHIFTS}: shifts back to back round the clock, every hour
 * planned. Shifts start and end on the hour (hours add up to shifts); breaks and downtime may be any minute.
 *
 * @param line null: the plant's calendar
 */
public record WorkCalendar(String plant, String line, int version, long effectiveFrom, ZoneId zone,
    List<ShiftPlan> shifts, Set<LocalDate> holidays, List<Downtime> downtime)
    implements Serializable, SettingsIndex.Version {

  private static final long serialVersionUID = 1L;
  /** The label of planned time in {@link #plan}; every other label is why the time is not planned. */
  public static final String PLANNED = "";
  public static final String NO_SHIFT = "no-shift";
  public static final String HOLIDAY = "holiday";
  public static final String BREAK = "break";

  /** A shift occurrence: its code and span (epoch ms). */
  public record Shift(String code, long start, long end) {}

  /** A shift as planned: it starts on {@code days}; an end not after its start is the next day's. */
  record ShiftPlan(String code, LocalTime start, LocalTime end, Set<DayOfWeek> days, List<LocalTime[]> breaks)
      implements Serializable {}

  record Downtime(long from, long to, String reason) implements Serializable {}

  /**
   * The job's default, e.g. {@code A@06:00,B@14:00,C@22:00}: each shift runs from its start to the next one's,
   * every day, all of it planned.
   */
  public static WorkCalendar defaults(String spec, String zone) {
    List<String[]> starts = new ArrayList<>();
    for (String part : spec.split(",")) {
      String[] codeAt = part.trim().split("@");
      if (codeAt.length != 2) {
        throw new IllegalArgumentException("shift '" + part + "' is not CODE@HH:MM");
      }
      starts.add(new String[] {codeAt[0].trim(), codeAt[1].trim()});
    }
    starts.sort(Comparator.comparing(s -> LocalTime.parse(s[1])));
    List<ShiftPlan> shifts = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      LocalTime start = onTheHour(starts.get(i)[0], starts.get(i)[1]);
      LocalTime end = LocalTime.parse(starts.get((i + 1) % starts.size())[1]);
      shifts.add(new ShiftPlan(starts.get(i)[0], start, end, EnumSet.allOf(DayOfWeek.class), List.of()));
    }
    return new WorkCalendar(null, null, 0, Long.MIN_VALUE, zone(zone), List.copyOf(shifts), Set.of(), List.of());
  }

  /** A version as the topic holds it, or null for one that plans nothing a job could use. */
  public static WorkCalendar read(JsonNode n) {
    try {
      WorkCalendarVersion v = Envelope.message(n, WorkCalendarVersion.class);
      int version = v.version() == null ? 0 : v.version();
      long effectiveFrom = Envelope.millis(v.effectiveFrom());
      if (v.plant() == null || version < 1 || effectiveFrom < 0 || v.shifts() == null || v.shifts().isEmpty()) {
        return null;
      }
      List<ShiftPlan> shifts = new ArrayList<>();
      for (WorkCalendarVersionShiftsInner s : v.shifts()) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        (s.days() == null ? List.<Integer>of() : s.days()).forEach(d -> days.add(DayOfWeek.of(d)));
        List<LocalTime[]> breaks = new ArrayList<>();
        for (WorkCalendarVersionShiftsInnerBreaksInner b : s.breaks() == null
            ? List.<WorkCalendarVersionShiftsInnerBreaksInner>of() : s.breaks()) {
          breaks.add(new LocalTime[] {LocalTime.parse(b.start()), LocalTime.parse(b.end())});
        }
        shifts.add(new ShiftPlan(s.code(), onTheHour(s.code(), s.start()), onTheHour(s.code(), s.end()),
            days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : days, List.copyOf(breaks)));
      }
      Set<LocalDate> holidays = v.holidays() == null ? Set.of() : Set.copyOf(v.holidays());
      List<Downtime> downtime = new ArrayList<>();
      for (WorkCalendarVersionPlannedDowntimeInner d : v.plannedDowntime() == null
          ? List.<WorkCalendarVersionPlannedDowntimeInner>of() : v.plannedDowntime()) {
        downtime.add(new Downtime(Envelope.millis(d.from()), Envelope.millis(d.to()), d.reason() == null ? ""
            : d.reason()));
      }
      return new WorkCalendar(v.plant(), v.line(), version, effectiveFrom,
          zone(v.zone() == null ? "Asia/Shanghai" : v.zone()), List.copyOf(shifts), holidays, List.copyOf(downtime));
    } catch (RuntimeException e) {
      return null; // a version the job cannot read plans nothing: the one before it stays in force
    }
  }

  /** The version's JSON as the topic holds it when a job can plan with it, else null. */
  public static String readable(JsonNode version) {
    return read(version) == null ? null : version.toString();
  }

  private static LocalTime onTheHour(String code, String time) {
    LocalTime at = LocalTime.parse(time);
    if (at.getMinute() != 0 || at.getSecond() != 0) {
      throw new IllegalArgumentException("shift " + code + " starts or ends at " + at + ": shifts are on the hour");
    }
    return at;
  }

  private static ZoneId zone(String zone) {
    ZoneId id = ZoneId.of(zone);
    if (id.getRules().getStandardOffset(Instant.now()).getTotalSeconds() % 3600 != 0) {
      // results are hourly in UTC: a half-hour zone would cut every shift across two hours
      throw new IllegalArgumentException("zone " + zone + " is not a whole number of hours from UTC");
    }
    return id;
  }

  /** What it plans: {@code plant|line} (line empty for the plant's), as the topic's key begins. */
  @Override
  public String scope() {
    return SettingsScope.calendar(plant, line);
  }

  /** The shift occurrence that holds the instant, null when none does (outside every shift, a holiday). */
  public Shift shiftAt(long t) {
    LocalDate day = Instant.ofEpochMilli(t).atZone(zone).toLocalDate();
    for (LocalDate d = day; !d.isBefore(day.minusDays(1)); d = d.minusDays(1)) {
      if (holidays.contains(d)) {
        continue;
      }
      for (ShiftPlan s : shifts) {
        if (s.days().contains(d.getDayOfWeek())) {
          long start = at(d, s.start()), end = end(d, s);
          if (start <= t && t < end) {
            return new Shift(s.code(), start, end);
          }
        }
      }
    }
    return null;
  }

  /**
   * The span [from, to) in pieces: start → label, {@link #PLANNED} for planned time, else why it is not
   * (no shift, holiday, break or the planned downtime's reason). Later rules win: a break inside a shift,
   * planned downtime over everything.
   */
  public TreeMap<Long, String> plan(long from, long to) {
    TreeMap<Long, String> plan = new TreeMap<>();
    plan.put(from, NO_SHIFT);
    LocalDate last = Instant.ofEpochMilli(to - 1).atZone(zone).toLocalDate();
    for (LocalDate d = Instant.ofEpochMilli(from).atZone(zone).toLocalDate().minusDays(1); !d.isAfter(last);
        d = d.plusDays(1)) {
      for (ShiftPlan s : shifts) {
        if (!s.days().contains(d.getDayOfWeek())) {
          continue;
        }
        long start = at(d, s.start()), end = end(d, s);
        if (holidays.contains(d)) {
          paint(plan, from, to, start, end, HOLIDAY);
          continue;
        }
        paint(plan, from, to, start, end, PLANNED);
        for (LocalTime[] b : s.breaks()) {
          // a break at 01:00 in a shift from 22:00 is the next day's
          LocalDate breakDay = b[0].isBefore(s.start()) ? d.plusDays(1) : d;
          long breakStart = at(breakDay, b[0]);
          long breakEnd = at(b[1].isAfter(b[0]) ? breakDay : breakDay.plusDays(1), b[1]);
          paint(plan, from, to, Math.max(breakStart, start), Math.min(breakEnd, end), BREAK);
        }
      }
    }
    for (Downtime d : downtime) {
      paint(plan, from, to, d.from(), d.to(), d.reason());
    }
    return plan;
  }

  private static void paint(TreeMap<Long, String> plan, long from, long to, long start, long end, String label) {
    start = Math.max(start, from);
    end = Math.min(end, to);
    if (start >= end) {
      return;
    }
    String after = plan.floorEntry(end).getValue();
    plan.subMap(start, true, end, true).clear();
    plan.put(start, label);
    if (end < to) {
      plan.put(end, after);
    }
  }

  private long at(LocalDate day, LocalTime time) {
    return day.atTime(time).atZone(zone).toInstant().toEpochMilli();
  }

  private long end(LocalDate day, ShiftPlan s) {
    return at(s.end().isAfter(s.start()) ? day : day.plusDays(1), s.end());
  }
}
