package org.enterprisebrain.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo plant's configuration as data, entered the way a plant's manager does it, through the gateway: its
 * work calendar (工作日历: three shifts round the clock, A 早班 06–14, B 中班 14–22, C 夜班 22–06, and the 2027
 * New Year's Day holiday; its meal breaks are not entered, because the simulated machines finish the state they are
 * in before they stop for one, and parts made in time the calendar does not plan would push performance past 1) and its time-of-use electricity prices (分时电价, on the
 * energy job's default periods; illustrative prices, the energy job gives each hour its cost); and, as the
 * quality engineer, a phase I of {@value #BASELINE} subgroups for each of its SPC charts (the job's default of 25
 * would take the demo's inspections most of a day), so its charts have limits, capability and rule checks within
 * the replay.
 *
 * <p>Run again on a platform that has them, it finds them and changes nothing.
 */
public final class DemoSettings {

  public static final String PLANT = "hz-01";
  static final String CALENDAR_JSON = """
      {"plant": "%s", "zone": "Asia/Shanghai", "effectiveFrom": "%s",
       "shifts": [{"code": "A", "start": "06:00", "end": "14:00"},
                  {"code": "B", "start": "14:00", "end": "22:00"},
                  {"code": "C", "start": "22:00", "end": "06:00"}],
       "holidays": ["2027-01-01"],
       "reason": "demo: 三班制；元旦放假"}""";

  static final String ENERGY_JSON = """
      {"plant": "%s", "zone": "Asia/Shanghai", "effectiveFrom": "%s",
       "tariff": {"periods": [{"period": "sharp", "start": "19:00", "end": "21:00"},
                              {"period": "peak", "start": "08:00", "end": "11:00"},
                              {"period": "peak", "start": "13:00", "end": "19:00"},
                              {"period": "peak", "start": "21:00", "end": "22:00"},
                              {"period": "valley", "start": "22:00", "end": "08:00"},
                              {"period": "valley", "start": "11:00", "end": "13:00"}],
                  "prices": {"sharp": 1.18, "peak": 0.98, "flat": 0.62, "valley": 0.32}, "currency": "CNY"},
       "reason": "demo: 分时电价（示例电价）"}""";

  static final int BASELINE = 8;
  static final String SPC_JSON = """
      {"plant": "%s", "equipment": "%s", "product": "%s", "characteristic": "%s", "effectiveFrom": "%s",
       "baselineSubgroups": %d, "reason": "demo: 短基线（%d 个子组），使演示中的控制图尽快有控制限"}""";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Gateway gateway;

  public DemoSettings(String gateway) {
    this.gateway = new Gateway(gateway);
  }

  /**
   * Enters the calendar and the energy prices (as the manager) and the charts' baselines (as the engineer) unless
   * the plant has them, in force from {@code from} (the start of the demo's replay, at most the 7 days back the
   * analytics accept); says what it did.
   */
  public void enter(String managerToken, String engineerToken, Instant from, PrintStream out)
      throws IOException, InterruptedException {
    Instant reach = Instant.now().minus(Duration.ofDays(7)).plus(Duration.ofMinutes(5));
    Instant effective = from.isBefore(reach) ? reach : from;
    if (enter("/api/v1/analytics/oee/calendars", "?plant=" + PLANT, CALENDAR_JSON.formatted(PLANT, effective),
        managerToken)) {
      out.println("demo settings: three shifts and New Year's Day entered for " + PLANT
          + " by the manager (OEE's planned time comes from them)");
    }
    if (enter("/api/v1/analytics/energy/settings", "?plant=" + PLANT, ENERGY_JSON.formatted(PLANT, effective),
        managerToken)) {
      out.println("demo settings: time-of-use electricity prices entered for " + PLANT
          + " by the manager (each hour of electricity gets its cost)");
    }
    int charts = 0;
    for (String[] c : DemoFactory.charts()) {
      String chart = "?plant=" + PLANT + "&equipment=" + c[0] + "&product=" + c[1] + "&characteristic=" + c[2];
      if (enter("/api/v1/analytics/spc/settings", chart,
          SPC_JSON.formatted(PLANT, c[0], c[1], c[2], effective, BASELINE, BASELINE), engineerToken)) {
        charts++;
      }
    }
    if (charts > 0) {
      out.println("demo settings: a phase I of " + BASELINE + " subgroups set for " + charts
          + " SPC charts by the quality engineer");
    }
  }

  /** PUTs the version unless what it configures (the query) has one already; whether it did. */
  private boolean enter(String path, String query, String json, String token) throws IOException, InterruptedException {
    HttpResponse<String> history = gateway.send("GET", path + query, token, null, null);
    Gateway.expect(history, 200);
    if (!JSON.readTree(history.body()).isEmpty()) {
      return false;
    }
    Gateway.expect(gateway.send("PUT", path, token, "application/json", json), 202);
    return true;
  }
}
