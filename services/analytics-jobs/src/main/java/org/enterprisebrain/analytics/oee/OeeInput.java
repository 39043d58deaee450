package org.enterprisebrain.analytics.oee;

import com.fasterxml.jackson.databind.JsonNode;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.StandardSource;

/**
 * What the OEE job reads, one record per standard record: an equipment-state change (ISA-95 equipment
 * state), an operation report (quantities over an interval) or an equipment master record (line and
 * ideal cycle time). One flat type so the three topics form one keyed stream.
 *
 * @param at     event time: the state's {@code since}, the report's {@code end}, the record's occurredAt
 * @param start  start of a report's interval; unused otherwise
 */
public record OeeInput(Kind kind, String plant, String equipment, String recordId, long at, String state,
    String reasonCode, long good, long scrap, long rework, long start, String line, double idealCycleSeconds,
    String name, String operation) implements StandardSource.Timed {

  public enum Kind { STATE, REPORT, MASTER }

  public String key() {
    return plant + '|' + equipment;
  }

  /** The standard topics to entity inputs; other entities are not OEE input. */
  public static OeeInput from(String topic, JsonNode envelope) {
    JsonNode p = envelope.path("payload");
    String plant = Envelope.text(envelope, "plant");
    String id = Envelope.text(envelope, "id");
    switch (envelope.path("entity").asText()) {
      case "equipment-state":
        return new OeeInput(Kind.STATE, plant, Envelope.text(p, "equipment"), id, Envelope.millis(p.get("since")),
            Envelope.text(p, "state"), Envelope.text(p, "reasonCode"), 0, 0, 0, 0, null, Double.NaN, null, null);
      case "operation-report":
        return new OeeInput(Kind.REPORT, plant, Envelope.text(p, "equipment"), id, Envelope.millis(p.get("end")),
            null, null, p.path("good").asLong(), p.path("scrap").asLong(), p.path("rework").asLong(),
            Envelope.millis(p.get("start")), null, Double.NaN, null, Envelope.text(p, "operation"));
      case "equipment":
        return new OeeInput(Kind.MASTER, plant, Envelope.text(p, "equipmentId"), id,
            Envelope.millis(envelope.get("occurredAt")), null, null, 0, 0, 0, 0, Envelope.text(p, "line"),
            Envelope.number(p, "idealCycleTimeSeconds"), Envelope.text(p, "name"), null);
      default:
        return null;
    }
  }
}
