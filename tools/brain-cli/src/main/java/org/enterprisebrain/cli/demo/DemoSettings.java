package org.enterprisebrain.cli.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.client.ApiException;
import org.enterprisebrain.client.analytics.api.EnergyApi;
import org.enterprisebrain.client.analytics.api.OeeApi;
import org.enterprisebrain.client.analytics.api.SpcApi;
import org.enterprisebrain.client.analytics.model.CalendarShift;
import org.enterprisebrain.client.analytics.model.EnergySettings;
import org.enterprisebrain.client.analytics.model.Routing;
import org.enterprisebrain.client.analytics.model.RoutingOperation;
import org.enterprisebrain.client.analytics.model.SpcChartSettings;
import org.enterprisebrain.client.analytics.model.Tariff;
import org.enterprisebrain.client.analytics.model.TariffPrices;
import org.enterprisebrain.client.analytics.model.TariffSpan;
import org.enterprisebrain.client.analytics.model.TariffSpan.PeriodEnum;
import org.enterprisebrain.client.analytics.model.WorkCalendar;

/**
 * The demo plant's configuration as data, entered the way a plant's manager does it, through the gateway: its
 * work calendar (工作日历: three shifts round the clock, A 早班 06–14, B 中班 14–22, C 夜班 22–06, and the 2027
 * New Year's Day holiday; its meal breaks are not entered, because the simulated machines finish the state they are
 * in before they stop for one, and parts made in time the calendar does not plan would push performance past 1)
 * and its time-of-use electricity prices (分时电价, on the
 * energy job's default periods; illustrative prices, the energy job gives each hour its cost); and, as the
 * quality engineer, a phase I of {@value #BASELINE} subgroups for each of its SPC charts (the job's default of 25
 * would take the demo's inspections most of a day), so its charts have limits, capability and rule checks within
 * the replay; and, as the industrial engineer, each product's routing with the ideal cycle time of each operation
 * (the demo's second product of each line takes longer per part than its machines' nominal cycle).
 *
 * <p>Run again on a platform that has them, it finds them and changes nothing.
 */
public final class DemoSettings {

  public static final String PLANT = "hz-01";
  private static final String ZONE = "Asia/Shanghai";
  static final int BASELINE = 8;

  private final String gateway;

  public DemoSettings(String gateway) {
    this.gateway = gateway;
  }

  static WorkCalendar calendar(OffsetDateTime from) {
    return new WorkCalendar().plant(PLANT).zone(ZONE).effectiveFrom(from)
        .shifts(List.of(shift("A", "06:00", "14:00"), shift("B", "14:00", "22:00"), shift("C", "22:00", "06:00")))
        .holidays(List.of(LocalDate.of(2027, 1, 1))).reason("demo: 三班制；元旦放假");
  }

  static EnergySettings energy(OffsetDateTime from) {
    return new EnergySettings().plant(PLANT).zone(ZONE).effectiveFrom(from)
        .tariff(new Tariff().periods(List.of(span(PeriodEnum.SHARP, "19:00", "21:00"),
                span(PeriodEnum.PEAK, "08:00", "11:00"), span(PeriodEnum.PEAK, "13:00", "19:00"),
                span(PeriodEnum.PEAK, "21:00", "22:00"), span(PeriodEnum.VALLEY, "22:00", "08:00"),
                span(PeriodEnum.VALLEY, "11:00", "13:00")))
            .prices(new TariffPrices().sharp(1.18).peak(0.98).flat(0.62).valley(0.32)).currency("CNY"))
        .reason("demo: 分时电价（示例电价）");
  }

  static SpcChartSettings baseline(String[] chart, OffsetDateTime from) {
    return new SpcChartSettings().plant(PLANT).equipment(chart[0]).product(chart[1]).characteristic(chart[2])
        .effectiveFrom(from).baselineSubgroups(BASELINE)
        .reason("demo: 短基线（" + BASELINE + " 个子组），使演示中的控制图尽快有控制限");
  }

  /**
   * Enters the calendar and the energy prices (as the manager) and the charts' baselines (as the engineer) unless
   * the plant has them, in force from {@code from} (the start of the demo's replay, at most the 7 days back the
   * analytics accept); says what it did.
   */
  public void enter(String managerToken, String engineerToken, Instant from, PrintStream out) throws ApiException {
    Instant reach = Instant.now().minus(Duration.ofDays(7)).plus(Duration.ofMinutes(5));
    OffsetDateTime effective = (from.isBefore(reach) ? reach : from).atOffset(ZoneOffset.UTC);
    OeeApi oee = new OeeApi(Gateway.client(gateway, managerToken));
    if (oee.listWorkCalendars(PLANT, null).isEmpty()) {
      oee.changeWorkCalendar(calendar(effective));
      out.println("demo settings: three shifts and New Year's Day entered for " + PLANT
          + " by the manager (OEE's planned time comes from them)");
    }
    EnergyApi energy = new EnergyApi(Gateway.client(gateway, managerToken));
    if (energy.listEnergySettings(PLANT).isEmpty()) {
      energy.changeEnergySettings(energy(effective));
      out.println("demo settings: time-of-use electricity prices entered for " + PLANT
          + " by the manager (each hour of electricity gets its cost)");
    }
    SpcApi spc = new SpcApi(Gateway.client(gateway, engineerToken));
    int charts = 0;
    for (String[] c : DemoFactory.charts()) {
      if (spc.listChartSettings(PLANT, c[2], c[1], c[0]).isEmpty()) {
        spc.changeChartSettings(baseline(c, effective));
        charts++;
      }
    }
    if (charts > 0) {
      out.println("demo settings: a phase I of " + BASELINE + " subgroups set for " + charts
          + " SPC charts by the quality engineer");
    }
    OeeApi engineering = new OeeApi(Gateway.client(gateway, engineerToken));
    int products = 0;
    for (Map.Entry<String, List<DemoFactory.RoutingStep>> r : DemoFactory.routings().entrySet()) {
      if (engineering.listRoutings(PLANT, r.getKey()).isEmpty()) {
        engineering.changeRouting(routing(r.getKey(), r.getValue(), effective));
        products++;
      }
    }
    if (products > 0) {
      out.println("demo settings: the routings of " + products + " products with each operation's ideal cycle time "
          + "entered by the industrial engineer (OEE's performance counts each product at its own)");
    }
  }

  static Routing routing(String product, List<DemoFactory.RoutingStep> steps, OffsetDateTime from) {
    return new Routing().plant(PLANT).product(product).effectiveFrom(from)
        .operations(steps.stream().map(s -> new RoutingOperation().operation(s.operation())
            .idealCycleSeconds(s.idealCycleSeconds())).toList())
        .reason("demo: 工艺路线理论节拍");
  }

  private static CalendarShift shift(String code, String start, String end) {
    return new CalendarShift().code(code).start(start).end(end);
  }

  private static TariffSpan span(PeriodEnum period, String start, String end) {
    return new TariffSpan().period(period).start(start).end(end);
  }
}
