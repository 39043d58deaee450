package org.enterprisebrain.analytics.oee;

/**
 * The OEE components of one machine over one period, on their way to the line: {@code period} is hour or
 * shift, {@code shift} the shift code of the period.
 */
public record PeriodResult(String plant, String line, String equipment, String period, long start, long end,
    String shift, OeeComponents components) {

  public String lineKey() {
    return plant + '|' + line;
  }
}
