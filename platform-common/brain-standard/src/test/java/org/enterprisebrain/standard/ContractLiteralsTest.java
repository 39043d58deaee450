package org.enterprisebrain.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A path or a topic is written once, in api-specs: main code names an operation ({@link ApiSpec}) or takes a topic
 * from {@link Topics} or its schema, never types {@code "/api/v1/…"} or {@code "brain.….v1"} itself — a hand-typed
 * copy is what breaks silently when the spec changes. Tests of the raw HTTP surface may type paths; main code may
 * not.
 */
class ContractLiteralsTest {

  private static final Path ROOT = Path.of("../..");
  private static final Pattern API_PATH = Pattern.compile("\"/api/v\\d+/");
  private static final Pattern TOPIC = Pattern.compile("\"brain\\.[a-z0-9-]+(\\.[a-z0-9-]+)*\\.v\\d+\"");

  @Test
  void noMainCodeTypesAnApiPathOrATopicName() throws IOException {
    List<String> found;
    try (Stream<Path> files = Files.walk(ROOT)) {
      found = files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> f.toString().contains("/src/main/java/"))
          .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/api-specs/"))
          .flatMap(ContractLiteralsTest::literals).toList();
    }
    assertThat(found).as("paths or topic names typed in main code (name the operation / use Topics)").isEmpty();
  }

  @Test
  void theCheckFindsWhatItLooksFor() {
    assertThat(API_PATH.matcher("uri(\"/api/v1/registry/models\")").find()).isTrue();
    assertThat(TOPIC.matcher("topic = \"brain.model-deployments.v1\";").find()).isTrue();
    assertThat(TOPIC.matcher("\"brain.\" + domain + \".\" + entity + \".v1\"").find()).isFalse();
  }

  private static Stream<String> literals(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return java.util.stream.IntStream.range(0, lines.size())
          .filter(i -> API_PATH.matcher(lines.get(i)).find() || TOPIC.matcher(lines.get(i)).find())
          .mapToObj(i -> ROOT.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
