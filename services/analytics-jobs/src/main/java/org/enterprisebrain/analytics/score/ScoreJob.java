package org.enterprisebrain.analytics.score;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.enterprisebrain.analytics.alerts.Alert;
import org.enterprisebrain.analytics.health.Sample;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.stream.Topics;

/** Telemetry scored by the registry's deployments, which arrive as a broadcast stream. */
public final class ScoreJob {

  public record Streams(DataStream<EsDocument> scores, DataStream<Alert> alerts) {
  }

  private ScoreJob() {
  }

  public static Streams build(DataStream<Sample> samples, DataStream<DeploymentRecord> deployments, String index) {
    SingleOutputStreamOperator<EsDocument> scores = samples.keyBy(Sample::machine)
        .connect(deployments.broadcast(ScoreProcess.DEPLOYMENTS))
        .process(new ScoreProcess(index))
        .name("score-per-machine").uid("score-per-machine");
    return new Streams(scores, scores.getSideOutput(ScoreProcess.ALERTS));
  }

  /**
   * The deployments topic from its start: it is compacted, so reading it whole gives every live deployment
   * (a restored job resumes from its checkpoint, where the broadcast state already holds the earlier ones).
   */
  public static KafkaSource<DeploymentRecord> deployments(String bootstrap, String topic, String groupId,
      boolean bounded) {
    var builder = KafkaSource.<DeploymentRecord>builder()
        .setBootstrapServers(bootstrap)
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setProperty("partition.discovery.interval.ms", "10000")
        .setDeserializer(new Records());
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /**
   * Creates the compacted deployments topic when it is missing: the job may start before the registry (which
   * creates it too), and a Kafka source fails over on a topic that does not exist.
   */
  public static void ensureTopic(String bootstrap, String topic) {
    Topics.ensure(bootstrap, new NewTopic(topic, 1, (short) -1)
        .configs(Map.of("cleanup.policy", "compact", "max.message.bytes", "16777216")));
  }

  static final class Records implements KafkaRecordDeserializationSchema<DeploymentRecord> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DeploymentRecord> out) {
      if (record.key() == null) {
        return; // not a deployment: the registry always keys by id
      }
      out.collect(new DeploymentRecord(new String(record.key(), StandardCharsets.UTF_8),
          record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8)));
    }

    @Override
    public TypeInformation<DeploymentRecord> getProducedType() {
      return TypeInformation.of(DeploymentRecord.class);
    }
  }
}
