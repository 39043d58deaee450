package org.enterprisebrain.connector.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.enterprisebrain.connector.connections.TagBinding;
import org.enterprisebrain.connector.records.TagValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the value of a plain MQTT message as its mapping says: the payload itself (a number, true/false or text)
 * or, with a JSON Pointer, a field of a JSON payload, and its sampling time from another field if the mapping
 * names one. What cannot be read is a {@link Unreadable} with the reason the dead letter carries.
 */
public final class MqttPayloads {

  /** The payload holds no value the mapping can read. */
  public static final class Unreadable extends Exception {

    public Unreadable(String reason) {
      super(reason);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private MqttPayloads() {
  }

  public static TagValue value(TagBinding binding, byte[] payload) throws Unreadable {
    String text = utf8(payload);
    if (binding.valuePointer() == null && binding.timePointer() == null) {
      return new TagValue(binding.tag(), scalar(text.strip()), "good", "good", null);
    }
    JsonNode document;
    try {
      document = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new Unreadable("the payload is not JSON: " + e.getOriginalMessage());
    }
    Object value = document;
    if (binding.valuePointer() != null) {
      JsonNode node = document.at(binding.valuePointer());
      if (node.isMissingNode()) {
        throw new Unreadable("the payload holds nothing at " + binding.valuePointer());
      }
      value = node;
    }
    Instant sampled = binding.timePointer() == null ? null : time(document.at(binding.timePointer()),
        binding.timePointer());
    return new TagValue(binding.tag(), json((JsonNode) value), "good", "good", sampled);
  }

  private static String utf8(byte[] payload) throws Unreadable {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
    } catch (CharacterCodingException e) {
      throw new Unreadable("the payload is not UTF-8 text");
    }
  }

  /** A bare payload: a number or a boolean as such, anything else as the text it is (a state's name). */
  private static Object scalar(String text) {
    if (text.equals("true") || text.equals("false")) {
      return Boolean.valueOf(text);
    }
    try {
      return Double.valueOf(text);
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static Object json(JsonNode node) throws Unreadable {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isNull()) {
      return null;
    }
    throw new Unreadable("the value is a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
        + ", not a number, true/false or text");
  }

  private static Instant time(JsonNode node, String pointer) throws Unreadable {
    if (node.isIntegralNumber()) {
      return Instant.ofEpochMilli(node.longValue());
    }
    if (node.isString()) {
      try {
        return OffsetDateTime.parse(node.stringValue()).toInstant();
      } catch (DateTimeParseException e) {
        throw new Unreadable("the time at " + pointer + " is not RFC 3339: " + node.stringValue());
      }
    }
    throw new Unreadable("no time at " + pointer + " (epoch milliseconds or RFC 3339 text)");
  }
}
