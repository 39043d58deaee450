package org.enterprisebrain.analytics.spc;

import com.fasterxml.jackson.databind.JsonNode;
import org.enterprisebrain.analytics.model.ChartKey;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.StandardSource;

/** A measured quality characteristic (quality-result with a value); pass/fail-only results are not charted. */
public record Measurement(String plant, String equipment, String product, String characteristic, String name,
    String recordId,
    long at, double value, double lsl, double usl, double target, String subgroup, String unit)
    implements StandardSource.Timed {

  /**
   * A chart per product, characteristic and machine (the control plan's unit): its records share one Kafka
   * partition (quality results are keyed plant|product|characteristic), so their order, and with it the
   * chart, is the same on every replay.
   */
  public String key() {
    return new ChartKey(plant, equipment, product, characteristic).id();
  }

  public static Measurement from(String topic, JsonNode envelope) {
    JsonNode p = envelope.path("payload");
    if (!"quality-result".equals(envelope.path("entity").asText()) || !p.path("value").isNumber()) {
      return null;
    }
    return new Measurement(Envelope.text(envelope, "plant"), Envelope.text(p, "equipment"), Envelope.text(p, "product"),
        Envelope.text(p, "characteristic"), Envelope.text(p, "characteristicName"), Envelope.text(envelope, "id"),
        Envelope.millis(envelope.get("occurredAt")), p.get("value").asDouble(), Envelope.number(p, "lsl"),
        Envelope.number(p, "usl"), Envelope.number(p, "target"), Envelope.text(p, "subgroup"),
        Envelope.text(p, "unit"));
  }
}
