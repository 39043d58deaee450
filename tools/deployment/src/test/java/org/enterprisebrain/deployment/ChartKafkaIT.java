package org.enterprisebrain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.enterprisebrain.deployment.Manifests.at;
import static org.enterprisebrain.deployment.Manifests.list;
import static org.enterprisebrain.deployment.Manifests.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.enterprisebrain.servers.BrokerCertificate;
import org.enterprisebrain.servers.KafkaServer;
import org.enterprisebrain.servers.ManagedProcess;
import org.enterprisebrain.kafka.KafkaClientSecurity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka users the chart renders (production values) on a real Kafka 4 broker secured as the chart requires
 * Strimzi's listener to be: TLS, SCRAM-SHA-512, the ACL authorizer allowing nothing without an ACL. Every KafkaUser
 * becomes a SCRAM user with its ACLs, as the User Operator makes them; every client logs in with the settings the
 * chart gives its pod, read as every service and job reads them ({@link KafkaClientSecurity}). Then each is
 * tried as a compromised pod would try it.
 */
class ChartKafkaIT {

  static final String TELEMETRY = "brain.equipment.telemetry.v1";
  static final String EMPLOYEES = "brain.personnel.employee.v1";
  static final String DEPLOYMENTS = org.enterprisebrain.standard.Topics.MODEL_DEPLOYMENTS;
  static final String AUDIT = org.enterprisebrain.standard.Topics.AUDIT;

  static KafkaServer kafka;
  static BrokerCertificate tls;
  static Map<String, Object> config;
  static final Map<String, String> PASSWORDS = new HashMap<>();

  @BeforeAll
  static void startTheBrokerWithTheChartsUsers() throws Exception {
    Manifests m = HelmChartTest.render(HelmChartTest.PRODUCTION, Map.of());
    config = map(m.one("ConfigMap", "brain-config"), "data");
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "chart-kafka");
    tls = BrokerCertificate.selfSigned(dir.resolve("tls"));
    PASSWORDS.put("admin", password());
    kafka = KafkaServer.startSecured(System.getProperty("java.class.path"), ManagedProcess.freePort(),
        ManagedProcess.freePort(), dir.resolve("data"), dir.resolve("kafka.log"), "512m", tls, PASSWORDS.get("admin"));
    try (Admin admin = Admin.create(client("admin"))) {
      // the topics as the KafkaTopics declare them (one broker: one replica, so one in sync)
      admin.createTopics(m.kind("KafkaTopic").map(t -> {
        Map<String, String> topicConfig = new HashMap<>();
        map(map(t, "spec"), "config").forEach((k, v) -> topicConfig.put(k, String.valueOf(v)));
        topicConfig.remove("min.insync.replicas");
        return new NewTopic((String) at(t, "spec.topicName"), (Integer) at(t, "spec.partitions"), (short) 1)
            .configs(topicConfig);
      }).toList()).all().get(60, TimeUnit.SECONDS);
      List<UserScramCredentialUpsertion> users = new ArrayList<>();
      List<AclBinding> acls = new ArrayList<>();
      m.kind("KafkaUser").forEach(u -> {
        String user = Manifests.name(u);
        assertThat(at(u, "spec.authentication.type")).isEqualTo("scram-sha-512");
        PASSWORDS.put(user, password());
        users.add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
            PASSWORDS.get(user)));
        for (Map<String, Object> acl : list(map(map(u, "spec"), "authorization"), "acls")) {
          // Strimzi's pattern types are literal and prefix (Kafka's LITERAL and PREFIXED)
          String pattern = (String) at(acl, "resource.patternType");
          assertThat(pattern).isIn("literal", "prefix");
          ResourcePattern resource = new ResourcePattern(ResourceType.fromString((String) at(acl, "resource.type")),
              (String) at(acl, "resource.name"), pattern.equals("prefix") ? PatternType.PREFIXED : PatternType.LITERAL);
          @SuppressWarnings("unchecked")
          List<String> operations = (List<String>) acl.get("operations");
          for (String operation : operations) {
            AclOperation op = AclOperation.fromString(operation.toUpperCase(Locale.ROOT));
            assertThat(op).as(operation).isNotEqualTo(AclOperation.UNKNOWN);
            acls.add(new AclBinding(resource, new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW)));
          }
        }
      });
      admin.alterUserScramCredentials(List.copyOf(users)).all().get(60, TimeUnit.SECONDS);
      admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  static String password() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /**
   * A client as the chart's pod of {@code user} makes it: the ConfigMap's settings and its Secret's
   * {@code sasl.jaas.config} (Strimzi's format), through {@link KafkaClientSecurity}; the CA at the broker's certificate.
   */
  static Map<String, Object> client(String user) {
    return client(user, PASSWORDS.get(user));
  }

  static Map<String, Object> client(String user, String password) {
    Map<String, String> env = new HashMap<>();
    config.forEach((k, v) -> env.put(k, String.valueOf(v)));
    env.put("BRAIN_KAFKA_TRUSTSTORE", tls.certificate().toString());
    env.put("BRAIN_KAFKA_SASL_JAAS_CONFIG", KafkaServer.scramLogin(user, password));
    Map<String, Object> client = new HashMap<>(KafkaClientSecurity.properties(env::get));
    client.put("bootstrap.servers", kafka.bootstrapServers());
    client.put("default.api.timeout.ms", "15000");
    client.put("request.timeout.ms", "10000");
    return client;
  }

  static String user(String client) {
    return "brain-kafka-" + client;
  }

  static void send(String client, String topic, String value) throws Exception {
    Map<String, Object> producer = client(user(client));
    producer.putAll(Map.of("acks", "all", "enable.idempotence", "true", "max.block.ms", "15000"));
    try (var p = new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
      p.send(new ProducerRecord<>(topic, "hz-01|CNC-A01", value)).get(30, TimeUnit.SECONDS);
    }
  }

  /** Every record of partition 0… of {@code topic} read as {@code client}, in {@code group} (null: assigned, none). */
  static List<String> read(String client, String topic, String group) {
    Map<String, Object> consumer = client(user(client));
    consumer.put("auto.offset.reset", "earliest");
    consumer.put("enable.auto.commit", "false");
    if (group != null) {
      consumer.put("group.id", group);
    }
    List<String> values = new ArrayList<>();
    try (var c = new KafkaConsumer<>(consumer, new StringDeserializer(), new StringDeserializer())) {
      if (group == null) {
        c.assign(c.partitionsFor(topic, Duration.ofSeconds(15)).stream()
            .map(p -> new TopicPartition(topic, p.partition())).toList());
      } else {
        c.subscribe(List.of(topic));
      }
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.isEmpty() && System.nanoTime() < until) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
      if (group != null) {
        c.commitSync(Duration.ofSeconds(15));
      }
    }
    return values;
  }

  @Test
  void withoutTheClusterCaOrItsOwnPasswordNoClientGetsIn() {
    // plaintext, as any pod on the network would try: the TLS listener never answers it
    Map<String, Object> plaintext = new HashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "default.api.timeout.ms", "8000", "request.timeout.ms", "4000"));
    try (Admin admin = Admin.create(plaintext)) {
      assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    }
    // a client's name with somebody else's password
    try (Admin admin = Admin.create(client(user("ingestion"), PASSWORDS.get(user("catalog"))))) {
      assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
          .cause().isInstanceOf(SaslAuthenticationException.class);
    }
    // a broker whose certificate the cluster CA did not sign: the client refuses to send its password there
    Map<String, Object> untrusted = client(user("ingestion"));
    untrusted.remove("ssl.truststore.location");
    untrusted.remove("ssl.truststore.type");
    try (Admin admin = Admin.create(untrusted)) {
      assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
          .cause().isInstanceOf(SslAuthenticationException.class);
    }
  }

  @Test
  void eachClientWritesAndReadsWhatItsAclsSayAndNothingElse() throws Exception {
    // ingestion writes the standard topics …
    send("ingestion", TELEMETRY, "{\"value\":71.5}");
    send("ingestion", EMPLOYEES, "{\"name\":\"张伟\"}");
    // … but cannot publish a model for the score job to run, nor read the personal data it wrote
    assertThatThrownBy(() -> send("ingestion", DEPLOYMENTS, "{\"model\":\"forged\"}"))
        .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> read("ingestion", EMPLOYEES, null)).isInstanceOf(TopicAuthorizationException.class);
    // a job writes no standard topic (past ingestion's checks) and no deployment
    assertThatThrownBy(() -> send("analytics-health", TELEMETRY, "{\"value\":0}"))
        .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> send("analytics-health", DEPLOYMENTS, "{\"model\":\"forged\"}"))
        .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    // only the catalog reads personal data, in its own group
    assertThat(read("catalog", EMPLOYEES, "catalog-service")).containsExactly("{\"name\":\"张伟\"}");
    assertThatThrownBy(() -> read("analytics-score", EMPLOYEES, null)).isInstanceOf(TopicAuthorizationException.class);
    // the registry publishes deployments, the score job loads them in its group, and only there
    send("registry", DEPLOYMENTS, "{\"model\":\"spindle-anomaly\",\"version\":3}");
    assertThat(read("analytics-score", DEPLOYMENTS, "brain-analytics-score-deployments"))
        .containsExactly("{\"model\":\"spindle-anomaly\",\"version\":3}");
    assertThat(read("analytics-health", TELEMETRY, "brain-analytics-health")).containsExactly("{\"value\":71.5}");
    assertThatThrownBy(() -> read("analytics-score", TELEMETRY, "catalog-service"))
        .isInstanceOf(GroupAuthorizationException.class);
    // the assessment writes the audit topic and nothing else; only the catalog reads it (into the audit chain)
    send("assessment", AUDIT, "{\"operationId\":\"putProfile\"}");
    assertThatThrownBy(() -> send("assessment", TELEMETRY, "{\"value\":0}"))
        .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> read("assessment", AUDIT, null)).isInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> read("registry", AUDIT, null)).isInstanceOf(TopicAuthorizationException.class);
    assertThat(read("catalog", AUDIT, "catalog-service-audit")).containsExactly("{\"operationId\":\"putProfile\"}");
    // nobody but the operator makes, changes or deletes topics
    try (Admin admin = Admin.create(client(user("ingestion")))) {
      assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("brain.exfiltrate.v1", 1, (short) 1)))
          .all().get(20, TimeUnit.SECONDS)).cause().isInstanceOf(TopicAuthorizationException.class);
      assertThatThrownBy(() -> admin.deleteTopics(List.of(TELEMETRY)).all().get(20, TimeUnit.SECONDS))
          .cause().isInstanceOf(TopicAuthorizationException.class);
    }
  }
}
