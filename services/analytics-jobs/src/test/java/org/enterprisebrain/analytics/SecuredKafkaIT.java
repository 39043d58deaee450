package org.enterprisebrain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.enterprisebrain.analytics.run.AnalyticsSettings;
import org.enterprisebrain.analytics.run.LocalRunner;
import org.enterprisebrain.analytics.stream.KafkaConnection;
import org.enterprisebrain.kafka.KafkaClientSecurity;
import org.enterprisebrain.servers.BrokerCertificate;
import org.enterprisebrain.servers.KafkaServer;
import org.enterprisebrain.servers.ManagedProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A job on a Kafka secured as the chart's (TLS, SCRAM-SHA-512, ACLs, nothing allowed without one): the health job
 * runs as its own user with the chart's ACLs for it — read telemetry, commit in its own groups, write alerts and
 * dead letters, create nothing — configured only by the {@code BRAIN_KAFKA_*} settings the chart gives its pod.
 */
@org.junit.jupiter.api.Timeout(300)
class SecuredKafkaIT {

  static final String USER = "brain-kafka-analytics-health";
  static final String DEAD_LETTERS = "brain.analytics.dead-letter.v1";

  static KafkaServer kafka;
  static BrokerCertificate tls;
  static String adminPassword = UUID.randomUUID().toString();
  static String jobPassword = UUID.randomUUID().toString();

  @BeforeAll
  static void startTheSecuredBroker() throws Exception {
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "secured-kafka");
    tls = BrokerCertificate.selfSigned(dir.resolve("tls"));
    kafka = KafkaServer.startSecured(System.getProperty("java.class.path"), ManagedProcess.freePort(),
        ManagedProcess.freePort(), dir.resolve("data"), dir.resolve("kafka.log"), "384m", tls, adminPassword);
    try (Admin admin = Admin.create(client("admin", adminPassword).client(Map.of()))) {
      admin.createTopics(List.of(AnalyticsSettings.TELEMETRY, RealServers.ALERTS, DEAD_LETTERS).stream()
          .map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get(60, TimeUnit.SECONDS);
      admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), jobPassword))).all().get(60, TimeUnit.SECONDS);
      // the chart's ACLs of analytics-health (helm/enterprise-brain/values.yaml: kafka.topics, kafka.groups)
      List<AclBinding> acls = new ArrayList<>();
      acls.addAll(allow(ResourceType.TOPIC, AnalyticsSettings.TELEMETRY, PatternType.LITERAL, AclOperation.READ,
          AclOperation.DESCRIBE));
      acls.addAll(allow(ResourceType.TOPIC, RealServers.ALERTS, PatternType.LITERAL, AclOperation.WRITE,
          AclOperation.DESCRIBE));
      acls.addAll(allow(ResourceType.TOPIC, DEAD_LETTERS, PatternType.LITERAL, AclOperation.WRITE,
          AclOperation.DESCRIBE));
      acls.addAll(allow(ResourceType.GROUP, "brain-analytics-health", PatternType.PREFIXED, AclOperation.READ));
      admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  static List<AclBinding> allow(ResourceType type, String name, PatternType pattern, AclOperation... operations) {
    List<AclBinding> acls = new ArrayList<>();
    for (AclOperation op : operations) {
      acls.add(new AclBinding(new ResourcePattern(type, name, pattern),
          new AccessControlEntry("User:" + USER, "*", op, AclPermissionType.ALLOW)));
    }
    return acls;
  }

  /** The settings the chart gives a pod: its ConfigMap's and its KafkaUser Secret's login. */
  static Map<String, String> settings(String user, String password) {
    Map<String, String> env = new HashMap<>();
    env.put("BRAIN_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    env.put("BRAIN_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    env.put("BRAIN_KAFKA_SASL_MECHANISM", KafkaServer.SCRAM);
    env.put("BRAIN_KAFKA_TRUSTSTORE", tls.certificate().toString());
    env.put("BRAIN_KAFKA_SASL_JAAS_CONFIG", KafkaServer.scramLogin(user, password));
    return env;
  }

  static KafkaConnection client(String user, String password) {
    return KafkaConnection.from(settings(user, password)::get);
  }

  @Test
  void theHealthJobReadsCommitsAndAlertsAsItsOwnUserAndCreatesNothing() throws Exception {
    List<ProducerRecord<String, String>> telemetry = AnalyticsJobsIT.telemetry();
    KafkaConnection admin = client("admin", adminPassword);
    try (var producer = new KafkaProducer<>(admin.client(Map.of("acks", "all")), new StringSerializer(),
        new StringSerializer())) {
      for (ProducerRecord<String, String> r : telemetry) {
        producer.send(r).get(30, TimeUnit.SECONDS);
      }
    }
    Map<String, String> values = settings(USER, jobPassword);
    assertThat(KafkaClientSecurity.properties(values::get)).containsEntry("security.protocol", "SASL_SSL");
    values.put("BRAIN_ELASTICSEARCH_URL", RealServers.elasticsearch());
    values.put("BRAIN_ANALYTICS_INDEX_PREFIX", "brain-secured-");
    values.put("BRAIN_ANALYTICS_START_FROM", "earliest");
    values.put("BRAIN_ANALYTICS_CHECKPOINT_INTERVAL", "PT1S");
    values.put("BRAIN_ANALYTICS_REST_PORT", Integer.toString(ManagedProcess.freePort()));
    try (LocalRunner runner = LocalRunner.start(AnalyticsSettings.from(values), List.of("health"));
        Admin watch = Admin.create(admin.client(Map.of()))) {
      // every sample read in the job's own group, its offsets committed at checkpoints
      TopicPartition partition = new TopicPartition(AnalyticsSettings.TELEMETRY, 0);
      long committed = -1;
      for (long until = System.nanoTime() + Duration.ofSeconds(150).toNanos();
          committed < telemetry.size() && System.nanoTime() < until; Thread.sleep(500)) {
        OffsetAndMetadata offset = watch.listConsumerGroupOffsets("brain-analytics-health")
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).get(partition);
        committed = offset == null ? -1 : offset.offset();
      }
      assertThat(committed).as("offsets the health job committed").isEqualTo(telemetry.size());
      // the ramp's alert written as the job's user
      List<String> alerts = new ArrayList<>();
      try (var consumer = new KafkaConsumer<>(admin.client(Map.of("auto.offset.reset", "earliest")),
          new StringDeserializer(), new StringDeserializer())) {
        consumer.assign(List.of(new TopicPartition(RealServers.ALERTS, 0)));
        for (long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            alerts.isEmpty() && System.nanoTime() < until; ) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
            alerts.add(r.value());
          }
        }
      }
      assertThat(alerts).anyMatch(a -> a.contains("health|it-01|M1|spindle.temperature"));
      // the job found its topics by describing them: it may not create one, and made none
      assertThat(watch.listTopics().names().get(30, TimeUnit.SECONDS))
          .containsExactlyInAnyOrder(AnalyticsSettings.TELEMETRY, RealServers.ALERTS, DEAD_LETTERS);
    }
  }
}
