package org.enterprisebrain.ingestion.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts validated records on Kafka and tells, per record, whether the broker acknowledged it
 * (acks=all, idempotent producer: see application.yml). Nothing is reported accepted before that.
 */
@Component
public class RecordPublisher implements DisposableBean {

  /** A record ready to publish: its position in the request, topic, key, value, own and batch headers. */
  public record Outgoing(int index, String topic, String key, byte[] value, List<RecordHeader> headers,
      List<RecordHeader> batchHeaders) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(RecordPublisher.class);
  private final Producer<String, byte[]> producer;
  private final IngestionProperties properties;

  public RecordPublisher(ProducerFactory<String, byte[]> producers, IngestionProperties properties) {
    this.producer = producers.createProducer();
    this.properties = properties;
  }

  /** @return for each outgoing record, in order, whether Kafka acknowledged it in time */
  public boolean[] publish(List<Outgoing> records) {
    boolean[] acknowledged = new boolean[records.size()];
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    for (Outgoing record : records) {
      Future<RecordMetadata> future;
      try {
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>(record.headers());
        headers.addAll(record.batchHeaders());
        future = producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers));
      } catch (KafkaException e) {
        future = null;
      }
      sent.add(future);
      // a metadata timeout means the broker is unreachable: do not wait max.block.ms per record
      if (future == null || (future.isDone() && failed(future))) {
        break;
      }
    }
    long deadline = System.nanoTime() + properties.ackTimeout().toNanos();
    for (int i = 0; i < sent.size(); i++) {
      Future<RecordMetadata> future = sent.get(i);
      if (future == null) {
        continue;
      }
      try {
        future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        acknowledged[i] = true;
      } catch (ExecutionException | TimeoutException e) {
        acknowledged[i] = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return acknowledged;
      }
    }
    return acknowledged;
  }

  /**
   * Sends a statistics record without holding up the caller: losing one costs a rejection rate a few
   * counts, never a business record. Failures are logged and counted.
   */
  public void publishStatistics(String topic, String key, byte[] value, Runnable onFailure) {
    producer.send(new ProducerRecord<>(topic, key, value), (metadata, e) -> {
      if (e != null) {
        onFailure.run();
        LOG.warn("could not publish to {}: {}", topic, e.toString());
      }
    });
  }

  public static RecordHeader header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }

  public static List<RecordHeader> headers(List<java.util.Map.Entry<String, String>> named) {
    return named.stream().map(h -> header(h.getKey(), h.getValue())).toList();
  }

  private static boolean failed(Future<RecordMetadata> future) {
    try {
      future.get();
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  @Override
  public void destroy() {
    producer.close(java.time.Duration.ofSeconds(10));
  }
}
