package org.enterprisebrain.analytics;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.enterprisebrain.analytics.run.AnalyticsSettings;
import org.enterprisebrain.analytics.stream.TopicContract;
import org.enterprisebrain.servers.ElasticsearchServer;
import org.enterprisebrain.servers.ManagedProcess;

/** A real KRaft broker and a real Elasticsearch node, each started once per test JVM. */
public final class RealServers {

  public static final String DEPLOYMENTS = TopicContract.topic("model-deployments.v1");
  public static final String ALERTS = TopicContract.topic("alerts.v1");
  private static KafkaClusterTestKit kafka;
  private static ElasticsearchServer elasticsearch;

  private RealServers() {
  }

  public static synchronized String kafka() throws Exception {
    if (kafka == null) {
      // as brain-test-support's RealKafka: a broker fault while the JVM stops must not halt it with a non-zero status
      Exit.setHaltProcedure((status, message) -> System.err.println("Kafka test broker asked to halt: " + message));
      Exit.setExitProcedure((status, message) -> System.err.println("Kafka test broker asked to exit: " + message));
      KafkaClusterTestKit started = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
              .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .build();
      started.format();
      started.startup();
      started.waitForReadyBrokers();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", started.bootstrapServers()))) {
        admin.createTopics(List.of(AnalyticsSettings.EQUIPMENT_STATES, AnalyticsSettings.OPERATION_REPORTS,
                AnalyticsSettings.EQUIPMENT, AnalyticsSettings.QUALITY_RESULTS, AnalyticsSettings.ENERGY_READINGS,
                AnalyticsSettings.TELEMETRY, ALERTS).stream()
            .map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        admin.createTopics(List.of(new NewTopic(DEPLOYMENTS, 1, (short) 1)
            .configs(Map.of("cleanup.policy", "compact", "max.message.bytes", "16777216")))).all().get();
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "kafka-stop"));
      kafka = started;
    }
    return kafka.bootstrapServers();
  }

  public static synchronized String elasticsearch() {
    if (elasticsearch == null) {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "elasticsearch-" + ProcessHandle.current().pid());
      ElasticsearchServer started = ElasticsearchServer.start(ElasticsearchServer.locateNode(),
          ManagedProcess.freePort(), dir.resolve("data"), dir.resolve("elasticsearch.log"), "512m");
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "elasticsearch-stop"));
      elasticsearch = started;
    }
    return elasticsearch.url();
  }
}
