package org.enterprisebrain.analytics.model;

/**
 * One SPC control chart: a plant's characteristic of a product on a machine (none for a lab's or an incoming
 * inspection's results, which name no machine). The SPC job keys its state and its settings versions by it and
 * analytics-service asks for a chart's versions by it: one spelling for both.
 *
 * @param equipment null or empty: a chart that names no machine
 */
public record ChartKey(String plant, String equipment, String product, String characteristic) {

  /** {@code plant|equipment|product|characteristic}, the machine empty when none. */
  public String id() {
    return plant + '|' + (equipment == null ? "" : equipment) + '|' + product + '|' + characteristic;
  }
}
