package org.enterprisebrain.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a topic holds, read from its beginning as a consumer downstream would: the connector tests' evidence. */
final class TopicRecords {

  private TopicRecords() {
  }

  /**
   * The records {@code wanted} selects, in offset order per partition: everything on the topic now, then what
   * arrives until there are {@code atLeast} (30 s at most).
   */
  static List<ConsumerRecord<String, String>> read(String bootstrap, String topic,
      Predicate<ConsumerRecord<String, String>> wanted, int atLeast) {
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
        new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(topic, Duration.ofSeconds(10))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      for (long until = System.currentTimeMillis() + 30_000; (found.size() < atLeast
          || end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue()))
          && System.currentTimeMillis() < until; ) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (wanted.test(r)) {
            found.add(r);
          }
        }
      }
    }
    return found;
  }
}
