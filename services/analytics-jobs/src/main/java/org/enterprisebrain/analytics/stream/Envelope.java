package org.enterprisebrain.analytics.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.OffsetDateTime;

/**
 * A record of the v1 data standard as ingestion publishes it: the whole envelope ({@code id}, {@code plant},
 * {@code occurredAt}, {@code payload}) as the Kafka value. Ingestion has validated it against the schema,
 * so readers here trust the shape and only guard against what a schema cannot promise.
 */
public final class Envelope {

  /** Also writes the topic messages' records: their times as RFC 3339 text, as the schemas say. */
  public static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

  private Envelope() {
  }

  /**
   * A topic message as its generated record ({@code org.enterprisebrain.messages}); an
   * {@link IllegalArgumentException} for one that is not of that type.
   */
  public static <T> T message(JsonNode value, Class<T> type) {
    return JSON.convertValue(value, type);
  }

  /** Epoch milliseconds of a message's time; -1 when absent. */
  public static long millis(java.time.Instant at) {
    return at == null ? -1 : at.toEpochMilli();
  }

  public static JsonNode parse(byte[] value) throws IOException {
    return JSON.readTree(value);
  }

  /** RFC 3339 date-time (with offset, as the standard requires) to epoch milliseconds; -1 when absent. */
  public static long millis(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return -1;
    }
    return OffsetDateTime.parse(node.asText()).toInstant().toEpochMilli();
  }

  public static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  public static double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isNumber() ? Double.NaN : value.asDouble();
  }
}
