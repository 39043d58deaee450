package org.enterprisebrain.connector.connections;

import java.util.Map;

/**
 * One mapped tag as the connector applies it: which device value becomes which standard record.
 *
 * @param states equipment-state: the device's value as text → the standard state
 * @param valuePointer mqtt: where the value is in a JSON payload (RFC 6901); null: the payload is the value
 * @param timePointer mqtt: where the sampling time is in a JSON payload; null: the arrival
 * @param register modbus-tcp: the register read; null for other protocols
 */
public record TagBinding(String tag, String entity, String equipment, String signal, String unit, double scale,
    double offset, int samplingIntervalMs, Double deadband, Map<String, String> states, String meter, String medium,
    String valuePointer, String timePointer, Register register) {

  /**
   * modbus-tcp: where a value is and how it is encoded.
   *
   * @param table holding-register, input-register, coil or discrete-input
   * @param type int16, uint16, int32, uint32, float32 or bool
   * @param wordOrder big (the first register holds the high word) or little
   */
  public record Register(int unitId, String table, int address, String type, String wordOrder) {

    /** Registers (or bits) one read takes. */
    public int count() {
      return type.endsWith("32") ? 2 : 1;
    }
  }

  public TagBinding {
    states = states == null ? Map.of() : Map.copyOf(states);
  }

  public double scaled(double raw) {
    return raw * scale + offset;
  }
}
