package org.enterprisebrain.analytics.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TariffTableTest {

  static final TariffTable TABLE = TariffTable.parse("sharp:19:00-21:00;peak:08:00-11:00;valley:22:00-08:00,11:00-13:00",
      "Asia/Shanghai");

  @Test
  void splitsEvenlyByHourAndPeriodAcrossMidnight() {
    Map<Long, double[]> out = new TreeMap<>();
    // 21:30 to 22:30 Shanghai = 13:30Z to 14:30Z: half flat (21:30-22:00), half valley
    TABLE.split(60, Instant.parse("2026-03-02T13:30:00Z").toEpochMilli(), Instant.parse("2026-03-02T14:30:00Z").toEpochMilli(), out);
    double[] first = out.get(Instant.parse("2026-03-02T13:00:00Z").toEpochMilli());
    double[] second = out.get(Instant.parse("2026-03-02T14:00:00Z").toEpochMilli());
    int flat = TariffTable.PERIODS.indexOf("flat"), valley = TariffTable.PERIODS.indexOf("valley");
    assertThat(first[flat]).isCloseTo(30, within(1e-9));
    assertThat(second[valley]).isCloseTo(30, within(1e-9));
    assertThat(first[4] + second[4]).isCloseTo(60, within(1e-9));
    // 07:00 the next morning is still the valley that began at 22:00
    Map<Long, double[]> morning = new TreeMap<>();
    TABLE.split(10, Instant.parse("2026-03-02T23:00:00Z").toEpochMilli(), Instant.parse("2026-03-02T23:10:00Z").toEpochMilli(), morning);
    assertThat(morning.values().iterator().next()[valley]).isCloseTo(10, within(1e-9));
  }

  @Test
  void refusesUnknownPeriodsAndFactors() {
    assertThatThrownBy(() -> TariffTable.parse("super-peak:08:00-09:00", "Asia/Shanghai")).hasMessageContaining("super-peak");
    assertThatThrownBy(() -> EmissionFactors.parse("electricity=0.5")).hasMessageContaining("medium/unit");
    assertThat(EmissionFactors.parse("electricity/kWh=0.5703").kgPerUnit("electricity", "kWh")).isEqualTo(0.5703);
    assertThat(EmissionFactors.parse("electricity/kWh=0.5703").kgPerUnit("water", "m3")).isNaN();
  }
}
