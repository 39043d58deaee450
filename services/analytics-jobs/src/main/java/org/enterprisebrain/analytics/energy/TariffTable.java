package org.enterprisebrain.analytics.energy;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Time-of-use periods of the plant's electricity tariff (分时电价): {@code sharp}, {@code peak},
 * {@code valley} spans of the local day, everything else {@code flat}, e.g.
 * {@code sharp:19:00-21:00;peak:08:00-11:00,13:00-19:00,21:00-22:00;valley:22:00-08:00,11:00-13:00}. A span
 * may cross midnight. Times are on whole minutes.
 */
public final class TariffTable implements Serializable {

  private static final long serialVersionUID = 1L;
  public static final List<String> PERIODS = List.of("sharp", "peak", "flat", "valley");
  private static final long MINUTE = 60_000;

  /** period index per minute of the day */
  private final byte[] byMinute = new byte[1440];
  private final ZoneId zone;

  private TariffTable(ZoneId zone) {
    this.zone = zone;
    java.util.Arrays.fill(byMinute, (byte) PERIODS.indexOf("flat"));
  }

  public static TariffTable parse(String spec, String zone) {
    TariffTable table = new TariffTable(ZoneId.of(zone));
    for (String part : spec.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int colon = part.indexOf(':');
      String period = part.substring(0, colon).trim();
      int index = PERIODS.indexOf(period);
      if (index < 0) {
        throw new IllegalArgumentException("tariff period '" + period + "' is not one of " + PERIODS);
      }
      for (String span : part.substring(colon + 1).split(",")) {
        String[] fromTo = span.trim().split("-");
        int from = minuteOf(fromTo[0]), to = minuteOf(fromTo[1]);
        for (int m = from; m != to; m = (m + 1) % 1440) {
          table.byMinute[m] = (byte) index;
        }
      }
    }
    return table;
  }

  private static int minuteOf(String hhmm) {
    LocalTime t = LocalTime.parse(hhmm.trim());
    return t.getHour() * 60 + t.getMinute();
  }

  /**
   * Splits an amount consumed evenly over [from, to) by hour (keys: hour start, epoch ms) and period: {@code
   * out.get(hour)[period]}, plus the total in the last slot.
   */
  public void split(double amount, long from, long to, java.util.Map<Long, double[]> out) {
    if (to <= from) {
      return;
    }
    double perMs = amount / (to - from);
    long t = from;
    while (t < to) {
      long nextMinute = Math.min(to, Math.floorDiv(t, MINUTE) * MINUTE + MINUTE);
      ZonedDateTime local = Instant.ofEpochMilli(t).atZone(zone);
      int period = byMinute[local.getHour() * 60 + local.getMinute()];
      long hour = Math.floorDiv(t, 3_600_000L) * 3_600_000L;
      double[] slots = out.computeIfAbsent(hour, h -> new double[PERIODS.size() + 1]);
      double part = perMs * (nextMinute - t);
      slots[period] += part;
      slots[PERIODS.size()] += part;
      t = nextMinute;
    }
  }

  public static List<String> periods() {
    return new ArrayList<>(PERIODS);
  }
}
