package org.enterprisebrain.analytics.model;

/**
 * What a version of plant settings configures, as analytics-service stores and sends it and the jobs look it up: a
 * plant's or a line's work calendar ({@code plant|line}, the line empty for the plant's), a product's routing
 * ({@code plant|product}).
 */
public final class SettingsScope {

  private SettingsScope() {
  }

  /** The work calendar of a line, or of the plant when {@code line} is null. */
  public static String calendar(String plant, String line) {
    return plant + '|' + (line == null ? "" : line);
  }

  /** A product's routing at a plant. */
  public static String routing(String plant, String product) {
    return plant + '|' + product;
  }
}
