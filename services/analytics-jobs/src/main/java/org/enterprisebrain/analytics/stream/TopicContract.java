package org.enterprisebrain.analytics.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A topic's name as its contract in {@code api-specs/topics} gives it (the schema's {@code x-topic}): the jobs'
 * defaults for the topics analytics-service also writes or reads are taken from there, not typed again.
 */
public final class TopicContract {

  private TopicContract() {
  }

  /** @param schema the schema's file name without {@code .schema.json}, e.g. {@code analytics-calendars.v1} */
  public static String topic(String schema) {
    String path = "/topics/" + schema + ".schema.json";
    try (InputStream in = TopicContract.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no topic schema " + path + " on the class path (api-specs)");
      }
      JsonNode topic = Envelope.JSON.readTree(in).path("x-topic");
      if (!topic.isTextual()) {
        throw new IllegalStateException("topic schema " + path + " names no x-topic");
      }
      return topic.asText();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path, e);
    }
  }
}
