package org.enterprisebrain.analytics.spc;

/**
 * Process capability and performance indices (ISO 22514-2; GB/T 4091 for the charts): Cp and Cpk from the
 * within-subgroup σ the control chart estimates, Pp and Ppk from the overall standard deviation. A
 * missing specification limit leaves the indices that need it undefined (NaN).
 */
public record Capability(double cp, double cpk, double pp, double ppk) {

  public static Capability of(double mean, double sigmaWithin, double sigmaOverall, double lsl, double usl) {
    return new Capability(
        Double.isFinite(lsl) && Double.isFinite(usl) ? (usl - lsl) / (6 * sigmaWithin) : Double.NaN,
        k(mean, sigmaWithin, lsl, usl),
        Double.isFinite(lsl) && Double.isFinite(usl) ? (usl - lsl) / (6 * sigmaOverall) : Double.NaN,
        k(mean, sigmaOverall, lsl, usl));
  }

  /** min(USL − μ, μ − LSL) / 3σ, with whichever limits exist. */
  private static double k(double mean, double sigma, double lsl, double usl) {
    double upper = Double.isFinite(usl) ? (usl - mean) / (3 * sigma) : Double.POSITIVE_INFINITY;
    double lower = Double.isFinite(lsl) ? (mean - lsl) / (3 * sigma) : Double.POSITIVE_INFINITY;
    double k = Math.min(upper, lower);
    return Double.isInfinite(k) ? Double.NaN : k;
  }
}
