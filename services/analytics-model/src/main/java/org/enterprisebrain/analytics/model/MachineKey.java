package org.enterprisebrain.analytics.model;

/**
 * A machine of a plant, as the OEE and health jobs key their state and alerts theirs: {@code plant|equipment}.
 * Read back with {@link #parse}, nowhere else.
 */
public record MachineKey(String plant, String equipment) {

  public String id() {
    return plant + '|' + equipment;
  }

  /** The key {@link #id()} wrote; an error for text that is not one. */
  public static MachineKey parse(String id) {
    int bar = id.indexOf('|');
    if (bar < 0) {
      throw new IllegalArgumentException("not a plant|equipment key: " + id);
    }
    return new MachineKey(id.substring(0, bar), id.substring(bar + 1));
  }
}
