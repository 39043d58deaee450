package org.enterprisebrain.analytics.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Numbers as result documents carry them: rounded (stable text on every rerun), and only when finite. */
public final class Numbers {

  private Numbers() {
  }

  /** Six decimals: stable text for identical reruns, far below any meaningful difference. */
  public static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }

  /** Puts {@code value} rounded to {@code 1/scale}, or nothing when it is not finite (JSON has no NaN). */
  public static void putFinite(ObjectNode n, String field, double value, double scale) {
    if (Double.isFinite(value)) {
      n.put(field, Math.round(value * scale) / scale);
    }
  }
}
