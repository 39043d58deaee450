package org.enterprisebrain.analytics.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A compacted topic of configuration versions that analytics-service writes (SPC chart settings, work
 * calendars), read by a job as a broadcast stream. Keyed by what it configures and the version, so
 * compaction keeps every version ever made and a replay meets each one again.
 */
public final class SettingsTopic {

  /** One version from a record's JSON value; null for a value that is none (never a reason to stop a job). */
  public interface Reader<T> extends Serializable {
    T read(JsonNode value);
  }

  private SettingsTopic() {
  }

  /**
   * The topic from its start as a stream. Settings have no event time: the source says it is idle, so it never
   * holds back the event time of the input it is connected to (a broadcast input without watermarks keeps the
   * operator's watermark at its start for ever, and no event-time timer fires). Not a watermark at the end of
   * time: when the other input goes idle too (no records for a while), the operator would take that one and
   * judge everything after it late.
   */
  public static <T> DataStream<T> stream(StreamExecutionEnvironment env, KafkaConnection kafka, String topic,
      String groupId, boolean bounded, Class<T> type, Reader<T> reader, String name) {
    var builder = KafkaSource.<T>builder()
        .setProperties(kafka.properties())
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new Records<>(type, reader));
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return env.fromSource(builder.build(), WatermarkStrategy.<T>forGenerator(context -> new AlwaysIdle<>()), name)
        .uid(name + "-source");
  }

  /** Creates the compacted topic when missing (the job may start before the service that also does). */
  public static void ensure(KafkaConnection kafka, String topic) {
    Topics.ensure(kafka, new NewTopic(topic, 1, (short) -1).configs(Map.of("cleanup.policy", "compact")));
  }

  /**
   * Every version on the topic now, read when an operator opens: the broadcast stream brings changes, but
   * Flink does not order it before the other input, and what is replayed from the start must meet its
   * settings before the records they govern (else the replay would differ from the live result).
   */
  public static <T> List<T> readAll(KafkaConnection kafka, String topic, Reader<T> reader) {
    Properties p = kafka.properties();
    p.put("enable.auto.commit", "false");
    List<T> all = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end within 60 s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          T s = read(r, reader);
          if (s != null) {
            all.add(s);
          }
        }
      }
    }
    return all;
  }

  static <T> T read(ConsumerRecord<byte[], byte[]> r, Reader<T> reader) {
    if (r.value() == null) {
      return null;
    }
    try {
      return reader.read(Envelope.JSON.readTree(new String(r.value(), StandardCharsets.UTF_8)));
    } catch (Exception e) {
      return null;
    }
  }

  record Records<T>(Class<T> type, Reader<T> reader) implements KafkaRecordDeserializationSchema<T> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
      T s = read(record, reader);
      if (s != null) {
        out.collect(s);
      }
    }

    @Override
    public TypeInformation<T> getProducedType() {
      return TypeInformation.of(type);
    }
  }

  static final class AlwaysIdle<T> implements WatermarkGenerator<T> {
    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.markIdle();
    }
  }
}
