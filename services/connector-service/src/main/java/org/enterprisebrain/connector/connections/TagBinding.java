package org.enterprisebrain.connector.connections;

import java.util.Map;

/**
 * One mapped tag as the connector applies it: which device value becomes which standard record.
 *
 * @param states equipment-state: the device's value as text → the standard state
 * @param valuePointer mqtt: where the value is in a JSON payload (RFC 6901); null: the payload is the value
 * @param timePointer mqtt: where the sampling time is in a JSON payload; null: the arrival
 */
public record TagBinding(String tag, String entity, String equipment, String signal, String unit, double scale,
    double offset, int samplingIntervalMs, Double deadband, Map<String, String> states, String meter, String medium,
    String valuePointer, String timePointer) {

  public TagBinding {
    states = states == null ? Map.of() : Map.copyOf(states);
  }

  public double scaled(double raw) {
    return raw * scale + offset;
  }
}
