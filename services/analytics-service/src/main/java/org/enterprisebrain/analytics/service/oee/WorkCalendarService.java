package org.enterprisebrain.analytics.service.oee;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.enterprisebrain.analytics.model.SettingsScope;
import org.enterprisebrain.analytics.service.api.model.CalendarBreak;
import org.enterprisebrain.analytics.service.api.model.CalendarShift;
import org.enterprisebrain.analytics.service.api.model.PlannedDowntime;
import org.enterprisebrain.analytics.service.api.model.WorkCalendar;
import org.enterprisebrain.analytics.service.api.model.WorkCalendarVersion;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.results.Selection;
import org.enterprisebrain.analytics.service.settings.SettingsVersions;
import org.enterprisebrain.messages.WorkCalendarVersionPlannedDowntimeInner;
import org.enterprisebrain.messages.WorkCalendarVersionShiftsInner;
import org.enterprisebrain.messages.WorkCalendarVersionShiftsInnerBreaksInner;
import org.enterprisebrain.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Versions of a plant's or a line's work calendar ({@link SettingsVersions}): each change is checked, kept in
 * {@code <prefix>calendars} with who, when and why, and sent on the compacted calendars topic, where the OEE
 * job reads it as a broadcast stream and plans every hour it computes from then on by it.
 */
@Service
public class WorkCalendarService {

  static final String INDEX = "calendars";
  private static final Pattern CODE = Pattern.compile("^[^\\s|]{1,16}$");
  private static final Pattern REASON_CODE = Pattern.compile("^[A-Za-z0-9_.-]{1,32}$");
  private static final Pattern HOUR = Pattern.compile("^([01][0-9]|2[0-3]):00$");
  private static final Pattern MINUTE = SettingsVersions.MINUTE;
  private static final int DAY = 1440, WEEK = 7 * DAY;
  /** The longest planned downtime one entry may hold (a plant shut for longer plans no shifts then). */
  static final Duration LONGEST_DOWNTIME = Duration.ofDays(31);

  private final SettingsVersions versions;

  public WorkCalendarService(ResultStore store, KafkaTemplate<String, String> kafka,
      @Value("${brain.analytics.calendars-topic}") String topic) {
    this.versions = new SettingsVersions(store, kafka, topic, INDEX, "the calendar", "scope");
  }


  public WorkCalendarVersion change(WorkCalendar change) {
    String plant = SettingsVersions.plant(change.getPlant());
    if (change.getLine() != null && change.getLine().isBlank()) {
      throw ProblemException.badRequest("line", "leave it out for the plant's calendar");
    }
    String reason = SettingsVersions.reason(change.getReason());
    String zone = SettingsVersions.zone(change.getZone());
    Instant from = versions.effectiveFrom(change.getEffectiveFrom());

    String line = change.getLine();
    List<WorkCalendarVersionShiftsInner> shifts = shifts(change.getShifts());
    List<LocalDate> days = change.getHolidays() == null ? List.of() : change.getHolidays();
    if (days.size() > 400) {
      throw ProblemException.badRequest("holidays", "at most 400 days");
    }
    List<LocalDate> holidays = List.copyOf(new TreeSet<>(days));
    List<WorkCalendarVersionPlannedDowntimeInner> downtime = downtime(change.getPlannedDowntime());
    String scope = SettingsScope.calendar(plant, line);
    return ResultStore.JSON.convertValue(versions.record(scope, v -> new org.enterprisebrain.messages.WorkCalendarVersion(
        plant, line, zone, v.version(), v.effectiveFrom(), shifts, holidays, downtime, v.reason(), v.changedAt(),
        v.changedBy()), from, reason), WorkCalendarVersion.class);
  }

  public List<WorkCalendarVersion> history(String plant, String line) {
    Selection.of(plant, null, null);
    return versions.history(SettingsScope.calendar(plant, line)).stream()
        .map(d -> ResultStore.JSON.convertValue(d, WorkCalendarVersion.class)).toList();
  }

  /** The shifts as the topic carries them, after checking each and that no two overlap in the week. */
  private static List<WorkCalendarVersionShiftsInner> shifts(List<CalendarShift> shifts) {
    if (shifts == null || shifts.isEmpty()) {
      throw ProblemException.badRequest("shifts", "at least one shift");
    }
    if (shifts.size() > 12) {
      throw ProblemException.badRequest("shifts", "at most 12 shifts");
    }
    List<WorkCalendarVersionShiftsInner> out = new ArrayList<>();
    List<int[]> week = new ArrayList<>(); // [start minute of the week, end, shift index]
    for (int i = 0; i < shifts.size(); i++) {
      CalendarShift s = shifts.get(i);
      String at = "shifts/" + i;
      if (s.getCode() == null || !CODE.matcher(s.getCode()).matches()) {
        throw ProblemException.badRequest(at + "/code", "1 to 16 characters, no space or | (A, B, 早班 …)");
      }
      int start = minutes(at + "/start", s.getStart(), HOUR, "HH:00: shifts start on the hour");
      int end = minutes(at + "/end", s.getEnd(), HOUR, "HH:00: shifts end on the hour");
      int length = Math.floorMod(end - start, DAY) == 0 ? DAY : Math.floorMod(end - start, DAY);
      TreeSet<Integer> days = new TreeSet<>();
      List<Integer> given = s.getDays() == null || s.getDays().isEmpty() ? List.of(1, 2, 3, 4, 5, 6, 7) : s.getDays();
      for (int d = 0; d < given.size(); d++) {
        Integer day = given.get(d);
        if (day == null || day < 1 || day > 7) {
          throw ProblemException.badRequest(at + "/days/" + d, "ISO weekday 1 (Monday) to 7 (Sunday), was " + day);
        }
        days.add(day);
      }
      for (int day : days) {
        int weekStart = (day - 1) * DAY + start;
        week.add(new int[] {weekStart, weekStart + length, i});
      }
      List<WorkCalendarVersionShiftsInnerBreaksInner> breaks = new ArrayList<>();
      List<CalendarBreak> given2 = s.getBreaks() == null ? List.of() : s.getBreaks();
      if (given2.size() > 8) {
        throw ProblemException.badRequest(at + "/breaks", "at most 8 breaks");
      }
      for (int b = 0; b < given2.size(); b++) {
        String bat = at + "/breaks/" + b;
        CalendarBreak br = given2.get(b);
        int bs = Math.floorMod(minutes(bat + "/start", br.getStart(), MINUTE, "HH:MM") - start, DAY);
        int be = Math.floorMod(minutes(bat + "/end", br.getEnd(), MINUTE, "HH:MM") - start, DAY);
        be = be == 0 ? DAY : be;
        if (bs >= be || be > length) {
          throw ProblemException.badRequest(bat, "a break " + br.getStart() + "–" + br.getEnd() + " is not inside shift "
              + s.getCode() + " (" + s.getStart() + "–" + s.getEnd() + ")");
        }
        breaks.add(new WorkCalendarVersionShiftsInnerBreaksInner(br.getStart(), br.getEnd()));
      }
      // days as given (none: every day of the week)
      out.add(new WorkCalendarVersionShiftsInner(s.getCode(), s.getStart(), s.getEnd(),
          s.getDays() != null && !s.getDays().isEmpty() ? List.copyOf(days) : null, breaks));
    }
    // a shift of Sunday night reaches into Monday: compare in a week and the part past its end from its start
    List<int[]> spans = new ArrayList<>();
    for (int[] w : week) {
      spans.add(new int[] {w[0], Math.min(w[1], WEEK), w[2]});
      if (w[1] > WEEK) {
        spans.add(new int[] {0, w[1] - WEEK, w[2]});
      }
    }
    spans.sort(Comparator.comparingInt(w -> w[0]));
    for (int k = 1; k < spans.size(); k++) {
      if (spans.get(k)[0] < spans.get(k - 1)[1]) {
        int a = spans.get(k - 1)[2], b = spans.get(k)[2];
        throw ProblemException.badRequest("shifts/" + Math.max(a, b), "shift " + shifts.get(Math.max(a, b)).getCode()
            + " overlaps shift " + shifts.get(Math.min(a, b)).getCode() + (a == b ? " (itself, the next day)" : ""));
      }
    }
    return out;
  }

  private static List<WorkCalendarVersionPlannedDowntimeInner> downtime(List<PlannedDowntime> downtime) {
    List<WorkCalendarVersionPlannedDowntimeInner> out = new ArrayList<>();
    List<PlannedDowntime> given = downtime == null ? List.of() : downtime;
    if (given.size() > 500) {
      throw ProblemException.badRequest("plannedDowntime", "at most 500 entries");
    }
    for (int i = 0; i < given.size(); i++) {
      PlannedDowntime d = given.get(i);
      String at = "plannedDowntime/" + i;
      if (d.getFrom() == null) {
        throw ProblemException.badRequest(at + "/from", "from is required");
      }
      if (d.getTo() == null || !d.getTo().isAfter(d.getFrom())) {
        throw ProblemException.badRequest(at + "/to", "to must be after from");
      }
      if (Duration.between(d.getFrom(), d.getTo()).compareTo(LONGEST_DOWNTIME) > 0) {
        throw ProblemException.badRequest(at + "/to", "at most " + LONGEST_DOWNTIME.toDays() + " days in one entry");
      }
      if (d.getReason() == null || !REASON_CODE.matcher(d.getReason()).matches()) {
        throw ProblemException.badRequest(at + "/reason", "a reason code: 1 to 32 letters, digits, '.', '-' or '_'");
      }
      out.add(new WorkCalendarVersionPlannedDowntimeInner(d.getFrom().toInstant(), d.getTo().toInstant(),
          d.getReason()));
    }
    return out;
  }

  private static int minutes(String field, String value, Pattern pattern, String expected) {
    return SettingsVersions.minutes(field, value, pattern, expected);
  }
}
