package org.enterprisebrain.analytics.energy;

import com.fasterxml.jackson.databind.JsonNode;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.StandardSource;

/**
 * An energy-reading: a cumulative register value at {@code at}, or a consumption over
 * [{@code intervalStart}, {@code at}).
 */
public record MeterReading(String plant, String meter, String medium, String unit, String recordId, long at,
    boolean cumulative, double value, long intervalStart, String line, String equipment)
    implements StandardSource.Timed {

  public String key() {
    return plant + '|' + meter;
  }

  public static MeterReading from(String topic, JsonNode envelope) {
    JsonNode p = envelope.path("payload");
    if (!"energy-reading".equals(envelope.path("entity").asText())) {
      return null;
    }
    boolean cumulative = "cumulative".equals(p.path("valueKind").asText());
    return new MeterReading(Envelope.text(envelope, "plant"), Envelope.text(p, "meter"), Envelope.text(p, "medium"),
        Envelope.text(p, "unit"), Envelope.text(envelope, "id"),
        Envelope.millis(cumulative ? p.get("readAt") : p.get("intervalEnd")), cumulative, p.path("value").asDouble(),
        cumulative ? -1 : Envelope.millis(p.get("intervalStart")), Envelope.text(p, "line"),
        Envelope.text(p, "equipment"));
  }
}
