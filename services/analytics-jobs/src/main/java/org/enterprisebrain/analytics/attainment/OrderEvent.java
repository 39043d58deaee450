package org.enterprisebrain.analytics.attainment;

import com.fasterxml.jackson.databind.JsonNode;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.StandardSource;

/**
 * What a production order was planned to make (an ISA-95 production request of a schedule) or made (a production
 * response of a performance): quantity, window and line. An order is the request's work order, else the request.
 *
 * @param response the production response's id (an order may be reported in several); null for a plan
 * @param start    planned or actual start, epoch ms; -1 when not sent
 * @param end      planned or actual end, epoch ms; -1 when not sent
 */
public record OrderEvent(String plant, String recordId, long at, String order, String response, String line,
    String product, double quantity, String unit, long start, long end, String state)
    implements StandardSource.Timed {

  public boolean plan() {
    return response == null;
  }

  public String key() {
    return plant + '|' + order;
  }

  public static OrderEvent from(String topic, JsonNode envelope) {
    JsonNode p = envelope.path("payload");
    String entity = envelope.path("entity").asText();
    boolean plan = entity.equals("production-schedule");
    if (!plan && !entity.equals("production-performance")) {
      return null;
    }
    String order = Envelope.text(p, "workOrder") != null ? Envelope.text(p, "workOrder")
        : Envelope.text(p, "productionRequest");
    if (order == null) {
      return null; // a response to no request: nothing to compare it with
    }
    return new OrderEvent(Envelope.text(envelope, "plant"), Envelope.text(envelope, "id"),
        Envelope.millis(envelope.get("occurredAt")), order, plan ? null : Envelope.text(p, "productionResponse"),
        Envelope.text(p, "equipment"), Envelope.text(p, "product"), Envelope.number(p, "quantity"),
        Envelope.text(p, "unit"), Envelope.millis(p.get(plan ? "plannedStart" : "start")),
        Envelope.millis(p.get(plan ? "plannedEnd" : "end")), Envelope.text(p, "state"));
  }
}
