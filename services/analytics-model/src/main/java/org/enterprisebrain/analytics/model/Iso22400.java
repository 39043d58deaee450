package org.enterprisebrain.analytics.model;

/**
 * The ISO 22400-2 key performance indicators of equipment, from summed elements: each is a ratio of sums (never
 * an average of ratios), so hours add up to shifts and machines to lines exactly. One definition for the jobs that
 * write them and the service that totals them over any range. A ratio whose denominator is not positive is
 * undefined: {@link Double#NaN}. Times in any one unit (the ratios have none; MTBF and MTTR are in it).
 */
public final class Iso22400 {

  private Iso22400() {
  }

  /** Availability = APT / PBT: actual production time over planned busy time. */
  public static double availability(double actualProductionTime, double plannedBusyTime) {
    return ratio(actualProductionTime, plannedBusyTime);
  }

  /** Effectiveness (performance) = PRI × PQ / APT: the ideal time of what was produced over the time it ran. */
  public static double effectiveness(double idealTime, double actualProductionTime) {
    return ratio(idealTime, actualProductionTime);
  }

  /** Quality ratio = GQ / PQ: good over produced quantity (rework is not good the first time). */
  public static double qualityRatio(double goodQuantity, double producedQuantity) {
    return ratio(goodQuantity, producedQuantity);
  }

  /** OEE = availability × effectiveness × quality ratio; undefined when any of them is. */
  public static double oee(double availability, double effectiveness, double qualityRatio) {
    return availability * effectiveness * qualityRatio;
  }

  /** MTBF = APT / number of failures. */
  public static double meanTimeBetweenFailures(double actualProductionTime, long failures) {
    return ratio(actualProductionTime, failures);
  }

  /** MTTR = down time / number of failures. */
  public static double meanTimeToRepair(double downTime, long failures) {
    return ratio(downTime, failures);
  }

  /** An indicator as an answer gives it: the value, or null when it is undefined. */
  public static Double defined(double indicator) {
    return Double.isFinite(indicator) ? indicator : null;
  }

  private static double ratio(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : Double.NaN;
  }
}
