package org.enterprisebrain.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.enterprisebrain.standard.TopicSchemas;
import tools.jackson.databind.JsonNode;

/**
 * What a service put on the audit topic of the test broker (api-specs/topics/audit.v1), every message checked
 * against the contract: a service's test shows its changes and downloads are handed on for the audit chain.
 */
public final class AuditTopic {

  private static final String SCHEMA = "audit.v1";

  private AuditTopic() {
  }

  /**
   * The audit messages that {@code wanted} selects, oldest first, once there are {@code count} of them (30 s at
   * most; fewer then); and, after they arrived, any more that came within a second.
   */
  public static List<JsonNode> await(Predicate<JsonNode> wanted, int count) {
    String topic = org.enterprisebrain.standard.Topics.AUDIT;
    List<JsonNode> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        Map.of("bootstrap.servers", RealKafka.bootstrapServers()), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (long until = System.currentTimeMillis() + 30_000; partitions.isEmpty()
          && System.currentTimeMillis() < until; ) {
        consumer.partitionsFor(topic, Duration.ofSeconds(5))
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long until = System.currentTimeMillis() + 30_000;
      long settle = Long.MAX_VALUE;
      while (System.currentTimeMillis() < Math.min(until, settle)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String message = new String(r.value(), StandardCharsets.UTF_8);
          JsonNode action = ServiceCalls.JSON.readTree(message);
          if (wanted.test(action)) {
            assertThat(TopicSchemas.violations(SCHEMA, message)).as(message).isEmpty();
            assertThat(r.key()).as("keyed by its id").isEqualTo(action.path("id").asString()
                .getBytes(StandardCharsets.UTF_8));
            found.add(action);
          }
        }
        if (found.size() >= count && settle == Long.MAX_VALUE) {
          settle = System.currentTimeMillis() + 1000;
        }
      }
    }
    found.sort(Comparator.comparing(a -> java.time.Instant.parse(a.path("at").asString())));
    return found;
  }

  /** Selects the messages of one path. */
  public static Predicate<JsonNode> path(String path) {
    return a -> a.path("path").asString().equals(path);
  }
}
