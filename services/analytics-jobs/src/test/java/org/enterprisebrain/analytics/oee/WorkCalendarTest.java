package org.enterprisebrain.analytics.oee;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.enterprisebrain.analytics.stream.Envelope;
import org.junit.jupiter.api.Test;

/** A plant's plan: shifts on their weekdays, a night shift's break after midnight, holidays, planned downtime. */
class WorkCalendarTest {

  static final long MIN = 60_000, HOUR = 60 * MIN;

  static JsonNode json(String text) throws Exception {
    return Envelope.JSON.readTree(text);
  }

  /** Two shifts Monday to Friday (Shanghai): day 08:00–20:00 with lunch, night 20:00–08:00 with a meal at 02:00. */
  static WorkCalendar twoShifts(String extra) throws Exception {
    return WorkCalendar.read(json("""
        {"plant":"hz-01","line":"L1","version":2,"effectiveFrom":"2026-03-01T00:00:00Z","zone":"Asia/Shanghai",
         "shifts":[{"code":"D","start":"08:00","end":"20:00","days":[1,2,3,4,5],"breaks":[{"start":"12:00","end":"12:45"}]},
                   {"code":"N","start":"20:00","end":"08:00","days":[1,2,3,4,5],"breaks":[{"start":"02:00","end":"02:30"}]}]
         %s}""".formatted(extra)));
  }

  static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  static Map<String, Long> minutesBy(TreeMap<Long, String> plan, long to) {
    Map<String, Long> m = new TreeMap<>();
    for (var e : plan.entrySet()) {
      Long next = plan.higherKey(e.getKey());
      m.merge(e.getValue().isEmpty() ? "planned" : e.getValue(), ((next == null ? to : next) - e.getKey()) / MIN,
          Long::sum);
    }
    return m;
  }

  @Test
  void aNightShiftsBreakAfterMidnightIsItsOwnAndTheWeekendIsNotPlanned() throws Exception {
    WorkCalendar c = twoShifts("");
    assertThat(c.scope()).isEqualTo("hz-01|L1");
    // Tuesday 2026-03-03 02:00 Shanghai = Monday 18:00Z: the night shift that began Monday 20:00
    long tuesday2 = at("2026-03-02T18:00:00Z");
    assertThat(c.shiftAt(tuesday2).code()).isEqualTo("N");
    assertThat(Instant.ofEpochMilli(c.shiftAt(tuesday2).start())).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
    assertThat(minutesBy(c.plan(tuesday2, tuesday2 + HOUR), tuesday2 + HOUR))
        .isEqualTo(Map.of("break", 30L, "planned", 30L));
    // Friday's night shift ends Saturday 08:00; Saturday day is not planned (2026-03-07 is a Saturday)
    long saturday = at("2026-03-07T00:00:00Z"); // 08:00 Shanghai
    assertThat(c.shiftAt(saturday - MIN).code()).isEqualTo("N");
    assertThat(c.shiftAt(saturday)).isNull();
    assertThat(minutesBy(c.plan(saturday - HOUR, saturday + HOUR), saturday + HOUR))
        .isEqualTo(Map.of("planned", 60L, "no-shift", 60L));
    // a whole working day: 24 h of shifts less 75 minutes of breaks
    long wednesday = at("2026-03-04T00:00:00Z");
    assertThat(minutesBy(c.plan(wednesday, wednesday + 24 * HOUR), wednesday + 24 * HOUR))
        .isEqualTo(Map.of("planned", 24 * 60L - 75, "break", 75L));
  }

  @Test
  void holidaysTakeTheShiftsStartingOnThemAndDowntimeTakesPrecedence() throws Exception {
    WorkCalendar c = twoShifts("""
        ,"holidays":["2026-03-04"],
         "plannedDowntime":[{"from":"2026-03-05T01:30:00Z","to":"2026-03-05T03:00:00Z","reason":"PM"}]""");
    long holiday = at("2026-03-04T00:00:00Z"); // Wednesday 08:00 Shanghai
    assertThat(c.shiftAt(holiday)).isNull();
    assertThat(c.shiftAt(holiday - MIN).code()).as("Tuesday's night shift still ends at 08:00").isEqualTo("N");
    assertThat(minutesBy(c.plan(holiday, holiday + 24 * HOUR), holiday + 24 * HOUR))
        .isEqualTo(Map.of("holiday", 24 * 60L));
    long thursday = at("2026-03-05T00:00:00Z");
    assertThat(minutesBy(c.plan(thursday, thursday + 4 * HOUR), thursday + 4 * HOUR))
        .as("PM 09:30–11:00 Shanghai inside the day shift").isEqualTo(Map.of("planned", 150L, "PM", 90L));
  }

  @Test
  void aVersionThatCannotPlanIsNone() throws Exception {
    assertThat(WorkCalendar.read(json("""
        {"plant":"hz-01","version":1,"effectiveFrom":"2026-03-01T00:00:00Z","shifts":[{"code":"A","start":"06:30","end":"14:00"}]}
        """))).as("off the hour").isNull();
    assertThat(WorkCalendar.read(json("""
        {"plant":"hz-01","version":1,"effectiveFrom":"2026-03-01T00:00:00Z","zone":"Asia/Kolkata","shifts":[{"code":"A","start":"06:00","end":"14:00"}]}
        """))).as("a half-hour zone").isNull();
    assertThat(WorkCalendar.read(json("{\"plant\":\"hz-01\",\"version\":1,\"shifts\":[]}"))).isNull();
  }
}
