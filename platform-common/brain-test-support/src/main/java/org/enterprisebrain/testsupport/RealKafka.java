package org.enterprisebrain.testsupport;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real KRaft Kafka broker in this test JVM, started on first use and stopped when the JVM ends.
 * Use {@code @ExtendWith(RealKafka.class)} or call {@link #bootstrapServers()} (e.g. from a
 * {@code @DynamicPropertySource}).
 */
public final class RealKafka implements BeforeAllCallback {

  private static KafkaClusterTestKit cluster;

  @Override
  public void beforeAll(ExtensionContext context) {
    bootstrapServers();
  }

  public static synchronized String bootstrapServers() {
    if (cluster == null) {
      try {
        keepTheJvmAlive();
        KafkaClusterTestKit started = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
            .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
            // the kit defaults to replication factor 3: consumer groups would hang on one node
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("num.partitions", "3")
            .build();
        started.format();
        started.startup();
        started.waitForReadyBrokers();
        cluster = started;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (Exception e) {
            System.err.println("Kafka test broker did not stop cleanly: " + e);
          }
        }, "real-kafka-stop"));
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the Kafka test broker", e);
      }
    }
    return cluster.bootstrapServers();
  }

  /**
   * A fault of the test broker while the JVM stops (controlled shutdown racing the controller's) makes Kafka
   * halt the process with a non-zero status: the test fork then "fails" after every test passed. In a test JVM
   * the broker is told to report instead; the JVM ends as its tests decide.
   */
  public static void keepTheJvmAlive() {
    Exit.setHaltProcedure((status, message) ->
        System.err.println("Kafka test broker asked to halt the JVM (" + status + "): " + message));
    Exit.setExitProcedure((status, message) ->
        System.err.println("Kafka test broker asked to exit the JVM (" + status + "): " + message));
  }
}
