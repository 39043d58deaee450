package org.enterprisebrain.analytics.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A topic's name as its contract in {@code api-specs} gives it: the schema's {@code x-topic} for the topics
 * analytics-service also writes or reads, the data standard's entity schema for the standard topics. The jobs take
 * their topics from there instead of typing them again.
 */
public final class TopicContract {

  private TopicContract() {
  }

  /** @param schema the schema's file name without {@code .schema.json}, e.g. {@code analytics-calendars.v1} */
  public static String topic(String schema) {
    JsonNode topic = read("/topics/" + schema + ".schema.json").path("x-topic");
    if (!topic.isTextual()) {
      throw new IllegalStateException("topic schema " + schema + " names no x-topic");
    }
    return topic.asText();
  }

  /**
   * A standard entity's topic, {@code brain.<domain>.<entity>.v1}, its domain as the data standard's schema gives it
   * ({@code x-entity.domain} of {@code api-specs/schemas/v1/<entity>.schema.json}), as ingestion names it.
   */
  public static String standard(String entity) {
    JsonNode domain = read("/standard/v1/" + entity + ".schema.json").path("x-entity").path("domain");
    if (!domain.isTextual()) {
      throw new IllegalStateException("standard entity " + entity + " names no x-entity.domain");
    }
    return "brain." + domain.asText() + '.' + entity + ".v1";
  }

  /**
   * The data grade (L1…L3) the standard gives a field of {@code entity}: {@code path} names the fields from the
   * payload down, through arrays (e.g. {@code segments, personnel, person}).
   */
  public static String grade(String entity, String... path) {
    JsonNode field = read("/standard/v1/" + entity + ".schema.json");
    for (int i = 0; i < path.length; i++) {
      field = field.path("properties").path(path[i]);
      if (i < path.length - 1 && "array".equals(field.path("type").asText())) {
        field = field.path("items");
      }
    }
    JsonNode grade = field.path("x-classification").path("grade");
    if (!grade.isTextual()) {
      throw new IllegalStateException("standard entity " + entity + " has no graded field " + String.join("/", path));
    }
    return grade.asText();
  }

  private static JsonNode read(String path) {
    try (InputStream in = TopicContract.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no schema " + path + " on the class path (api-specs)");
      }
      return Envelope.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path, e);
    }
  }
}
