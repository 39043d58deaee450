package org.enterprisebrain.analytics.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
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

  /** The message of api-specs/topics/alerts.v1 (its generated record); an SPC alert on a lab's results names no machine. */
  public String json() {
    try {
      return Envelope.JSON.writeValueAsString(new org.enterprisebrain.messages.Alert(id,
          org.enterprisebrain.messages.Alert.KindEnum.fromValue(kind),
          org.enterprisebrain.messages.Alert.SeverityEnum.fromValue(severity), plant, equipment, subject, rule, message,
          messageEn, Instant.ofEpochMilli(at), Double.isFinite(value) ? value : null,
          Double.isFinite(limit) ? limit : null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an alert that cannot be written as JSON: " + id, e);
    }
  }

  public EsDocument document(String index) {
    return new EsDocument(index, id, json());
  }
}
