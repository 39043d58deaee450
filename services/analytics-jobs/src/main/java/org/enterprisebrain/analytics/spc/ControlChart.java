package org.enterprisebrain.analytics.spc;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * One control chart: X̄-R for subgroups of 2 to 10, X̄-S above 10, I-MR for individual values. Limits come
 * from a phase I baseline of the first {@code baselineSize} points (revised once without the points
 * outside the trial limits, as Montgomery recommends), or are given (center and σ). Then every point is
 * tested against the rules of GB/T 17989.2, and capability is computed over the latest
 * {@code capabilityWindow} points (rolling). The phase I capability — of the baseline points that set the
 * limits — is kept beside it: the figure a PPAP or a customer's first approval asks for, which the rolling
 * one replaces as the window moves on.
 */
public final class ControlChart implements Serializable {

  private static final long serialVersionUID = 1L;
  /** d2 for moving ranges of two: σ = MR̄ / 1.128. */
  private static final double D2_MR = 1.128;

  /**
   * A point as plotted: statistic, its limits (and the settings' version they come from), the rules it completes,
   * rolling and phase I capability.
   */
  public record Point(Subgroup subgroup, String chart, String phase, double spread, double center, double ucl,
      double lcl, double spreadCenter, double spreadUcl, double spreadLcl, double sigma, List<String> violations,
      Capability capability, Capability baselineCapability, int limitsVersion) {}

  /** A subgroup as it was added, kept so that new settings can plot it again. */
  record Added(Subgroup subgroup, double spread, double lsl, double usl) implements Serializable {}

  /** Subgroups kept for new settings to plot again: "recompute from here" reaches this far back. */
  public static final int HISTORY = 500;

  private String chart;
  private int baselineSize;
  private int limitsVersion;
  private final Deque<Added> history = new ArrayDeque<>();
  private final int capabilityWindow;
  private int rules;
  private final List<Subgroup> baseline = new ArrayList<>();
  private final Deque<Double> recentZ = new ArrayDeque<>();
  private final Deque<Subgroup> window = new ArrayDeque<>();
  private final Deque<Double> spreads = new ArrayDeque<>();
  private final List<Double> baselineSpreads = new ArrayList<>();
  private double center = Double.NaN;
  private double sigma = Double.NaN;
  private double previousValue = Double.NaN;
  /** Mean and overall σ of the baseline points the limits were set from; NaN when the limits were given. */
  private double baselineMean = Double.NaN;
  private double baselineSigmaOverall = Double.NaN;

  /** @param chart xbar-r, xbar-s or i-mr: decided by how the data come (subgroups of which size), not by one point */
  public ControlChart(String chart, int baselineSize, int capabilityWindow, Set<Integer> rules) {
    if (!Set.of("xbar-r", "xbar-s", "i-mr").contains(chart)) {
      throw new IllegalArgumentException("no chart " + chart);
    }
    this.chart = chart;
    this.baselineSize = baselineSize;
    this.capabilityWindow = capabilityWindow;
    this.rules = SpcRules.mask(rules);
  }

  /** The chart for subgroups of {@code size} (1: individuals). */
  public static String typeFor(int size) {
    return size <= 1 ? "i-mr" : size <= 10 ? "xbar-r" : "xbar-s";
  }

  /** Limits given (phase II from the start): center line and process σ. */
  public ControlChart withLimits(double center, double sigma) {
    this.center = center;
    this.sigma = sigma;
    baselineMean = Double.NaN; // no baseline set these limits
    baselineSigmaOverall = Double.NaN;
    return this;
  }

  /** The version of the settings the limits come from; 0 for the job's defaults. */
  public int limitsVersion() {
    return limitsVersion;
  }

  /**
   * New settings from {@code effectiveFrom} on ("recompute limits from here"): the kept subgroups from then on
   * are taken back and added again under them — into a new phase I of {@code baselineSize}, or against the
   * limits given ({@code sigma} finite). Returns their points, plotted anew (none when nothing is that recent).
   */
  public List<Point> apply(int version, long effectiveFrom, int baselineSize, double center, double sigma) {
    return apply(version, effectiveFrom, baselineSize, center, sigma, chart, rules);
  }

  /**
   * As {@link #apply(int, long, int, double, double)}, with the chart for subgroups ({@code xbar-r} or
   * {@code xbar-s}; individuals stay {@code i-mr} whatever is asked) and the rules (a {@link SpcRules#mask}).
   */
  public List<Point> apply(int version, long effectiveFrom, int baselineSize, double center, double sigma,
      String type, int rulesMask) {
    if (!chart.equals("i-mr") && ("xbar-r".equals(type) || "xbar-s".equals(type))) {
      this.chart = type;
    }
    this.rules = rulesMask;
    List<Added> again = new ArrayList<>();
    while (!history.isEmpty() && history.peekLast().subgroup().at() >= effectiveFrom) {
      again.add(0, history.removeLast());
    }
    // the rolling state as it was just before effectiveFrom
    window.clear();
    spreads.clear();
    recentZ.clear();
    previousValue = history.isEmpty() ? Double.NaN : history.peekLast().subgroup().mean();
    history.stream().skip(Math.max(0, history.size() - capabilityWindow)).forEach(a -> {
      window.addLast(a.subgroup());
      spreads.addLast(a.spread());
    });
    baseline.clear();
    baselineSpreads.clear();
    this.limitsVersion = version;
    this.baselineSize = baselineSize;
    if (Double.isFinite(sigma)) {
      withLimits(center, sigma);
    } else {
      this.center = Double.NaN;
      this.sigma = Double.NaN;
      baselineMean = Double.NaN;
      baselineSigmaOverall = Double.NaN;
    }
    List<Point> points = new ArrayList<>();
    for (Added a : again) {
      points.addAll(add(a.subgroup(), a.lsl(), a.usl()));
    }
    return points;
  }

  public boolean hasLimits() {
    return Double.isFinite(sigma);
  }

  /**
   * Adds a point; returns the points to (re)publish: just this one, or, when the baseline completes, every
   * baseline point again with the limits it established.
   */
  public List<Point> add(Subgroup s, double lsl, double usl) {
    // a subgroup cut short to one value (closed by its timeout) has a mean but no spread
    double spread = chart.equals("i-mr") ? Math.abs(s.mean() - previousValue)
        : s.n() < 2 ? Double.NaN : chart.equals("xbar-r") ? s.range() : s.sd();
    previousValue = s.mean();
    window.addLast(s);
    while (window.size() > capabilityWindow) {
      window.removeFirst();
    }
    spreads.addLast(spread);
    while (spreads.size() > capabilityWindow) {
      spreads.removeFirst();
    }
    history.addLast(new Added(s, spread, lsl, usl));
    while (history.size() > HISTORY) {
      history.removeFirst();
    }
    if (hasLimits()) {
      return List.of(plot(s, spread, lsl, usl, "monitoring"));
    }
    baseline.add(s);
    baselineSpreads.add(spread);
    if (baseline.size() < baselineSize) {
      return List.of(new Point(s, chart, "baseline", spread, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, List.of(), Capability.of(Double.NaN, Double.NaN, Double.NaN, lsl, usl),
          Capability.of(Double.NaN, Double.NaN, Double.NaN, lsl, usl), limitsVersion));
    }
    establish();
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < baseline.size(); i++) {
      // still phase I points: they set the limits they are now drawn against
      points.add(plot(baseline.get(i), baselineSpreads.get(i), lsl, usl, "baseline"));
    }
    baseline.clear();
    baselineSpreads.clear();
    return points;
  }

  /** Phase I: trial limits from all baseline points, then once more without those outside them. */
  private void establish() {
    boolean[] keep = new boolean[baseline.size()];
    java.util.Arrays.fill(keep, true);
    estimate(keep);
    boolean excluded = false;
    for (int i = 0; i < baseline.size(); i++) {
      Subgroup s = baseline.get(i);
      double sp = baselineSpreads.get(i);
      double limit = 3 * sigma / Math.sqrt(s.n());
      if (Math.abs(s.mean() - center) > limit || Double.isFinite(sp) && sp > spreadUcl(s.n())) {
        keep[i] = false;
        excluded = true;
      }
    }
    if (excluded) {
      estimate(keep);
    }
    overall(keep);
  }

  /** Mean and overall σ of the kept baseline subgroups' values (pooled: within plus between), for phase I Pp/Ppk. */
  private void overall(boolean[] keep) {
    List<Subgroup> kept = new ArrayList<>();
    for (int i = 0; i < baseline.size(); i++) {
      if (keep[i]) {
        kept.add(baseline.get(i));
      }
    }
    double[] pooled = pooled(kept);
    baselineMean = pooled[0];
    baselineSigmaOverall = pooled[1];
  }

  /** Mean and overall sample σ of every value of {@code groups}, from their means and m2 (within plus between). */
  private static double[] pooled(Iterable<Subgroup> groups) {
    double sum = 0, m2 = 0;
    long count = 0;
    for (Subgroup s : groups) {
      sum += s.mean() * s.n();
      count += s.n();
    }
    double mean = sum / count;
    for (Subgroup s : groups) {
      m2 += s.m2() + s.n() * (s.mean() - mean) * (s.mean() - mean);
    }
    return new double[] {mean, count > 1 ? Math.sqrt(m2 / (count - 1)) : Double.NaN};
  }

  private void estimate(boolean[] keep) {
    double sumMean = 0, sumSigma = 0;
    int count = 0, spreadCount = 0;
    for (int i = 0; i < baseline.size(); i++) {
      if (!keep[i]) {
        continue;
      }
      Subgroup s = baseline.get(i);
      sumMean += s.mean();
      count++;
      double sp = baselineSpreads.get(i);
      if (Double.isFinite(sp)) {
        sumSigma += sigmaOf(sp, chart.equals("i-mr") ? 2 : s.n());
        spreadCount++;
      }
    }
    center = sumMean / count;
    sigma = sumSigma / spreadCount;
  }

  /** σ estimated from one spread statistic: R / d2, S / c4, MR / 1.128. */
  private double sigmaOf(double spread, int n) {
    return switch (chart) {
      case "xbar-r" -> spread / ChartConstants.d2(n);
      case "xbar-s" -> spread / ChartConstants.c4(n);
      default -> spread / D2_MR;
    };
  }

  private double spreadCenter(int n) {
    return switch (chart) {
      case "xbar-r" -> ChartConstants.d2(n) * sigma;
      case "xbar-s" -> ChartConstants.c4(n) * sigma;
      default -> D2_MR * sigma;
    };
  }

  private double spreadUcl(int n) {
    return switch (chart) {
      case "xbar-r" -> ChartConstants.bigD4(n) * spreadCenter(n);
      case "xbar-s" -> ChartConstants.b4(n) * spreadCenter(n);
      default -> ChartConstants.bigD4(2) * spreadCenter(2);
    };
  }

  private double spreadLcl(int n) {
    return switch (chart) {
      case "xbar-r" -> ChartConstants.bigD3(n) * spreadCenter(n);
      case "xbar-s" -> ChartConstants.b3(n) * spreadCenter(n);
      default -> 0;
    };
  }

  private Point plot(Subgroup s, double spread, double lsl, double usl, String phase) {
    int n = chart.equals("i-mr") ? 1 : s.n();
    double half = 3 * sigma / Math.sqrt(n);
    // identical baseline values give σ = 0: no zones, so no rule can be judged
    double z = sigma > 0 ? (s.mean() - center) / (sigma / Math.sqrt(n)) : 0;
    recentZ.addLast(z);
    while (recentZ.size() > SpcRules.WINDOW) {
      recentZ.removeFirst();
    }
    double[] zs = recentZ.stream().mapToDouble(Double::doubleValue).toArray();
    List<String> violations = new ArrayList<>();
    for (int rule : SpcRules.violations(zs, rules)) {
      violations.add(Integer.toString(rule));
    }
    int spreadN = chart.equals("i-mr") ? 2 : n;
    boolean hasSpread = spreadN >= 2; // a subgroup cut short to one value has none
    double sUcl = hasSpread ? spreadUcl(spreadN) : Double.NaN, sLcl = hasSpread ? spreadLcl(spreadN) : Double.NaN;
    if (Double.isFinite(spread) && (spread > sUcl || sLcl > 0 && spread < sLcl)) {
      violations.add("S1"); // the spread chart's own rule 1
    }
    return new Point(s, chart, phase, spread, center, center + half, center - half,
        hasSpread ? spreadCenter(spreadN) : Double.NaN, sUcl, sLcl, sigma, violations, capability(lsl, usl),
        Capability.of(baselineMean, Double.isFinite(baselineMean) ? sigma : Double.NaN, baselineSigmaOverall, lsl, usl),
        limitsVersion);
  }

  /** Capability over the latest points, once the window holds at least ten (fewer say little). */
  private Capability capability(double lsl, double usl) {
    if (window.size() < Math.min(10, capabilityWindow)) {
      return Capability.of(Double.NaN, Double.NaN, Double.NaN, lsl, usl);
    }
    double sumSigma = 0;
    int sigmas = 0;
    double[] pooled = pooled(window);
    for (Subgroup s : window) {
      if (!chart.equals("i-mr") && s.n() >= 2) {
        sumSigma += sigmaOf(chart.equals("xbar-r") ? s.range() : s.sd(), s.n());
        sigmas++;
      }
    }
    if (chart.equals("i-mr")) {
      for (double mr : spreads) {
        if (Double.isFinite(mr)) {
          sumSigma += mr / D2_MR;
          sigmas++;
        }
      }
    }
    return Capability.of(pooled[0], sumSigma / sigmas, pooled[1], lsl, usl);
  }
}
