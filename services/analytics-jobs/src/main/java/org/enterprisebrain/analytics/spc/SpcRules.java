package org.enterprisebrain.analytics.spc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The eight tests for special causes of GB/T 17989.2-2020 / ISO 7870-2 (Nelson's rules; rules 1, 2 with
 * eight points, 5 and 6 are the Western Electric rules), applied to a chart's points expressed in σ of
 * the plotted statistic from the center line (zone C within 1σ, B within 2σ, A within 3σ). A rule is
 * reported at the point that completes its pattern.
 */
public final class SpcRules {

  /** How many points the longest rule (7) looks back. */
  public static final int WINDOW = 15;

  public record Rule(int number, String zh, String en, String severity) {}

  public static final List<Rule> ALL = List.of(
      new Rule(1, "1点落在A区以外（超出3σ控制限）", "1 point beyond 3σ (outside zone A)", "critical"),
      new Rule(2, "连续9点落在中心线同一侧", "9 points in a row on one side of the center line", "warning"),
      new Rule(3, "连续6点递增或递减", "6 points in a row steadily increasing or decreasing", "warning"),
      new Rule(4, "连续14点中相邻点交替上下", "14 points in a row alternating up and down", "warning"),
      new Rule(5, "连续3点中有2点落在中心线同一侧的B区以外", "2 of 3 points beyond 2σ on the same side", "warning"),
      new Rule(6, "连续5点中有4点落在中心线同一侧的C区以外", "4 of 5 points beyond 1σ on the same side", "warning"),
      new Rule(7, "连续15点落在中心线两侧的C区内", "15 points in a row within 1σ of the center line", "info"),
      new Rule(8, "连续8点落在中心线两侧且无一在C区内", "8 points in a row beyond 1σ on both sides", "warning"));

  private SpcRules() {
  }

  public static Rule rule(int number) {
    return ALL.get(number - 1);
  }

  /**
   * The line a rule judged the point against, on the point's side of the center: rule 1 the 3σ control limit,
   * rule 5 the zone A/B boundary (2σ), rules 6 and 7 the zone B/C boundary (1σ), rule 2 the center line. Trends
   * and alternations (3, 4) and rule 8 (both sides) have no one line: NaN.
   *
   * @param sigma σ of the plotted statistic (σ/√n for means)
   */
  public static double boundary(int rule, double value, double center, double sigma) {
    double side = value >= center ? 1 : -1;
    return switch (rule) {
      case 1 -> center + side * 3 * sigma;
      case 5 -> center + side * 2 * sigma;
      case 6, 7 -> center + side * sigma;
      case 2 -> center;
      default -> Double.NaN;
    };
  }

  /** The rules as a bit mask (bit n for rule n): a plain int keeps a chart's state simple to checkpoint. */
  public static int mask(Set<Integer> rules) {
    int mask = 0;
    for (int rule : rules) {
      mask |= 1 << rule;
    }
    return mask;
  }

  public static List<Integer> violations(double[] z, int mask) {
    Set<Integer> enabled = new java.util.HashSet<>();
    for (int rule = 1; rule <= 8; rule++) {
      if ((mask & 1 << rule) != 0) {
        enabled.add(rule);
      }
    }
    return violations(z, enabled);
  }

  /** The rules the newest point (last of {@code z}) completes; {@code z} holds the recent points in σ. */
  public static List<Integer> violations(double[] z, Set<Integer> enabled) {
    List<Integer> found = new ArrayList<>();
    int n = z.length;
    if (n == 0) {
      return found;
    }
    double last = z[n - 1];
    if (enabled.contains(1) && Math.abs(last) > 3) {
      found.add(1);
    }
    if (enabled.contains(2) && n >= 9 && sameSide(z, n - 9, n)) {
      found.add(2);
    }
    if (enabled.contains(3) && n >= 6 && monotone(z, n - 6, n)) {
      found.add(3);
    }
    if (enabled.contains(4) && n >= 14 && alternating(z, n - 14, n)) {
      found.add(4);
    }
    if (enabled.contains(5) && n >= 3 && beyondOnSide(z, n - 3, n, 2) >= 2) {
      found.add(5);
    }
    if (enabled.contains(6) && n >= 5 && beyondOnSide(z, n - 5, n, 1) >= 4) {
      found.add(6);
    }
    if (enabled.contains(7) && n >= 15 && allWithin(z, n - 15, n)) {
      found.add(7);
    }
    if (enabled.contains(8) && n >= 8 && noneInZoneC(z, n - 8, n)) {
      found.add(8);
    }
    return found;
  }

  private static boolean sameSide(double[] z, int from, int to) {
    boolean above = z[from] > 0, below = z[from] < 0;
    for (int i = from; i < to; i++) {
      above &= z[i] > 0;
      below &= z[i] < 0;
    }
    return above || below;
  }

  private static boolean monotone(double[] z, int from, int to) {
    boolean up = true, down = true;
    for (int i = from + 1; i < to; i++) {
      up &= z[i] > z[i - 1];
      down &= z[i] < z[i - 1];
    }
    return up || down;
  }

  private static boolean alternating(double[] z, int from, int to) {
    for (int i = from + 2; i < to; i++) {
      double a = z[i - 1] - z[i - 2], b = z[i] - z[i - 1];
      if (!(a > 0 && b < 0 || a < 0 && b > 0)) {
        return false;
      }
    }
    return true;
  }

  /** Points beyond {@code sigmas} on the newest point's side; 0 when the newest is not beyond itself. */
  private static int beyondOnSide(double[] z, int from, int to, double sigmas) {
    double last = z[to - 1];
    if (Math.abs(last) <= sigmas) {
      return 0;
    }
    int count = 0;
    for (int i = from; i < to; i++) {
      if (last > 0 ? z[i] > sigmas : z[i] < -sigmas) {
        count++;
      }
    }
    return count;
  }

  private static boolean allWithin(double[] z, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Math.abs(z[i]) >= 1) {
        return false;
      }
    }
    return true;
  }

  private static boolean noneInZoneC(double[] z, int from, int to) {
    boolean above = false, below = false;
    for (int i = from; i < to; i++) {
      if (Math.abs(z[i]) <= 1) {
        return false;
      }
      above |= z[i] > 0;
      below |= z[i] < 0;
    }
    return above && below;
  }
}
