package org.enterprisebrain.analytics.oee;

/**
 * The OEE components of one machine over one period, on their way to the line: {@code period} is hour or
 * shift, {@code shift} the shift code of the period, {@code operation} the highest routing operation the
 * machine reported (the line's output is the good quantity of its last operation).
 */
public record PeriodResult(String plant, String line, String equipment, String period, long start, long end,
    String shift, OeeComponents components, String operation) {

  public String lineKey() {
    return plant + '|' + line;
  }
}
