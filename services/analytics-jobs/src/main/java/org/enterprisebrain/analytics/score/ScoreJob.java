package org.enterprisebrain.analytics.score;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.enterprisebrain.analytics.alerts.Alert;
import org.enterprisebrain.analytics.health.Sample;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.stream.KafkaConnection;
import org.enterprisebrain.analytics.stream.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Telemetry scored by the registry's deployments, which arrive as a broadcast stream. */
public final class ScoreJob {

  private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);

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
  public static KafkaSource<DeploymentRecord> deployments(KafkaConnection kafka, String topic, String groupId,
      boolean bounded, String key) {
    var builder = KafkaSource.<DeploymentRecord>builder()
        .setProperties(kafka.properties())
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setProperty("partition.discovery.interval.ms", "10000")
        .setDeserializer(new Records(key));
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /**
   * Creates the compacted deployments topic when it is missing: the job may start before the registry (which
   * creates it too), and a Kafka source fails over on a topic that does not exist.
   */
  public static void ensureTopic(KafkaConnection kafka, String topic) {
    Topics.ensure(kafka, new NewTopic(topic, 1, (short) -1)
        .configs(Map.of("cleanup.policy", "compact", "max.message.bytes", "16777216")));
  }

  /**
   * The deployments whose signature the registry's key verifies; every other record is refused here, before
   * anything of it reaches the job's state, counted ({@code deploymentsRefused}) and logged with its id.
   */
  static final class Records implements KafkaRecordDeserializationSchema<DeploymentRecord> {

    private final String key;
    private transient PublicKey publicKey;
    private transient Counter refused;

    /** @param key BRAIN_ANALYTICS_DEPLOYMENT_KEY (PEM); empty: no deployment is trusted */
    Records(String key) {
      this.key = key == null ? "" : key;
      if (!this.key.isBlank()) {
        DeploymentSignature.publicKey(this.key); // a key that cannot be read stops the job at submission
      }
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
      publicKey = key.isBlank() ? null : DeploymentSignature.publicKey(key);
      refused = context.getMetricGroup().counter("deploymentsRefused");
      if (publicKey == null) {
        LOG.warn("BRAIN_ANALYTICS_DEPLOYMENT_KEY is not set: every model deployment is refused");
      }
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DeploymentRecord> out) {
      if (record.key() == null) {
        return; // not a deployment: the registry always keys by id
      }
      String id = new String(record.key(), StandardCharsets.UTF_8);
      Header signature = record.headers().lastHeader(DeploymentSignature.HEADER);
      if (publicKey == null || !DeploymentSignature.verify(publicKey, id, record.value(),
          signature == null ? null : signature.value())) {
        refused.inc();
        LOG.warn("deployment {} refused at offset {}: {}", id, record.offset(), publicKey == null
            ? "no key to verify it with (BRAIN_ANALYTICS_DEPLOYMENT_KEY)"
            : signature == null ? "not signed" : "its signature is not the registry's");
        return;
      }
      out.collect(new DeploymentRecord(id,
          record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8)));
    }

    @Override
    public TypeInformation<DeploymentRecord> getProducedType() {
      return TypeInformation.of(DeploymentRecord.class);
    }
  }
}
