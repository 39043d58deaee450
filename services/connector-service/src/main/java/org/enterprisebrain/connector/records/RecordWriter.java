package org.enterprisebrain.connector.records;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.enterprisebrain.connector.ConnectorProperties;
import org.enterprisebrain.connector.connections.ConnectionConfig;
import org.enterprisebrain.connector.connections.TagBinding;
import org.enterprisebrain.messages.ConnectorRejection;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.EntityStandard;
import org.enterprisebrain.standard.StandardHeaders;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts what the devices report on Kafka: a standard record on the entity's topic with the headers and key the
 * ingestion API gives it (acks=all, idempotent), or, when the value becomes no record, a rejection with its raw
 * value and reason on {@code brain.connector.rejected.v1}. Never throws for one value: the connection goes on.
 */
@Component
public class RecordWriter implements DisposableBean {

  /** What happened to one value, counted per connection. */
  public interface Outcome {
    /** Kafka acknowledged the record. */
    void published();

    /** Kafka did not take it: it is held in the buffer. */
    void buffered();

    /** A held record reached Kafka. */
    void replayed();

    /** A held record was dropped: the buffer was full (its oldest go first) or the disk refused. */
    void dropped();

    /** The value became no record (dead-lettered). */
    void rejected();

    /** The connection's counts this outcome goes to: what a record replayed from the buffer later counts on. */
    default Outcome counts() {
      return this;
    }

    /** Counts nothing: for a record of a connection no longer there. */
    Outcome NONE = new Outcome() {
      @Override
      public void published() {
      }

      @Override
      public void buffered() {
      }

      @Override
      public void replayed() {
      }

      @Override
      public void dropped() {
      }

      @Override
      public void rejected() {
      }
    };
  }

  private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Producer<String, byte[]> producer;
  private final DataStandard standard;
  private final StandardRecords records;
  private final String rejectedTopic;
  private final Clock clock;
  private final Map<String, String> fieldGrades = new ConcurrentHashMap<>();

  private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
  private final EdgeBuffer buffer;

  public RecordWriter(ProducerFactory<String, byte[]> producers, DataStandard standard, ConnectorProperties properties,
      Clock clock, MeterRegistry meters) {
    this.producer = producers.createProducer();
    this.standard = standard;
    this.records = new StandardRecords(standard);
    this.rejectedTopic = properties.rejectedTopic();
    this.clock = clock;
    this.buffer = new EdgeBuffer(properties.dataDir().resolve("buffer").resolve("records.tape"),
        properties.bufferMaxRecords(), producer, properties.retry(), outcomes);
    Gauge.builder("brain.connector.buffer.records", buffer, EdgeBuffer::size)
        .description("records held on disk for Kafka, all connections").register(meters);
  }

  public void write(ConnectionConfig connection, TagBinding binding, TagValue value, Outcome outcome) {
    Instant now = clock.instant();
    StandardRecords.Made made;
    try {
      made = records.make(connection, binding, value, now);
    } catch (RuntimeException e) {
      made = StandardRecords.Made.rejected("the value could not be converted: " + e);
    }
    if (made.record() == null) {
      reject(connection, binding.tag(), binding.entity(), value, made.rejection(), outcome);
      return;
    }
    publish(connection, binding.entity(), made.record(), now, outcome);
  }

  /**
   * The equipment's device is gone (a Sparkplug B death): its state is down with reason OFFLINE from then on, until
   * the device's next birth says otherwise.
   */
  public void writeOffline(ConnectionConfig connection, String tag, String equipment, Instant at, Outcome outcome) {
    Instant now = clock.instant();
    StandardRecords.Made made = records.offline(connection, equipment, at);
    if (made.record() == null) {
      reject(connection, tag, "equipment-state", new byte[0], at, made.rejection(), outcome);
      return;
    }
    publish(connection, "equipment-state", made.record(), now, outcome);
  }

  private void publish(ConnectionConfig connection, String entityName, ObjectNode record, Instant now,
      Outcome outcome) {
    EntityStandard entity = standard.entity(entityName).orElseThrow();
    int version = record.path("schemaVersion").asInt();
    List<Header> headers = new ArrayList<>();
    StandardHeaders.ofRecord(record.path("id").asString(), version, connection.sourceSystem())
        .forEach(h -> headers.add(header(h.getKey(), h.getValue())));
    StandardHeaders.ofBatch(entity, fieldGrades.computeIfAbsent(entity.entity(), e -> entity.fieldGrades()), now,
        "connector:" + connection.id()).forEach(h -> headers.add(header(h.getKey(), h.getValue())));
    outcomes.put(connection.id(), outcome.counts());
    ProducerRecord<String, byte[]> out = new ProducerRecord<>(entity.topic(version), null,
        standard.partitionKey(entity, record), JSON.writeValueAsBytes(record), headers);
    if (buffer.holding()) {
      // behind what is held already: the device's order is kept
      buffer.hold(connection.id(), out);
      outcome.buffered();
      return;
    }
    try {
      producer.send(out, (metadata, e) -> {
        if (e == null) {
          outcome.published();
        } else {
          buffer.hold(connection.id(), out);
          outcome.buffered();
        }
      });
    } catch (RuntimeException e) {
      buffer.hold(connection.id(), out);
      outcome.buffered();
    }
  }

  /** A value that became no record: counted, logged with connection and tag, kept raw on the dead-letter topic. */
  public void reject(ConnectionConfig connection, String tag, String entity, TagValue value, String reason,
      Outcome outcome) {
    String raw = value == null || value.value() == null ? "" : String.valueOf(value.value());
    reject(connection, tag, entity, raw.getBytes(StandardCharsets.UTF_8), value == null ? null : value.sourceTime(),
        reason, outcome);
  }

  /** As {@link #reject(ConnectionConfig, String, String, TagValue, String, Outcome)}, with the bytes as they came. */
  public void reject(ConnectionConfig connection, String tag, String entity, byte[] raw, Instant sourceTime,
      String reason, Outcome outcome) {
    outcome.rejected();
    LOG.warn("connection {} tag {}: {}", connection.id(), tag, reason);
    ConnectorRejection rejection = new ConnectorRejection(connection.id(), connection.plant(),
        ConnectorRejection.ProtocolEnum.fromValue(connection.protocol()), tag, entity, reason, clock.instant(),
        sourceTime, Base64.getEncoder().encodeToString(raw));
    try {
      producer.send(new ProducerRecord<>(rejectedTopic, connection.id() + "|" + tag, JSON.writeValueAsBytes(rejection)),
          (metadata, e) -> {
            if (e != null) {
              LOG.warn("connection {} tag {}: the rejection was not kept on {}: {}", connection.id(), tag,
                  rejectedTopic, e.toString());
            }
          });
    } catch (RuntimeException e) {
      LOG.warn("connection {} tag {}: the rejection was not kept on {}: {}", connection.id(), tag, rejectedTopic,
          e.toString());
    }
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void destroy() {
    // what Kafka has not acknowledged by now lands in the buffer through the callbacks, then the buffer closes
    producer.flush();
    buffer.close();
    producer.close(java.time.Duration.ofSeconds(10));
  }
}
