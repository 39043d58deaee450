package org.enterprisebrain.analytics.oee;

import com.fasterxml.jackson.databind.JsonNode;
import org.enterprisebrain.analytics.model.MachineKey;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.StandardSource;

/**
 * What the OEE job reads, one record per standard record: an equipment-state change (ISA-95 equipment
 * state), an operation report (quantities over an interval), an equipment master record (line and
 * ideal cycle time) or a work order (the product a report's units are). One flat type so the topics form one
 * stream.
 *
 * @param at     event time: the state's {@code since}, the report's {@code end}, the record's occurredAt
 * @param start  start of a report's interval; unused otherwise
 * @param idealCycleSeconds the machine's (master record) or, once {@link ReportRouting} gave it, the report's
 *               operation's in its product's routing; NaN when none is known
 * @param product a work order's material, or the product {@link ReportRouting} found for a report
 */
public record OeeInput(Kind kind, String plant, String equipment, String recordId, long at, String state,
    String reasonCode, long good, long scrap, long rework, long start, String line, double idealCycleSeconds,
    String name, String operation, String workOrder, String product) implements StandardSource.Timed {

  public enum Kind { STATE, REPORT, MASTER, ORDER }

  /** The machine a state, report or master record is of. */
  public String key() {
    return new MachineKey(plant, equipment).id();
  }

  /** The work order a report or work order record is of. */
  public String orderKey() {
    return plant + '|' + workOrder;
  }

  /** This report with its product and its operation's ideal cycle time (NaN: the machine's applies). */
  public OeeInput routed(String product, double idealCycleSeconds) {
    return new OeeInput(kind, plant, equipment, recordId, at, state, reasonCode, good, scrap, rework, start, line,
        idealCycleSeconds, name, operation, workOrder, product);
  }

  /** Produced units of a report, good or not. */
  public long produced() {
    return good + scrap + rework;
  }

  /** The standard topics to entity inputs; other entities are not OEE input. */
  public static OeeInput from(String topic, JsonNode envelope) {
    JsonNode p = envelope.path("payload");
    String plant = Envelope.text(envelope, "plant");
    String id = Envelope.text(envelope, "id");
    switch (envelope.path("entity").asText()) {
      case "equipment-state":
        return new OeeInput(Kind.STATE, plant, Envelope.text(p, "equipment"), id, Envelope.millis(p.get("since")),
            Envelope.text(p, "state"), Envelope.text(p, "reasonCode"), 0, 0, 0, 0, null, Double.NaN, null, null, null, null);
      case "operation-report":
        return new OeeInput(Kind.REPORT, plant, Envelope.text(p, "equipment"), id, Envelope.millis(p.get("end")),
            null, null, p.path("good").asLong(), p.path("scrap").asLong(), p.path("rework").asLong(),
            Envelope.millis(p.get("start")), null, Double.NaN, null, Envelope.text(p, "operation"),
            Envelope.text(p, "workOrder"), null);
      case "equipment":
        return new OeeInput(Kind.MASTER, plant, Envelope.text(p, "equipmentId"), id,
            Envelope.millis(envelope.get("occurredAt")), null, null, 0, 0, 0, 0, Envelope.text(p, "line"),
            Envelope.number(p, "idealCycleTimeSeconds"), Envelope.text(p, "name"), null, null, null);
      case "work-order":
        return new OeeInput(Kind.ORDER, plant, null, id, Envelope.millis(envelope.get("occurredAt")), null, null, 0, 0,
            0, 0, null, Double.NaN, null, null, Envelope.text(p, "workOrder"), Envelope.text(p, "material"));
      default:
        return null;
    }
  }
}
