package org.enterprisebrain.connector.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.enterprisebrain.connector.connections.ConnectionConfig;
import org.enterprisebrain.connector.connections.TagBinding;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.FieldError;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one device value into the data standard's record, as a REST client would have sent it, or says why it
 * cannot: the same envelope, the same validation, so nothing downstream can tell a connector's record from an
 * integrator's.
 */
public final class StandardRecords {

  /** The record, or why there is none (then record is null). */
  public record Made(ObjectNode record, String rejection) {

    static Made rejected(String why) {
      return new Made(null, why);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

  private final DataStandard standard;

  public StandardRecords(DataStandard standard) {
    this.standard = standard;
  }

  public Made make(ConnectionConfig connection, TagBinding binding, TagValue value, Instant receivedAt) {
    if (value.value() == null) {
      return Made.rejected("no value (status " + value.status() + ")");
    }
    Instant sampled = value.sourceTime() != null ? value.sourceTime() : receivedAt;
    ObjectNode payload = JSON.createObjectNode();
    String id;
    switch (binding.entity()) {
      case "telemetry" -> {
        Double number = number(value.value());
        if (number == null) {
          return Made.rejected("not a number: " + value.value().getClass().getSimpleName() + " " + value.value());
        }
        payload.put("equipment", binding.equipment()).put("signal", binding.signal())
            .put("value", binding.scaled(number));
        if (binding.unit() != null) {
          payload.put("unit", binding.unit());
        }
        payload.put("quality", value.quality()).put("sampledAt", sampled.toString());
        id = id(binding.equipment(), binding.signal(), sampled);
      }
      case "equipment-state" -> {
        if (!value.good()) {
          return Made.rejected("a state with status " + value.status() + " is no state");
        }
        String text = text(value.value());
        String state = binding.states().get(text);
        if (state == null) {
          return Made.rejected("the mapping names no state for the value '" + text + "' (it knows "
              + binding.states().keySet() + ")");
        }
        payload.put("equipment", binding.equipment()).put("state", state).put("since", sampled.toString());
        id = id(binding.equipment(), "state", sampled);
      }
      case "energy-reading" -> {
        Double number = number(value.value());
        if (number == null) {
          return Made.rejected("not a number: " + value.value().getClass().getSimpleName() + " " + value.value());
        }
        if (!value.good()) {
          return Made.rejected("a meter reading with status " + value.status() + " is not billed");
        }
        payload.put("meter", binding.meter()).put("medium", binding.medium() == null ? "electricity" : binding.medium())
            .put("value", binding.scaled(number)).put("valueKind", "cumulative")
            .put("unit", binding.unit() == null ? "kWh" : binding.unit()).put("readAt", sampled.toString())
            .put("equipment", binding.equipment());
        id = id(binding.meter(), "reading", sampled);
      }
      default -> {
        return Made.rejected("entity " + binding.entity() + " is not made from device values");
      }
    }
    return made(connection, binding.entity(), id, sampled, payload);
  }

  /** The reason code a device's death leaves on its equipment's state (the standard's states know no offline). */
  public static final String OFFLINE_REASON = "OFFLINE";

  /** Equipment whose device is gone: down since then, reason OFFLINE, until the device says otherwise. */
  public Made offline(ConnectionConfig connection, String equipment, Instant at) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("equipment", equipment).put("state", "down").put("reasonCode", OFFLINE_REASON)
        .put("reasonText", "设备离线 device offline (Sparkplug B death)").put("since", at.toString());
    return made(connection, "equipment-state", id(equipment, "state", at), at, payload);
  }

  private Made made(ConnectionConfig connection, String entity, String id, Instant sampled, ObjectNode payload) {
    ObjectNode record = JSON.createObjectNode();
    record.put("id", id).put("entity", entity)
        .put("schemaVersion", standard.entity(entity).orElseThrow().newestVersion());
    record.putObject("source").put("system", connection.sourceSystem()).put("kind", "IOT");
    record.put("plant", connection.plant()).put("occurredAt", sampled.toString()).set("payload", payload);
    List<FieldError> errors = standard.validate(entity, record);
    if (!errors.isEmpty()) {
      return Made.rejected("the data standard refuses the record: " + errors.stream()
          .map(e -> e.pointer() + " " + e.message()).toList());
    }
    return new Made(record, null);
  }

  /**
   * The data standard's advice for device records: equipment, signal and sampling time, so a value the device
   * sends again is the same record; hashed when the parts hold characters an id may not.
   */
  static String id(String equipment, String signal, Instant sampled) {
    String plain = equipment + ":" + signal + ":" + sampled.toEpochMilli();
    return ID.matcher(plain).matches() ? plain
        : "h-" + UUID.nameUUIDFromBytes(plain.getBytes(StandardCharsets.UTF_8)) + ":" + sampled.toEpochMilli();
  }

  private static Double number(Object value) {
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    if (value instanceof Boolean b) {
      return b ? 1.0 : 0.0; // the standard: booleans as 0/1
    }
    return null;
  }

  private static String text(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }
}
