package org.enterprisebrain.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A plant code is one concept with one spelling: every {@code plant} in api-specs — a REST parameter or property, a
 * topic message's field, the record envelope's — has the envelope's pattern and length, so what one contract
 * takes another does not refuse.
 */
class PlantCodeContractTest {

  private static final Path SPECS = Path.of("../../api-specs");
  /**
   * Messages whose plant may be a placeholder rather than a code: an outcome counts rejected records that named no
   * readable plant under "?", a dead letter of a record that names none carries "".
   */
  private static final java.util.Set<String> PLACEHOLDER_PLANTS = java.util.Set.of(
      "topics/ingest-outcomes.v1.schema.json", "topics/analytics-dead-letter.v1.schema.json");

  @Test
  void everyPlantInTheContractsIsTheEnvelopesPlantCode() throws IOException {
    JsonNode envelope = JsonMapper.builder().build()
        .readTree(SPECS.resolve("schemas/v1/envelope.schema.json").toFile()).path("properties").path("plant");
    String pattern = envelope.path("pattern").asString();
    int maxLength = envelope.path("maxLength").asInt();
    assertThat(pattern).isNotEmpty();
    List<String> differing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SPECS)) {
      // Elasticsearch's files are index mappings, not schemas
      for (Path file : files.filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/elasticsearch/"))
          .filter(f -> !PLACEHOLDER_PLANTS.contains(SPECS.relativize(f).toString()))
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json")).toList()) {
        JsonNode document = file.toString().endsWith(".yaml") ? YAMLMapper.builder().build().readTree(file.toFile())
            : JsonMapper.builder().build().readTree(file.toFile());
        collect(SPECS.relativize(file) + "", document, pattern, maxLength, differing);
      }
    }
    assertThat(differing).as("plant codes whose pattern or length is not the envelope's " + pattern + " / "
        + maxLength).isEmpty();
  }

  /** Every plant schema under {@code node}: a parameter named plant, a property named plant. */
  private static void collect(String where, JsonNode node, String pattern, int maxLength, List<String> differing) {
    if (node.isObject()) {
      if (node.path("name").isString() && "plant".equals(node.path("name").asString()) && node.has("in")) {
        check(where + " parameter plant", node.path("schema"), pattern, maxLength, differing);
      }
      JsonNode plant = node.path("properties").path("plant");
      if (plant.isObject() && !plant.has("$ref")) {
        check(where + " property plant", plant, pattern, maxLength, differing);
      }
      node.properties().forEach(e -> collect(where, e.getValue(), pattern, maxLength, differing));
    } else if (node.isArray()) {
      node.forEach(n -> collect(where, n, pattern, maxLength, differing));
    }
  }

  private static void check(String what, JsonNode schema, String pattern, int maxLength, List<String> differing) {
    JsonNode string = schema.has("items") ? schema.path("items") : schema; // a list of plants: each one
    if (string.isMissingNode() || string.has("$ref") || string.has("const")) {
      return;
    }
    if (!pattern.equals(string.path("pattern").asString()) || string.path("maxLength").asInt() != maxLength) {
      differing.add(what + ": " + string);
    }
  }
}
