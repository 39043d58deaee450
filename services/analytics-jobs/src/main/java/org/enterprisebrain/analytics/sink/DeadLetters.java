package org.enterprisebrain.analytics.sink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.KafkaConnection;
import org.enterprisebrain.analytics.stream.Topics;
import org.enterprisebrain.messages.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a sink puts a derived record that its target refused for a reason retrying will not heal (Kafka: a
 * timestamp out of range, a record too large; Elasticsearch: a mapping conflict). One such record must not
 * stop every result of a plant, and it must not vanish: it goes to the dead-letter topic with the reason,
 * and the sink's {@code deadLetterRecords} counter (in {@code GET /api/v1/analytics/jobs}) counts it. A
 * dead letter that cannot be written either fails the job, which then restarts from its last checkpoint:
 * nothing is dropped unseen.
 *
 * <p>The message (schema {@code api-specs/topics/analytics-dead-letter.v1.schema.json}) carries the job, the
 * target, the record's id and plant, the reason, when it was refused and the record itself (its first
 * {@link #KEPT_CHARS} characters, {@code truncated} saying whether that is all of it). Key: plant|id.
 */
public final class DeadLetters implements AutoCloseable {

  /** The topic and the job, as the sinks carry them to their writers. */
  public record Target(KafkaConnection kafka, String topic, String job) implements Serializable {
  }

  /** Enough of a refused record to recognise and replay it, and small enough for any topic. */
  static final int KEPT_CHARS = 256 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
  private final KafkaProducer<byte[], byte[]> producer;
  private final Target target;
  private final Counter counter;

  private DeadLetters(Target target, Counter counter) {
    this.target = target;
    this.counter = counter;
    this.producer = new KafkaProducer<>(target.kafka().client(Map.of("acks", "all",
        "enable.idempotence", "true", "client.id", "brain-analytics-" + target.job() + "-dead-letters",
        "max.request.size", Integer.toString(2 * KEPT_CHARS * 4))),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Opens the writer of a sink's dead letters, creating the topic when missing, counting into {@code metrics}. */
  public static DeadLetters open(Target target, MetricGroup metrics) {
    Topics.ensure(target.kafka(), new NewTopic(target.topic(), java.util.Optional.empty(), java.util.Optional.empty())
        .configs(Map.of("retention.ms", Long.toString(TimeUnit.DAYS.toMillis(30)),
            "max.message.bytes", Integer.toString(4 * KEPT_CHARS * 4))));
    return new DeadLetters(target, metrics.counter("deadLetterRecords"));
  }

  /**
   * Whether Kafka refused this record itself, for good: the same record would be refused again. Anything
   * else (the broker gone, a timeout, authorisation) concerns every record and is the job's failure.
   */
  public static boolean refusedForGood(Throwable e) {
    return e instanceof InvalidRecordException || e instanceof InvalidTimestampException
        || e instanceof RecordTooLargeException
        || e instanceof RecordBatchTooLargeException || e instanceof CorruptRecordException;
  }

  /** Writes one dead letter and waits until Kafka has it; a failure here fails the job. */
  public void send(String target, String id, String record, String reason) throws IOException {
    String plant = plantOf(record);
    boolean truncated = record.length() > KEPT_CHARS;
    DeadLetter letter = new DeadLetter(this.target.job(), target, id, plant, reason, Instant.now(),
        truncated ? record.substring(0, KEPT_CHARS) : record, truncated);
    byte[] key = (plant + '|' + id).getBytes(StandardCharsets.UTF_8);
    try {
      producer.send(new ProducerRecord<>(this.target.topic(), key, Envelope.JSON.writeValueAsBytes(letter)))
          .get(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted writing a dead letter", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("dead letter of " + id + " not written to " + this.target.topic()
          + "; failing so the job restarts from its last checkpoint", e);
    }
    counter.inc();
    LOG.error("{} refused {} ({}); sent to {}: {}", target, id, plant, this.target.topic(), reason);
  }

  /** The plant a derived record belongs to (every result and alert names it), or "" when it does not say. */
  static String plantOf(String record) {
    try {
      JsonNode node = Envelope.JSON.readTree(record);
      return node.path("plant").asText("");
    } catch (IOException e) {
      return ""; // not JSON at all: kept whole in the letter all the same
    }
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(30));
  }
}
