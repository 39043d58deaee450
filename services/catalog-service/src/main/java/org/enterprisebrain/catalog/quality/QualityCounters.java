package org.enterprisebrain.catalog.quality;

/**
 * What was counted of one dataset in one window; the scores are ratios of these, so windows add up
 * exactly (a day's completeness is not an average of hourly percentages).
 */
public record QualityCounters(long records, long duplicates, long fieldsPresent, long fieldsExpected, long timed,
    long timely, long rangeChecked, long rangeViolations, long accepted, long rejected) {

  public static final QualityCounters NONE = new QualityCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public QualityCounters plus(QualityCounters o) {
    return new QualityCounters(records + o.records, duplicates + o.duplicates, fieldsPresent + o.fieldsPresent,
        fieldsExpected + o.fieldsExpected, timed + o.timed, timely + o.timely, rangeChecked + o.rangeChecked,
        rangeViolations + o.rangeViolations, accepted + o.accepted, rejected + o.rejected);
  }

  /** Share of declared fields that records carried. */
  public Double completeness() {
    return ratio(fieldsPresent, fieldsExpected);
  }

  /** Share of records whose id was new (a resent id overwrites, and counts here). */
  public Double uniqueness() {
    return records == 0 ? null : 1.0 - (double) duplicates / records;
  }

  /** Share of timed records that arrived within their rule's lag. */
  public Double timeliness() {
    return ratio(timely, timed);
  }

  /** Share of records ingestion accepted: the standard's validity rules. */
  public Double validity() {
    return ratio(accepted, accepted + rejected);
  }

  /** Share of range-checked values within their rule. */
  public Double range() {
    return rangeChecked == 0 ? null : 1.0 - (double) rangeViolations / rangeChecked;
  }

  /** The mean of the dimensions measured; null when nothing was. */
  public Double score() {
    double sum = 0;
    int n = 0;
    for (Double d : new Double[] {completeness(), uniqueness(), timeliness(), validity(), range()}) {
      if (d != null) {
        sum += d;
        n++;
      }
    }
    return n == 0 ? null : sum / n;
  }

  private static Double ratio(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
