package org.enterprisebrain.analytics.oee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.TreeMap;
import org.enterprisebrain.analytics.stream.Envelope;
import org.junit.jupiter.api.Test;

class OeeComponentsTest {

  static final long MIN = 60_000;
  static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

  /**
   * The worked example of OEE.com (Vorne Industries), "OEE Calculation: Definitions, Formulas, and
   * Examples": an 8-hour shift with 60 minutes of breaks (planned stops), 47 minutes of downtime, ideal cycle
   * time 1.0 s, 19,271 pieces of which 423 rejects. Published: availability 88.81 %, performance 86.11 %,
   * quality 97.80 %, OEE 74.79 %.
   */
  @Test
  void reproducesThePublishedShiftExample() {
    TreeMap<Long, String> states = new TreeMap<>();
    states.put(T0, "running|");
    states.put(T0 + 120 * MIN, "planned-stop|P01");      // 15 min break
    states.put(T0 + 135 * MIN, "running|");
    states.put(T0 + 200 * MIN, "down|M01");              // 47 min breakdown
    states.put(T0 + 247 * MIN, "running|");
    states.put(T0 + 270 * MIN, "planned-stop|P01");      // 30 min meal
    states.put(T0 + 300 * MIN, "running|");
    states.put(T0 + 420 * MIN, "planned-stop|P01");      // 15 min break
    states.put(T0 + 435 * MIN, "running|");
    OeeComponents c = EquipmentOee.components(states, T0, T0 + 480 * MIN, new long[] {19_271 - 423, 423, 0}, 1000);

    assertThat(c.plannedBusyMs()).isEqualTo(420 * MIN);
    assertThat(c.runMs()).isEqualTo(373 * MIN);
    assertThat(c.availability()).isCloseTo(0.8881, within(0.00005));
    assertThat(c.performance()).isCloseTo(0.8611, within(0.00005));
    assertThat(c.quality()).isCloseTo(0.9780, within(0.00005));
    assertThat(c.oee()).isCloseTo(0.7479, within(0.00005));
    assertThat(c.failures()).isEqualTo(1);
    assertThat(c.mttrMs()).isEqualTo(47.0 * MIN);
    assertThat(c.mtbfMs()).isEqualTo(373.0 * MIN);
    assertThat(c.downtimeByReason()).containsEntry("down/M01", 47 * MIN).containsEntry("planned-stop/P01", 60 * MIN);
  }

  @Test
  void aStateInForceBeforeThePeriodCountsOnlyInsideIt() {
    TreeMap<Long, String> states = new TreeMap<>();
    states.put(T0 - 30 * MIN, "down|M02");   // went down before the hour: not this hour's failure
    states.put(T0 + 15 * MIN, "running|");
    states.put(T0 + 50 * MIN, "down|M02");
    OeeComponents c = EquipmentOee.components(states, T0, T0 + 60 * MIN, new long[] {30, 0, 5}, 60_000);
    assertThat(c.downMs()).isEqualTo(25 * MIN);
    assertThat(c.runMs()).isEqualTo(35 * MIN);
    assertThat(c.failures()).isEqualTo(1);
    assertThat(c.quality()).isCloseTo(30.0 / 35, within(1e-12));
    assertThat(c.performance()).isCloseTo(35.0 / 35, within(1e-12));
  }

  @Test
  void timeBeforeTheFirstKnownStateIsNotObserved() {
    TreeMap<Long, String> states = new TreeMap<>();
    states.put(T0 + 20 * MIN, "running|");
    OeeComponents idle = EquipmentOee.components(states, T0, T0 + 60 * MIN, new long[3], Double.NaN);
    assertThat(idle.observedMs()).isEqualTo(40 * MIN);
    assertThat(idle.availability()).isEqualTo(1.0);
    assertThat(idle.performance()).isZero(); // ran and produced nothing
    OeeComponents unknownCycle = EquipmentOee.components(states, T0, T0 + 60 * MIN, new long[] {5, 0, 0}, Double.NaN);
    assertThat(unknownCycle.performance()).isNaN(); // produced, but no ideal cycle time in the master data
    assertThat(unknownCycle.write(org.enterprisebrain.analytics.stream.Envelope.JSON.createObjectNode()).has("oee"))
        .isFalse();
  }

  @Test
  void unitsTimedByTheirRoutingCountAtItsCycleTheRestAtTheMachines() {
    TreeMap<Long, String> states = new TreeMap<>();
    states.put(T0, "running|");
    // 40 good, 2 scrap; 30 of them timed by their routing (600 s in all), the other 12 at the machine's 60 s
    OeeComponents mixed = EquipmentOee.components(states, T0, T0 + 60 * MIN, new long[] {40, 2, 0, 30, 600_000},
        60_000);
    assertThat(mixed.idealMs()).isEqualTo(600_000 + 12 * 60_000.0);
    assertThat(mixed.performance()).isCloseTo((600 + 720) / 3600.0, org.assertj.core.api.Assertions.within(1e-12));
    // all of them timed by a routing: known although the machine has no cycle time
    OeeComponents routed = EquipmentOee.components(states, T0, T0 + 60 * MIN, new long[] {30, 0, 0, 30, 600_000},
        Double.NaN);
    assertThat(routed.performance()).isCloseTo(600 / 3600.0, org.assertj.core.api.Assertions.within(1e-12));
    // some not timed and no machine cycle: unknown, not counted as zero
    assertThat(EquipmentOee.components(states, T0, T0 + 60 * MIN, new long[] {31, 0, 0, 30, 600_000}, Double.NaN)
        .performance()).isNaN();
  }

  @Test
  void componentsAddUpExactly() {
    TreeMap<Long, String> states = new TreeMap<>();
    states.put(T0, "running|");
    states.put(T0 + 90 * MIN, "setup|Q02");
    states.put(T0 + 100 * MIN, "running|");
    OeeComponents first = EquipmentOee.components(states, T0, T0 + 60 * MIN, new long[] {50, 1, 1}, 60_000);
    OeeComponents second = EquipmentOee.components(states, T0 + 60 * MIN, T0 + 120 * MIN, new long[] {40, 0, 0}, 60_000);
    OeeComponents whole = EquipmentOee.components(states, T0, T0 + 120 * MIN, new long[] {90, 1, 1}, 60_000);
    assertThat(first.plus(second)).isEqualTo(whole);
  }

  @Test
  void shiftsCrossMidnightAndMustStartOnTheHour() {
    WorkCalendar shifts = WorkCalendar.defaults("A@06:00,B@14:00,C@22:00", "Asia/Shanghai");
    // 2026-03-02 01:30 in Shanghai is 2026-03-01T17:30Z: shift C that began at 22:00 the day before
    WorkCalendar.Shift c = shifts.shiftAt(Instant.parse("2026-03-01T17:30:00Z").toEpochMilli());
    assertThat(c.code()).isEqualTo("C");
    assertThat(Instant.ofEpochMilli(c.start())).isEqualTo(Instant.parse("2026-03-01T14:00:00Z"));
    assertThat(Instant.ofEpochMilli(c.end())).isEqualTo(Instant.parse("2026-03-01T22:00:00Z"));
    assertThat(shifts.shiftAt(Instant.parse("2026-03-01T22:00:00Z").toEpochMilli()).code()).isEqualTo("A");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorkCalendar.defaults("A@06:30", "Asia/Shanghai"))
        .hasMessageContaining("on the hour");
  }

  @Test
  void aStateDoesNotRunPastTheEndOfThePlannedShift() {
    // one shift 08:00–12:00 Shanghai (00:00–04:00Z) with a break 10:00–10:15; the machine is set running at
    // 09:00 and nobody closes it: 10:00–11:00Z (18:00 local) is outside every shift
    WorkCalendar calendar = WorkCalendar.read(Envelope.JSON.createObjectNode().put("plant", "p").put("version", 1)
        .put("effectiveFrom", "2026-03-01T00:00:00Z").put("zone", "Asia/Shanghai")
        .set("shifts", Envelope.JSON.createArrayNode().add(Envelope.JSON.createObjectNode().put("code", "D")
            .put("start", "08:00").put("end", "12:00").set("breaks", Envelope.JSON.createArrayNode()
                .add(Envelope.JSON.createObjectNode().put("start", "10:00").put("end", "10:15"))))));
    long day = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    TreeMap<Long, String> states = new TreeMap<>();
    states.put(day + 60 * MIN, "running|");
    OeeComponents inShift = EquipmentOee.components(states, day + 120 * MIN, day + 180 * MIN, new long[] {45, 0, 0},
        60_000, calendar.plan(day + 120 * MIN, day + 180 * MIN));
    assertThat(inShift.plannedStopMs()).as("the break").isEqualTo(15 * MIN);
    assertThat(inShift.runMs()).isEqualTo(45 * MIN);
    assertThat(inShift.availability()).isEqualTo(1.0);
    assertThat(inShift.downtimeByReason()).containsEntry("planned-stop/break", 15 * MIN);
    OeeComponents evening = EquipmentOee.components(states, day + 600 * MIN, day + 660 * MIN, new long[3], 60_000,
        calendar.plan(day + 600 * MIN, day + 660 * MIN));
    assertThat(evening.runMs()).as("running, but no shift is planned").isZero();
    assertThat(evening.plannedStopMs()).isEqualTo(60 * MIN);
    assertThat(evening.downtimeByReason()).containsEntry("planned-stop/no-shift", 60 * MIN);
    assertThat(evening.availability()).as("no planned busy time").isNaN();
    assertThat(calendar.shiftAt(day + 600 * MIN)).isNull();
    assertThat(calendar.shiftAt(day + 30 * MIN).code()).isEqualTo("D");
  }
}
