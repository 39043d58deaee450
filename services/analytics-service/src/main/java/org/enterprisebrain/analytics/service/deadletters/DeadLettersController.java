package org.enterprisebrain.analytics.service.deadletters;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.enterprisebrain.analytics.service.api.DeadLettersApi;
import org.enterprisebrain.analytics.service.api.model.DeadLetter;
import org.enterprisebrain.analytics.service.results.IndexMappings;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.results.Selection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dead letters of the analytics jobs, per plant: what Elasticsearch or Kafka refused for good, taken from
 * {@code brain.analytics.dead-letter.v1} into {@code <prefix>dead-letters} (keyed by plant, target and id, so a
 * replayed dead letter is stored once) and served to the callers whose plants they are about. The people who
 * sent the records see what became of them, not only a counter.
 */
@RestController
public class DeadLettersController implements DeadLettersApi {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLettersController.class);
  static final String INDEX = "dead-letters";
  static final Set<String> JOBS = Set.of("oee", "spc", "energy", "health", "score", "genealogy");
  private static final ObjectNode MAPPINGS = IndexMappings.of(INDEX);

  private final ResultStore store;
  private final String topic;

  public DeadLettersController(ResultStore store, @Value("${brain.analytics.dead-letter-topic}") String topic) {
    this.store = store;
    this.topic = topic;
  }

  /** The topic as the jobs create it (30 days), so the listener has a topic to read before any job ran. */
  @Bean
  NewTopic deadLetterTopic(@Value("${brain.analytics.topic-replication}") int replication) {
    return TopicBuilder.name(topic).partitions(3).replicas(replication).config("retention.ms", "2592000000").build();
  }

  /** Elasticsearch away: the listener waits and tries again, it never skips a dead letter. */
  @Bean
  CommonErrorHandler deadLetterRetries() {
    return new DefaultErrorHandler(new FixedBackOff(5000, FixedBackOff.UNLIMITED_ATTEMPTS));
  }

  @KafkaListener(id = "analytics-dead-letters", topics = "${brain.analytics.dead-letter-topic}")
  public void take(ConsumerRecord<String, String> record) {
    org.enterprisebrain.messages.DeadLetter letter;
    try {
      letter = ResultStore.JSON.readValue(record.value(), org.enterprisebrain.messages.DeadLetter.class);
    } catch (RuntimeException e) {
      LOG.warn("skipping an unreadable dead letter at {}-{}@{}: {}", record.topic(), record.partition(),
          record.offset(), e.toString());
      return;
    }
    if (letter == null || letter.id() == null || letter.refusedAt() == null) {
      LOG.warn("skipping a dead letter without id or refusedAt at {}-{}@{}", record.topic(), record.partition(),
          record.offset());
      return;
    }
    store.put(INDEX, (letter.plant() == null ? "" : letter.plant()) + '|'
        + (letter.target() == null ? "" : letter.target()) + '|' + letter.id(),
        (ObjectNode) ResultStore.JSON.valueToTree(letter), MAPPINGS);
  }

  @Override
  public ResponseEntity<List<DeadLetter>> listDeadLetters(String plant, String job, OffsetDateTime from,
      OffsetDateTime to, Integer size) {
    Selection s = Selection.of(plant, from, to).where("job", Selection.oneOf("job", job, JOBS));
    return ResponseEntity.ok(store.search(INDEX, s.query("refusedAt"), "refusedAt", false, Selection.size(size))
        .stream().map(d -> store.as(d, DeadLetter.class)).toList());
  }



}
