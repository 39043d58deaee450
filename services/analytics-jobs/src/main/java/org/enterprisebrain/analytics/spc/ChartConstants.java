package org.enterprisebrain.analytics.spc;

/**
 * Control chart factors for subgroup size n (ISO 7870-2:2023 Table 2, GB/T 17989.2-2020 表2; the same
 * values as Montgomery, Introduction to Statistical Quality Control, Appendix VI). d2 relates the mean
 * range to σ, c4 the mean standard deviation; A2, D3, D4 follow from them.
 */
public final class ChartConstants {

  private static final double[] D2 = {Double.NaN, Double.NaN, 1.128, 1.693, 2.059, 2.326, 2.534, 2.704, 2.847,
      2.970, 3.078, 3.173, 3.258, 3.336, 3.407, 3.472, 3.532, 3.588, 3.640, 3.689, 3.735, 3.778, 3.819, 3.858,
      3.895, 3.931};
  private static final double[] C4 = {Double.NaN, Double.NaN, 0.7979, 0.8862, 0.9213, 0.9400, 0.9515, 0.9594,
      0.9650, 0.9693, 0.9727, 0.9754, 0.9776, 0.9794, 0.9810, 0.9823, 0.9835, 0.9845, 0.9854, 0.9862, 0.9869,
      0.9876, 0.9882, 0.9887, 0.9892, 0.9896};
  /** d3: standard deviation of the relative range, for the limits of the R chart. */
  private static final double[] D3_SMALL = {Double.NaN, Double.NaN, 0.853, 0.888, 0.880, 0.864, 0.848, 0.833,
      0.820, 0.808, 0.797, 0.787, 0.778, 0.770, 0.763, 0.756, 0.750, 0.744, 0.739, 0.734, 0.729, 0.724, 0.720,
      0.716, 0.712, 0.708};

  /**
   * D3 and D4 as the tables print them: derived from d3 and d2 rounded to three decimals they would differ in
   * the fourth digit (1 + 3 × 0.853 / 1.128 = 3.2686 for n = 2, where the tables and the books use 3.267).
   */
  private static final double[] BIG_D3 = {Double.NaN, Double.NaN, 0, 0, 0, 0, 0, 0.076, 0.136, 0.184, 0.223,
      0.256, 0.283, 0.307, 0.328, 0.347, 0.363, 0.378, 0.391, 0.403, 0.415, 0.425, 0.434, 0.443, 0.451, 0.459};
  private static final double[] BIG_D4 = {Double.NaN, Double.NaN, 3.267, 2.574, 2.282, 2.114, 2.004, 1.924, 1.864,
      1.816, 1.777, 1.744, 1.717, 1.693, 1.672, 1.653, 1.637, 1.622, 1.608, 1.597, 1.585, 1.575, 1.566, 1.557,
      1.548, 1.541};

  private ChartConstants() {
  }

  public static final int LARGEST_TABLED = 25;

  public static double d2(int n) {
    checkTabled(n);
    return D2[n];
  }

  public static double c4(int n) {
    check(n);
    return n <= LARGEST_TABLED ? C4[n] : 4.0 * (n - 1) / (4.0 * n - 3);
  }

  public static double d3(int n) {
    checkTabled(n);
    return D3_SMALL[n];
  }

  /** A2 = 3 / (d2 √n): X̄ chart limits are X̿ ± A2 R̄. */
  public static double a2(int n) {
    return 3 / (d2(n) * Math.sqrt(n));
  }

  /** D3 = max(0, 1 − 3 d3/d2), as tabled: R chart lower limit factor. */
  public static double bigD3(int n) {
    checkTabled(n);
    return BIG_D3[n];
  }

  /** D4 = 1 + 3 d3/d2, as tabled: R chart upper limit factor. */
  public static double bigD4(int n) {
    checkTabled(n);
    return BIG_D4[n];
  }

  /** B3 = max(0, 1 − 3 √(1 − c4²) / c4): S chart lower limit factor. */
  public static double b3(int n) {
    double c4 = c4(n);
    return Math.max(0, 1 - 3 * Math.sqrt(1 - c4 * c4) / c4);
  }

  /** B4 = 1 + 3 √(1 − c4²) / c4: S chart upper limit factor. */
  public static double b4(int n) {
    double c4 = c4(n);
    return 1 + 3 * Math.sqrt(1 - c4 * c4) / c4;
  }

  private static void check(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("subgroup size must be at least 2, was " + n);
    }
  }

  /** Only c4 has a closed form beyond the table; range charts are not used for such subgroups. */
  private static void checkTabled(int n) {
    check(n);
    if (n > LARGEST_TABLED) {
      throw new IllegalArgumentException("no range chart factors for subgroups of " + n + " (at most "
          + LARGEST_TABLED + "): use the S chart");
    }
  }
}
