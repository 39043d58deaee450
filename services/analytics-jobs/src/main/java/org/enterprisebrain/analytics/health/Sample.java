package org.enterprisebrain.analytics.health;

import com.fasterxml.jackson.databind.JsonNode;
import org.enterprisebrain.analytics.model.MachineKey;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.StandardSource;

/** A telemetry sample of good or uncertain quality (bad samples, by OPC UA status class, are not analysed). */
public record Sample(String plant, String equipment, String signal, String unit, String recordId, long at,
    double value) implements StandardSource.Timed {

  public String key() {
    return plant + '|' + equipment + '|' + signal;
  }

  /** One machine: the key under which its signals are scored together. */
  public String machine() {
    return new MachineKey(plant, equipment).id();
  }

  public static Sample from(String topic, JsonNode envelope) {
    JsonNode p = envelope.path("payload");
    if (!"telemetry".equals(envelope.path("entity").asText()) || "bad".equals(p.path("quality").asText())
        || !p.path("value").isNumber()) {
      return null;
    }
    return new Sample(Envelope.text(envelope, "plant"), Envelope.text(p, "equipment"), Envelope.text(p, "signal"),
        Envelope.text(p, "unit"), Envelope.text(envelope, "id"), Envelope.millis(p.get("sampledAt")),
        p.get("value").asDouble());
  }
}
