package org.enterprisebrain.analytics.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.stream.Envelope;

/**
 * An alert on {@code brain.alerts.v1} and in the alerts index. The id names the cause (analysis, plant,
 * subject, event time, rule), so the same cause replayed is the same alert.
 *
 * @param kind      spc-rule, health-anomaly, energy-anomaly
 * @param severity  info, warning, critical (the alarm entity's scale)
 * @param subject   what was analysed: characteristic, signal or meter
 * @param at        event time of the data that raised it (epoch ms)
 */
public record Alert(String id, String kind, String severity, String plant, String equipment, String subject,
    String rule, String message, String messageEn, long at, double value, double limit) {

  public String json() {
    ObjectNode n = Envelope.JSON.createObjectNode().put("id", id).put("kind", kind).put("severity", severity)
        .put("plant", plant).put("equipment", equipment).put("subject", subject).put("rule", rule)
        .put("message", message).put("messageEn", messageEn).put("at", Instant.ofEpochMilli(at).toString());
    if (equipment == null) {
      n.remove("equipment"); // an SPC alert on a lab's results names no machine
    }
    if (Double.isFinite(value)) {
      n.put("value", value);
    }
    if (Double.isFinite(limit)) {
      n.put("limit", limit);
    }
    return n.toString();
  }

  public EsDocument document(String index) {
    return new EsDocument(index, id, json());
  }
}
