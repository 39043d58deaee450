package org.enterprisebrain.analytics.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Kafka sources over the standard topics. Records are turned into the job's typed input inside the
 * deserializer: the envelope is parsed once, and nothing generic (a JSON tree) ever crosses an operator,
 * where Flink would have to copy it with Kryo.
 */
public final class StandardSource {

  /** Envelope (with its topic) to the job's input; null skips the record (e.g. a kind the job ignores). */
  @FunctionalInterface
  public interface Mapper<T> extends Serializable {
    T map(String topic, JsonNode envelope);
  }

  /** Something every job input has: its event time and the id that makes it unique. */
  public interface Timed {
    long at();

    String recordId();
  }

  private StandardSource() {
  }

  /**
   * @param fromEarliest read the topics from the start (a job that keeps no state between runs, e.g. on a
   *                     local MiniCluster); otherwise resume from the group's committed offsets
   */
  public static <T> KafkaSource<T> of(KafkaConnection kafka, String groupId, boolean fromEarliest, List<String> topics,
      Class<T> type, Mapper<T> mapper, boolean bounded) {
    var builder = KafkaSource.<T>builder()
        .setProperties(kafka.properties())
        // by pattern, not by name: a job that starts before its topics exist (brain up starts the jobs beside the
        // ingestion service that creates them) finds them at the next discovery, from their start, instead of
        // failing over until they appear
        .setTopicPattern(java.util.regex.Pattern.compile(topics.stream().map(java.util.regex.Pattern::quote)
            .collect(java.util.stream.Collectors.joining("|"))))
        .setGroupId(groupId)
        // a restarted job resumes from its checkpoint, which takes precedence over these offsets
        .setStartingOffsets(fromEarliest ? OffsetsInitializer.earliest()
            : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setProperty("partition.discovery.interval.ms", "10000")
        .setDeserializer(new Deserializer<>(type, mapper));
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  public static <T extends Timed> WatermarkStrategy<T> watermarks(Duration outOfOrderness, Duration idleness) {
    return WatermarkStrategy.<T>forBoundedOutOfOrderness(outOfOrderness)
        .withTimestampAssigner((event, previous) -> event.at())
        .withIdleness(idleness);
  }

  static final class Deserializer<T> implements KafkaRecordDeserializationSchema<T> {
    private final Class<T> type;
    private final Mapper<T> mapper;
    private transient Counter unreadable;

    Deserializer(Class<T> type, Mapper<T> mapper) {
      this.type = type;
      this.mapper = mapper;
    }

    @Override
    public void open(org.apache.flink.api.common.serialization.DeserializationSchema.InitializationContext context) {
      unreadable = context.getMetricGroup().counter("unreadableRecords");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
      T value;
      try {
        value = mapper.map(record.topic(), Envelope.parse(record.value()));
      } catch (Exception e) {
        // ingestion validates every record, so this is a producer that bypassed it: count, do not stop the job
        if (unreadable != null) {
          unreadable.inc();
        }
        return;
      }
      if (value != null) {
        out.collect(value);
      }
    }

    @Override
    public TypeInformation<T> getProducedType() {
      return TypeInformation.of(type);
    }
  }
}
