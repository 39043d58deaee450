package org.enterprisebrain.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.enterprisebrain.servers.BrokerCertificate;
import org.enterprisebrain.servers.KafkaServer;
import org.enterprisebrain.servers.ManagedProcess;
import org.enterprisebrain.servers.Secrets;

/**
 * What the chart's Kafka security costs: the same producer (Kafka's ProducerPerformance, acks=all, idempotent, lz4,
 * linger 5 ms: what the services send with) and the same consumer (ConsumerPerformance: what a job reads with) on a
 * plaintext broker (the baseline) and on a broker as the chart requires it — TLS, SCRAM-SHA-512, every request
 * authorized by ACLs, the client a user with exactly its topic's and group's ACLs (not a super user). Both brokers
 * run side by side in the same run; the rounds alternate so drift of the machine hits both alike. Ratio = secured ÷
 * plaintext. Not a test: {@code tools/bench/kafka-security.sh}.
 * Options: bench.records (default 1,000,000 per round), bench.rounds (default 2).
 */
public final class KafkaSecurityBench {

  private KafkaSecurityBench() {
  }

  public static void main(String[] args) throws Exception {
    long records = Long.getLong("bench.records", 1_000_000);
    int rounds = Integer.getInteger("bench.rounds", 2);
    String classpath = System.getProperty("java.class.path");
    Path dir = Files.createTempDirectory("brain-bench-kafka-security");
    BrokerCertificate tls = BrokerCertificate.selfSigned(dir.resolve("tls"));
    String adminPassword = secret();
    String benchPassword = secret();
    try (KafkaServer plain = KafkaServer.start(classpath, ManagedProcess.freePort(), ManagedProcess.freePort(),
        dir.resolve("plain"), dir.resolve("plain.log"), "768m");
        KafkaServer secured = KafkaServer.startSecured(classpath, ManagedProcess.freePort(), ManagedProcess.freePort(),
            dir.resolve("secured"), dir.resolve("secured.log"), "768m", tls, adminPassword)) {
      Path plainConfig = Files.writeString(dir.resolve("plain.properties"), "");
      Path adminConfig = write(dir.resolve("admin.properties"), tls, "admin", adminPassword);
      Path benchConfig = write(dir.resolve("bench.properties"), tls, "bench", benchPassword);
      List<Double> plainProduce = new ArrayList<>();
      List<Double> securedProduce = new ArrayList<>();
      List<Double> plainConsume = new ArrayList<>();
      List<Double> securedConsume = new ArrayList<>();
      try (Admin admin = Admin.create(load(adminConfig, secured.bootstrapServers()))) {
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("bench",
            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), benchPassword))).all().get(1, TimeUnit.MINUTES);
      }
      for (int round = 1; round <= rounds; round++) {
        String topic = "bench-security-" + round;
        createTopic(load(plainConfig, plain.bootstrapServers()), topic);
        createTopic(load(adminConfig, secured.bootstrapServers()), topic);
        allow(load(adminConfig, secured.bootstrapServers()), topic);
        // alternate which goes first, so a slower half of the run does not favour one
        boolean plainFirst = round % 2 == 1;
        for (int i = 0; i < 2; i++) {
          boolean isPlain = (i == 0) == plainFirst;
          KafkaServer broker = isPlain ? plain : secured;
          Path config = isPlain ? plainConfig : benchConfig;
          double produced = produce(classpath, broker.bootstrapServers(), config, topic, records, dir);
          double consumed = consume(classpath, broker.bootstrapServers(), config, topic, records, dir);
          (isPlain ? plainProduce : securedProduce).add(produced);
          (isPlain ? plainConsume : securedConsume).add(consumed);
          System.out.printf("round %d %-9s produce %,12.0f records/s  consume %,12.0f records/s%n", round,
              isPlain ? "plaintext" : "SASL_SSL", produced, consumed);
        }
      }
      System.out.println();
      System.out.printf("%-58s %14s %14s %7s%n", "", "plaintext", "SASL_SSL", "ratio");
      line("producer records/s (acks=all, idempotent, lz4, 300 B)", plainProduce, securedProduce);
      line("consumer records/s (one consumer, 6 partitions)", plainConsume, securedConsume);
      System.out.println("(median of " + rounds + " rounds of " + String.format("%,d", records) + " records; ratio ="
          + " SASL_SSL ÷ plaintext; SASL_SSL = TLS, SCRAM-SHA-512, ACLs, a non-super user)");
    }
  }

  static void line(String name, List<Double> plain, List<Double> secured) {
    double p = median(plain);
    double s = median(secured);
    System.out.printf("%-58s %,14.0f %,14.0f %7.2f%n", name, p, s, s / p);
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** A client's settings file: TLS against the broker's certificate and the user's SCRAM login. */
  static Path write(Path file, BrokerCertificate tls, String user, String password) throws Exception {
    return Files.writeString(file, String.join("\n",
        "security.protocol=SASL_SSL",
        "sasl.mechanism=" + KafkaServer.SCRAM,
        "sasl.jaas.config=" + KafkaServer.scramLogin(user, password),
        "ssl.truststore.type=PEM",
        "ssl.truststore.location=" + tls.certificate().toAbsolutePath(), ""));
  }

  static Properties load(Path config, String bootstrap) throws Exception {
    Properties p = new Properties();
    try (var in = Files.newInputStream(config)) {
      p.load(in);
    }
    p.put("bootstrap.servers", bootstrap);
    return p;
  }

  static void createTopic(Properties admin, String topic) throws Exception {
    try (Admin a = Admin.create(admin)) {
      a.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(1, TimeUnit.MINUTES);
    }
  }

  /** The bench user's ACLs, as a KafkaUser's: write and read the topic, commit in its own group. */
  static void allow(Properties admin, String topic) throws Exception {
    List<AclBinding> acls = new ArrayList<>();
    ResourcePattern t = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
    for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE)) {
      acls.add(new AclBinding(t, new AccessControlEntry("User:bench", "*", op, AclPermissionType.ALLOW)));
    }
    ResourcePattern group = new ResourcePattern(ResourceType.GROUP, "bench-", PatternType.PREFIXED);
    acls.add(new AclBinding(group, new AccessControlEntry("User:bench", "*", AclOperation.READ,
        AclPermissionType.ALLOW)));
    try (Admin a = Admin.create(admin)) {
      a.createAcls(acls).all().get(1, TimeUnit.MINUTES);
    }
  }

  static double produce(String classpath, String bootstrap, Path config, String topic, long records, Path dir)
      throws Exception {
    return IngestionBench.producerPerformance(classpath, bootstrap, config, topic, records,
        Files.createTempFile(dir, "produce", ".log")).recordsPerSecond();
  }

  /** ConsumerPerformance's nMsg.sec, reading all {@code records} from the start in a group of its own. */
  static double consume(String classpath, String bootstrap, Path config, String topic, long records, Path dir)
      throws Exception {
    Path log = Files.createTempFile(dir, "consume", ".log");
    try (ManagedProcess perf = ManagedProcess.start("consumer-performance", List.of(ManagedProcess.javaBinary(),
        "-Xmx512m", "-cp", classpath, "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap,
        "--topic", topic, "--messages", Long.toString(records), "--group", "bench-" + HexFormat.of()
            .formatHex(Secrets.randomBytes(4)), "--consumer.config", config.toString(), "--timeout", "120000"),
        Map.of(), dir, log)) {
      perf.awaitReady(() -> !perf.isAlive(), Duration.ofMinutes(15));
    }
    List<String> lines = Files.readAllLines(log);
    for (int i = 0; i < lines.size() - 1; i++) {
      if (lines.get(i).contains("nMsg.sec")) {
        String[] header = lines.get(i).split(",\\s*");
        String[] values = lines.get(i + 1).split(",\\s*");
        for (int c = 0; c < header.length; c++) {
          if (header[c].trim().equals("data.consumed.in.nMsg")
              && Long.parseLong(values[c].trim()) < records) {
            throw new IllegalStateException("read " + values[c].trim() + " of " + records + ": " + lines.get(i + 1));
          }
        }
        for (int c = 0; c < header.length; c++) {
          if (header[c].trim().equals("nMsg.sec")) {
            return Double.parseDouble(values[c].trim());
          }
        }
      }
    }
    throw new IllegalStateException("ConsumerPerformance printed no summary:\n" + String.join("\n", lines));
  }

  static String secret() {
    return Secrets.randomHex(18);
  }
}
