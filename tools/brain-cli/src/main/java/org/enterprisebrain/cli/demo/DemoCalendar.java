package org.enterprisebrain.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo plant's work calendar (工作日历), entered the way a plant's planner does it, through the gateway as
 * the manager: three shifts round the clock (A 早班 06–14, B 中班 14–22, C 夜班 22–06) with the meal breaks the
 * demo's machines stop for, and the 2027 New Year's Day holiday. The OEE job plans every hour by it, so a break
 * is planned stop whatever a machine reports.
 *
 * <p>Run again on a platform that has it, it finds the calendar and changes nothing.
 */
public final class DemoCalendar {

  public static final String PLANT = "hz-01";
  static final String CALENDAR_JSON = """
      {"plant": "%s", "zone": "Asia/Shanghai", "effectiveFrom": "%s",
       "shifts": [{"code": "A", "start": "06:00", "end": "14:00", "breaks": [{"start": "11:30", "end": "12:00"}]},
                  {"code": "B", "start": "14:00", "end": "22:00", "breaks": [{"start": "17:30", "end": "18:00"}]},
                  {"code": "C", "start": "22:00", "end": "06:00", "breaks": [{"start": "02:00", "end": "02:30"}]}],
       "holidays": ["2027-01-01"],
       "reason": "demo: 三班制，含用餐休息；元旦放假"}""";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Gateway gateway;

  public DemoCalendar(String gateway) {
    this.gateway = new Gateway(gateway);
  }

  /**
   * Enters the calendar unless the plant has one, in force from {@code from} (the start of the demo's replay, at
   * most the 7 days back the analytics accept); says what it did.
   */
  public void plan(String managerToken, Instant from, PrintStream out) throws IOException, InterruptedException {
    HttpResponse<String> history = gateway.send("GET", "/api/v1/analytics/oee/calendars?plant=" + PLANT, managerToken,
        null, null);
    Gateway.expect(history, 200);
    if (!JSON.readTree(history.body()).isEmpty()) {
      out.println("demo calendar: " + PLANT + " has its work calendar already");
      return;
    }
    Instant reach = Instant.now().minus(Duration.ofDays(7)).plus(Duration.ofMinutes(5));
    Instant effective = from.isBefore(reach) ? reach : from;
    Gateway.expect(gateway.send("PUT", "/api/v1/analytics/oee/calendars", managerToken, "application/json",
        CALENDAR_JSON.formatted(PLANT, effective)), 202);
    out.println("demo calendar: three shifts with meal breaks and New Year's Day entered for " + PLANT
        + " by the manager (OEE's planned time comes from it)");
  }
}
