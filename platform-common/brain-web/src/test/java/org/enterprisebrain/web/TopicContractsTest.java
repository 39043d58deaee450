package org.enterprisebrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

class TopicContractsTest {

  /** The schemas as the repository holds them (api-specs/topics), against what the class path gives. */
  @Test
  void everyTopicSchemaGivesItsTopicsNameAsAProperty() throws IOException {
    Map<String, Object> names = TopicContracts.names();
    Path dir = Path.of(System.getProperty("user.dir"), "..", "..", "api-specs", "topics");
    JsonMapper json = JsonMapper.builder().build();
    try (Stream<Path> schemas = Files.list(dir)) {
      for (Path schema : schemas.filter(p -> p.toString().endsWith(".schema.json")).toList()) {
        String file = schema.getFileName().toString();
        String title = json.readTree(schema.toFile()).path("title").asString();
        assertThat(names).containsEntry("brain.topics." + file.replace(".schema.json", ""), title.split(" ")[0]);
      }
    }
    assertThat(names).containsEntry("brain.topics.analytics-calendars.v1", "brain.analytics.calendars.v1");
  }

  @Test
  void aSettingTakesItsDefaultFromTheContractAndTheEnvironmentStillWins() {
    MockEnvironment environment = new MockEnvironment();
    new TopicContracts().postProcessEnvironment(environment, new SpringApplication());
    String setting = "${BRAIN_ANALYTICS_CALENDARS_TOPIC:${brain.topics.analytics-calendars.v1}}";
    assertThat(environment.resolvePlaceholders(setting)).isEqualTo("brain.analytics.calendars.v1");
    environment.setProperty("BRAIN_ANALYTICS_CALENDARS_TOPIC", "plant-b.calendars");
    assertThat(environment.resolvePlaceholders(setting)).isEqualTo("plant-b.calendars");
  }
}
