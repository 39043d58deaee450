package org.enterprisebrain.analytics.spc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.Topics;

/**
 * One version of a chart's settings, as analytics-service sends it on {@code brain.analytics.spc-settings.v1}
 * (schema {@code api-specs/topics/analytics-spc-settings.v1.schema.json}): from {@code effectiveFrom} on, the
 * chart's limits are the ones given, or are estimated from a new phase I of {@code baselineSubgroups}.
 *
 * @param baselineSubgroups 0: the job's default
 * @param sigma             NaN: no limits given
 */
public record ChartSettings(String plant, String equipment, String product, String characteristic, int version,
    long effectiveFrom, int baselineSubgroups, double center, double sigma) implements Serializable {

  /** The chart it is about, as {@link Measurement#key()} names it. */
  public String chart() {
    return plant + '|' + (equipment == null ? "" : equipment) + '|' + product + '|' + characteristic;
  }

  public boolean givenLimits() {
    return Double.isFinite(sigma);
  }

  static ChartSettings parse(JsonNode n) {
    JsonNode limits = n.path("limits");
    return new ChartSettings(Envelope.text(n, "plant"), Envelope.text(n, "equipment"), Envelope.text(n, "product"),
        Envelope.text(n, "characteristic"), n.path("version").asInt(), Envelope.millis(n.get("effectiveFrom")),
        n.path("baselineSubgroups").asInt(0), limits.isObject() ? limits.path("center").asDouble() : Double.NaN,
        limits.isObject() ? limits.path("sigma").asDouble() : Double.NaN);
  }

  /** The topic from its start: compacted by chart and version, so it holds every version ever made. */
  public static KafkaSource<ChartSettings> source(String bootstrap, String topic, String groupId, boolean bounded) {
    var builder = KafkaSource.<ChartSettings>builder()
        .setBootstrapServers(bootstrap)
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new Records());
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /** Creates the compacted topic when missing (the job may start before the service that also does). */
  public static void ensureTopic(String bootstrap, String topic) {
    Topics.ensure(bootstrap, new NewTopic(topic, 1, (short) -1).configs(Map.of("cleanup.policy", "compact")));
  }

  /**
   * Every version on the topic now, read when the SPC operator opens: the broadcast stream brings changes, but
   * Flink does not order it before the measurements, and a chart replayed from the start must meet its
   * settings before the subgroups they govern (else the replay would differ from the live chart).
   */
  public static List<ChartSettings> readAll(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("enable.auto.commit", "false");
    List<ChartSettings> all = new ArrayList<>();
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
          ChartSettings s = read(r);
          if (s != null) {
            all.add(s);
          }
        }
      }
    }
    return all;
  }

  /** A version, or null for what is none (a tombstone, an unreadable value: never a reason to stop a job). */
  static ChartSettings read(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return null;
    }
    try {
      ChartSettings s = parse(Envelope.JSON.readTree(new String(r.value(), StandardCharsets.UTF_8)));
      return s.plant() == null || s.product() == null || s.characteristic() == null || s.version() < 1
          || s.effectiveFrom() < 0 ? null : s;
    } catch (Exception e) {
      return null;
    }
  }

  static final class Records implements KafkaRecordDeserializationSchema<ChartSettings> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ChartSettings> out) {
      ChartSettings s = read(record);
      if (s != null) {
        out.collect(s);
      }
    }

    @Override
    public TypeInformation<ChartSettings> getProducedType() {
      return TypeInformation.of(ChartSettings.class);
    }
  }
}
