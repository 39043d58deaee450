package org.enterprisebrain.ingestion.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.enterprisebrain.messages.StoredFileMapping;
import org.enterprisebrain.standard.FieldError;
import org.enterprisebrain.standard.TopicSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plant's stored file mappings: written to their compacted topic (acks=all) and read back from its start by a
 * thread of every instance, so a mapping stored through one replica is used by all, and survives restarts.
 */
@Component
public class MappingStore implements SmartLifecycle {

  public static final String TOPIC = TopicSchemas.topic("ingest-mappings.v1");
  private static final Logger LOG = LoggerFactory.getLogger(MappingStore.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, StoredFileMapping> mappings = new ConcurrentHashMap<>();
  private final Producer<String, byte[]> producer;
  private final Map<String, Object> consumerConfig;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running;
  private Thread reader;

  public MappingStore(ProducerFactory<String, byte[]> producers, KafkaProperties kafka) {
    this.producer = producers.createProducer();
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: every instance reads everything
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumerConfig = config;
  }

  public Optional<StoredFileMapping> get(String name) {
    return Optional.ofNullable(mappings.get(name));
  }

  public List<StoredFileMapping> all() {
    return mappings.values().stream().sorted(java.util.Comparator.comparing(StoredFileMapping::name)).toList();
  }

  /** Writes {@code mapping}, waiting for every in-sync replica; the store has it when this returns. */
  public StoredFileMapping put(String name, String entity, String description, Object mapping, String who) {
    StoredFileMapping stored = new StoredFileMapping(name, entity, description, mapping, Instant.now(), who);
    try {
      producer.send(new ProducerRecord<>(TOPIC, name, JSON.writeValueAsBytes(stored))).get(15, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw IngestionException.unavailable("Kafka did not store the mapping: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw IngestionException.unavailable("interrupted storing the mapping");
    }
    mappings.put(name, stored);
    return stored;
  }

  @Override
  public void start() {
    running = true;
    reader = new Thread(this::read, "file-mappings-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    while (running) {
      try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig)) {
        consumer = c;
        List<TopicPartition> partitions = c.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
          Thread.sleep(2000); // created at start by KafkaTopicsConfig: not there yet
          continue;
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        while (running) {
          for (var record : c.poll(Duration.ofSeconds(1))) {
            if (record.value() == null) {
              mappings.remove(record.key());
              continue;
            }
            try {
              StoredFileMapping m = JSON.readValue(record.value(), StoredFileMapping.class);
              mappings.put(m.name(), m);
            } catch (RuntimeException e) {
              LOG.warn("a message on {} that is no stored mapping (offset {}): {}", TOPIC, record.offset(),
                  e.getMessage());
            }
          }
        }
      } catch (WakeupException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (KafkaException e) {
        // Kafka away: what was read stays in use; read again from the start once it is back
        LOG.warn("reading the stored file mappings failed, retrying: {}", e.getMessage());
        try {
          Thread.sleep(2000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    producer.close(Duration.ofSeconds(5));
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** A missing name is the caller's to fix: 404 naming the parameter. */
  public StoredFileMapping required(String name, String parameter) {
    return get(name).orElseThrow(() -> IngestionException.notFound("no stored mapping '" + name + "'",
        List.of(new FieldError(parameter, "no stored mapping of that name (GET /api/v1/ingest/mappings)"))));
  }
}
