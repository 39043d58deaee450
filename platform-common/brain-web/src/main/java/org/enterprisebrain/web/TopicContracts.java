package org.enterprisebrain.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.enterprisebrain.standard.TopicSchemas;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The topic names as the contracts in {@code api-specs/topics} give them: each schema's {@code x-topic}, as the
 * property {@code brain.topics.<schema>} (e.g. {@code brain.topics.analytics-calendars.v1}), so a service's
 * settings take a topic's name from the schema of its messages
 * ({@code ${BRAIN_ANALYTICS_CALENDARS_TOPIC:${brain.topics.analytics-calendars.v1}}}) instead of typing it again.
 * Last in precedence: nothing else is named {@code brain.topics.*}.
 */
public final class TopicContracts implements EnvironmentPostProcessor {

  public static final String PREFIX = "brain.topics.";
  private static final String SUFFIX = ".schema.json";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    environment.getPropertySources().addLast(new MapPropertySource("topic-contracts", names()));
  }

  /** Every topic schema on the class path, by {@code brain.topics.<schema>}, to its topic's name. */
  public static Map<String, Object> names() {
    Map<String, Object> names = new TreeMap<>();
    try {
      for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:topics/*" + SUFFIX)) {
        String schema = r.getFilename().substring(0, r.getFilename().length() - SUFFIX.length());
        names.put(PREFIX + schema, TopicSchemas.topic(schema));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the topic schemas", e);
    }
    return names;
  }
}
