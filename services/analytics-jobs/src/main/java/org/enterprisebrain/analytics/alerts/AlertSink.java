package org.enterprisebrain.analytics.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.enterprisebrain.analytics.sink.DeadLetters;

/**
 * Alerts to {@code brain.alerts.v1}, keyed like the standard topics (plant|equipment) so one machine's alerts
 * stay in order; acks=all and idempotence, at least once (alerts carry their own ids, so a redelivery is
 * recognisable and a loss is not).
 *
 * <p>The Kafka timestamp is the time the alert was raised, not the event time it is about (that stays in
 * {@code at}): the broker refuses timestamps more than an hour ahead by default and deletes records whose
 * timestamps are older than the retention, so history or a clock running ahead would lose alerts. An alert
 * Kafka refuses for itself (too large, invalid) is sent once more on its own, since the broker refuses whole
 * batches, and then goes to the dead letters; the job goes on. Any other failure fails the job, which
 * restarts from its last checkpoint and sends again.
 *
 * <p>Flink's {@code KafkaSink} fails the job on any asynchronous send error, which is why this is ours.
 */
public final class AlertSink implements Sink<Alert> {

  private static final long serialVersionUID = 1L;
  private final String topic;
  private final DeadLetters.Target deadLetters;

  public AlertSink(String topic, DeadLetters.Target deadLetters) {
    this.topic = topic;
    this.deadLetters = deadLetters;
  }

  @Override
  public SinkWriter<Alert> createWriter(WriterInitContext context) {
    return new Writer(context);
  }

  private record Failure(Alert alert, Exception error) {
  }

  final class Writer implements SinkWriter<Alert> {
    private final KafkaProducer<byte[], byte[]> producer;
    private final DeadLetters letters;
    private final Counter sent;
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();

    Writer(WriterInitContext context) {
      producer = new KafkaProducer<>(deadLetters.kafka().client(Map.of("acks", "all",
          "enable.idempotence", "true", "client.id", "brain-analytics-" + deadLetters.job() + "-alerts")),
          new ByteArraySerializer(), new ByteArraySerializer());
      letters = DeadLetters.open(deadLetters, context.metricGroup());
      sent = context.metricGroup().counter("alertsSent", new ThreadSafeSimpleCounter());
    }

    @Override
    public void write(Alert alert, Context context) throws IOException {
      handleFailures();
      producer.send(record(alert), (metadata, e) -> {
        if (e != null) {
          failures.add(new Failure(alert, e));
        } else {
          sent.inc();
        }
      });
    }

    /** Before a checkpoint completes, every alert up to it is on Kafka or in the dead letters. */
    @Override
    public void flush(boolean endOfInput) throws IOException {
      producer.flush();
      handleFailures();
    }

    private ProducerRecord<byte[], byte[]> record(Alert a) {
      // a null timestamp: the producer stamps the time of sending
      String key = a.plant() + '|' + (a.equipment() == null ? "" : a.equipment());
      return new ProducerRecord<>(topic, null, null, key.getBytes(StandardCharsets.UTF_8),
          a.json().getBytes(StandardCharsets.UTF_8));
    }

    private void handleFailures() throws IOException {
      for (Failure f; (f = failures.poll()) != null; ) {
        if (!DeadLetters.refusedForGood(f.error())) {
          throw new IOException("alert " + f.alert().id() + " not delivered to " + topic
              + "; failing so the job restarts from its last checkpoint", f.error());
        }
        Exception again = sendAlone(f.alert());
        if (again == null) {
          sent.inc();
        } else if (DeadLetters.refusedForGood(again)) {
          letters.send("kafka:" + topic, f.alert().id(), f.alert().json(),
              again.getClass().getSimpleName() + ": " + again.getMessage());
        } else {
          throw new IOException("alert " + f.alert().id() + " not delivered to " + topic, again);
        }
      }
    }

    /** The alert sent alone and waited for: null when Kafka took it, else why not. */
    private Exception sendAlone(Alert alert) throws IOException {
      try {
        producer.send(record(alert)).get(2, TimeUnit.MINUTES);
        return null;
      } catch (ExecutionException e) {
        return e.getCause() instanceof Exception cause ? cause : e;
      } catch (TimeoutException e) {
        return e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted sending alert " + alert.id(), e);
      }
    }

    @Override
    public void close() {
      producer.close(Duration.ofSeconds(30));
      letters.close();
    }
  }
}
