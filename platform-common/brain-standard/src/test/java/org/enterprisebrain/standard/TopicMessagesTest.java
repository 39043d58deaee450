package org.enterprisebrain.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.enterprisebrain.messages.AuditedAction;
import org.enterprisebrain.messages.IngestOutcome;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every topic's message type is generated from its schema (api-specs/topics/index.yaml names them): the index and
 * the schema files are one to one, and a generated record written as producers write it is a message its schema
 * takes, read back unchanged as consumers read it.
 */
class TopicMessagesTest {

  private static final Path TOPICS = Path.of("../../api-specs/topics");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void everyTopicSchemaIsAMessageTypeOfTheIndex() throws IOException {
    JsonNode index = YAMLMapper.builder().build().readTree(TOPICS.resolve("index.yaml").toFile());
    List<String> listed = index.path("components").path("schemas").valueStream()
        .map(s -> s.path("$ref").asString().replaceFirst("^\\./", "")).sorted().toList();
    try (Stream<Path> files = Files.list(TOPICS)) {
      List<String> schemas = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".schema.json"))
          .sorted().toList();
      assertThat(listed).isEqualTo(schemas).isNotEmpty();
    }
  }

  @Test
  void anAuditedActionAsGeneratedIsWhatTheAuditTopicTakes() {
    AuditedAction action = new AuditedAction(UUID.randomUUID(), Instant.parse("2026-12-07T01:02:03.456789Z"),
        "registry", "engineer", null, "10.1.2.3", AuditedAction.MethodEnum.POST, "/api/v1/registry/models",
        "createModel", AuditedAction.KindEnum.WRITE);
    String message = JSON.writeValueAsString(action);
    assertThat(TopicSchemas.violations("audit.v1", message)).isEmpty();
    assertThat(JSON.readTree(message).path("kind").asString()).isEqualTo("write");
    assertThat(JSON.readValue(message, AuditedAction.class)).isEqualTo(action);
    // the schema, not the type, refuses what breaks the contract: a method the topic does not know
    assertThat(TopicSchemas.violations("audit.v1", message.replace("\"POST\"", "\"TRACE\""))).isNotEmpty();
  }

  @Test
  void anIngestOutcomeAsGeneratedIsWhatTheOutcomesTopicTakes() {
    IngestOutcome outcome = new IngestOutcome("operation-report", "hz-01", "MES-A", 98, 2,
        Map.of("/payload/scrap", 2), Instant.parse("2026-12-06T18:15:00.123Z"));
    String message = JSON.writeValueAsString(outcome);
    assertThat(TopicSchemas.violations("ingest-outcomes.v1", message)).isEmpty();
    assertThat(JSON.readValue(message, IngestOutcome.class)).isEqualTo(outcome);
  }
}
