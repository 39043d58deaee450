package org.enterprisebrain.connector.records;

import com.squareup.tape2.QueueFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * No loss at the edge: a record Kafka did not take is kept in a file on the connector's disk (Square's Tape
 * {@link QueueFile}: a crash-safe FIFO, every write synced) and sent again, oldest first, once Kafka answers. While
 * anything is held, new records queue behind it, so what a device reported reaches Kafka in the order it came.
 * Past {@code maxRecords} the oldest are dropped, each counted against its connection.
 */
final class EdgeBuffer implements AutoCloseable {

  /** A record as it was for Kafka, with the connection whose counts it belongs to. */
  record Held(String connection, String topic, String key, List<List<String>> headers, byte[] value) {

    ProducerRecord<String, byte[]> record() {
      List<Header> kafka = new ArrayList<>();
      headers.forEach(h -> kafka.add(new RecordHeader(h.get(0), h.get(1).getBytes(StandardCharsets.UTF_8))));
      return new ProducerRecord<>(topic, null, key, value, kafka);
    }

    static Held of(String connection, ProducerRecord<String, byte[]> r) {
      List<List<String>> headers = new ArrayList<>();
      r.headers().forEach(h -> headers.add(List.of(h.key(), new String(h.value(), StandardCharsets.UTF_8))));
      return new Held(connection, r.topic(), r.key(), headers, r.value());
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(EdgeBuffer.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int BATCH = 500;

  private final QueueFile queue;
  private final int maxRecords;
  private final Producer<String, byte[]> producer;
  private final Duration retry;
  private final Map<String, RecordWriter.Outcome> outcomes;
  private final Thread drainer;
  private volatile boolean holding;
  /** The held records, from the oldest, a send round has taken; 0 between rounds. */
  private int inFlight;
  /**
   * Which held records, from the oldest on, Kafka took in a round where an older one failed: still in the file
   * (it lets go from the oldest only), not sent again.
   */
  private final List<Boolean> takenAhead = new ArrayList<>();
  private volatile boolean closed;

  EdgeBuffer(Path file, int maxRecords, Producer<String, byte[]> producer, Duration retry,
      Map<String, RecordWriter.Outcome> outcomes) {
    try {
      Files.createDirectories(file.getParent());
      this.queue = new QueueFile.Builder(file.toFile()).build();
    } catch (IOException e) {
      throw new UncheckedIOException("the connector's buffer " + file + " cannot be opened", e);
    }
    this.maxRecords = maxRecords;
    this.producer = producer;
    this.retry = retry;
    this.outcomes = outcomes;
    this.holding = !queue.isEmpty();
    if (holding) {
      LOG.info("{} records held from before the connector's restart: sent once Kafka answers", queue.size());
    }
    this.drainer = new Thread(this::drain, "connector-buffer");
    drainer.setDaemon(true);
    drainer.start();
  }

  /** Whether records are held: a new one must queue behind them. */
  boolean holding() {
    return holding;
  }

  synchronized int size() {
    return queue.size();
  }

  /** Keeps a record for later, dropping the oldest held one when the buffer is full. */
  synchronized void hold(String connection, ProducerRecord<String, byte[]> record) {
    try {
      // the oldest go first, but not those a send round has in flight (the bound is passed by what arrives
      // during one round at most)
      while (queue.size() >= maxRecords && inFlight == 0) {
        Held oldest = JSON.readValue(queue.peek(), Held.class);
        queue.remove();
        if (!takenAhead.isEmpty()) {
          takenAhead.remove(0);
        }
        outcome(oldest.connection()).dropped();
      }
      queue.add(JSON.writeValueAsBytes(Held.of(connection, record)));
      holding = true;
      notifyAll();
    } catch (IOException e) {
      // the disk refuses: the record is lost, and said so
      outcome(connection).dropped();
      LOG.error("connection {}: a record could not be kept in the buffer: {}", connection, e.toString());
    }
  }

  /** Sends what is held, oldest first, in batches; a batch Kafka does not take entirely is tried again. */
  private void drain() {
    while (!closed) {
      List<Held> batch;
      synchronized (this) {
        batch = oldest();
        if (batch.isEmpty()) {
          holding = false;
          try {
            wait(1000);
          } catch (InterruptedException e) {
            return;
          }
          continue;
        }
        inFlight = batch.size();
      }
      boolean[] taken = send(batch);
      int sent = 0;
      while (sent < taken.length && taken[sent]) {
        sent++;
      }
      synchronized (this) {
        try {
          if (sent > 0) {
            queue.remove(sent);
          }
          takenAhead.clear();
          for (int i = sent; i < taken.length; i++) {
            takenAhead.add(taken[i]);
          }
        } catch (IOException e) {
          LOG.error("the buffer could not let go of {} sent records: {}", sent, e.toString());
        } finally {
          inFlight = 0;
        }
      }
      batch.subList(0, sent).forEach(h -> outcome(h.connection()).replayed());
      if (sent < batch.size()) {
        try {
          Thread.sleep(retry.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** @return for each record of the batch whether Kafka has it (taken in an earlier round, or acknowledged now) */
  private boolean[] send(List<Held> batch) {
    boolean[] taken = new boolean[batch.size()];
    List<Future<RecordMetadata>> futures = new ArrayList<>();
    synchronized (this) {
      for (int i = 0; i < takenAhead.size() && i < taken.length; i++) {
        taken[i] = takenAhead.get(i);
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      if (taken[i]) {
        futures.add(null);
        continue;
      }
      try {
        futures.add(producer.send(batch.get(i).record()));
      } catch (RuntimeException e) {
        break; // the broker is unreachable: the rest waits for the next round
      }
    }
    // every send of the round ends (acknowledged, or failed after delivery.timeout.ms) before the next round: a
    // record still in flight is never sent a second time beside itself
    for (int i = 0; i < futures.size(); i++) {
      if (futures.get(i) == null) {
        continue;
      }
      try {
        futures.get(i).get();
        taken[i] = true;
      } catch (ExecutionException e) {
        taken[i] = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return taken;
      }
    }
    return taken;
  }

  private List<Held> oldest() {
    List<Held> batch = new ArrayList<>();
    Iterator<byte[]> it = queue.iterator();
    while (it.hasNext() && batch.size() < BATCH) {
      batch.add(JSON.readValue(it.next(), Held.class));
    }
    return batch;
  }

  private RecordWriter.Outcome outcome(String connection) {
    return outcomes.getOrDefault(connection, RecordWriter.Outcome.NONE);
  }

  @Override
  public void close() {
    closed = true;
    drainer.interrupt();
    synchronized (this) {
      try {
        queue.close();
      } catch (IOException e) {
        LOG.warn("the buffer did not close cleanly: {}", e.toString());
      }
    }
  }
}
