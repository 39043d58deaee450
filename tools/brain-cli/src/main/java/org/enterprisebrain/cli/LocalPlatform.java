package org.enterprisebrain.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.enterprisebrain.servers.BrainRealm;
import org.enterprisebrain.servers.ElasticsearchServer;
import org.enterprisebrain.servers.KafkaServer;
import org.enterprisebrain.servers.KeycloakServer;
import org.enterprisebrain.servers.ManagedProcess;
import org.enterprisebrain.servers.PostgresRoles;
import org.enterprisebrain.servers.PostgresServer;
import org.enterprisebrain.cli.demo.DemoOpcUa;
import org.enterprisebrain.cli.demo.DemoModbus;
import org.enterprisebrain.cli.demo.DemoSparkplug;

/**
 * The whole platform on one machine, every server real and in its own process: Kafka (KRaft),
 * Keycloak with the brain realm, PostgreSQL, Elasticsearch, the analytics jobs on a Flink MiniCluster,
 * ingestion-service, catalog-service, analytics-service, registry-service, assessment-service, connector-service
 * (reading the demo CNC line's OPC UA server, simulated in this JVM) and the gateway. Stops in reverse order.
 */
public final class LocalPlatform implements AutoCloseable {

  /** Where things are and which ports they listen on (all on 127.0.0.1). */
  public record Settings(Path home, Path dataDir, int gatewayPort, int ingestionPort, int catalogPort,
      int analyticsPort, int registryPort, int assessmentPort, int connectorPort, int opcUaPort, int mqttPort,
      int modbusPort, int flinkRestPort,
      int kafkaPort, int kafkaControllerPort, int keycloakPort, int elasticsearchPort, int postgresPort,
      String kafkaClasspath, String elasticsearchHeap) {

    public static Settings defaults(Path home) {
      return new Settings(home, home.resolve(".brain"), 8080, 8081, 8082, 8083, 8084, 8085, 8086, 4840, 1883, 5020, 8091,
          9092, 9093, 8180, 9200, 5433, System.getProperty("java.class.path"), "1g");
    }

    /** Every port free and chosen now: for tests and benchmarks beside a running platform. */
    public static Settings ephemeral(Path home, Path dataDir, String kafkaClasspath) {
      return new Settings(home, dataDir, ManagedProcess.freePort(), ManagedProcess.freePort(),
          ManagedProcess.freePort(), ManagedProcess.freePort(), ManagedProcess.freePort(), ManagedProcess.freePort(),
          ManagedProcess.freePort(), ManagedProcess.freePort(), ManagedProcess.freePort(), ManagedProcess.freePort(),
          ManagedProcess.freePort(), ManagedProcess.freePort(), ManagedProcess.freePort(), ManagedProcess.freePort(),
          ManagedProcess.freePort(), ManagedProcess.freePort(), kafkaClasspath, "1g");
    }
  }

  private final Settings settings;
  private final List<ManagedProcess> processes = new ArrayList<>();
  private KafkaServer kafka;
  private KeycloakServer keycloak;
  private PostgresServer postgres;
  private ElasticsearchServer elasticsearch;
  private DemoOpcUa opcUa;
  private DemoSparkplug sparkplug;
  private DemoModbus modbus;

  private LocalPlatform(Settings settings) {
    this.settings = settings;
  }

  public static LocalPlatform start(Settings settings, PrintStream out) {
    LocalPlatform platform = new LocalPlatform(settings);
    try {
      platform.startAll(out);
      return platform;
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  private void startAll(PrintStream out) {
    Path data = settings.dataDir();
    Path logs = data.resolve("logs");
    long t0 = System.nanoTime();
    out.println("starting Kafka (KRaft) on 127.0.0.1:" + settings.kafkaPort() + " …");
    kafka = KafkaServer.start(settings.kafkaClasspath(), settings.kafkaPort(), settings.kafkaControllerPort(),
        data.resolve("kafka"), logs.resolve("kafka.log"), "512m");
    processes.add(kafka.process());
    out.printf("  Kafka ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    long t1 = System.nanoTime();
    out.println("starting Keycloak " + KeycloakServer.VERSION + " on 127.0.0.1:" + settings.keycloakPort()
        + " (the first start unpacks and builds it: ~30 s) …");
    keycloak = KeycloakServer.start(settings.keycloakPort(), data.resolve("keycloak"), logs.resolve("keycloak.log"));
    processes.add(keycloak.process());
    keycloak.importRealm(BrainRealm.json());
    out.printf("  Keycloak ready in %.1f s%n", (System.nanoTime() - t1) / 1e9);
    long t2 = System.nanoTime();
    out.println("starting PostgreSQL on 127.0.0.1:" + settings.postgresPort() + " and Elasticsearch on 127.0.0.1:"
        + settings.elasticsearchPort() + " …");
    postgres = PostgresServer.start(settings.postgresPort(), data.resolve("postgres"));
    elasticsearch = ElasticsearchServer.start(elasticsearchNode(), settings.elasticsearchPort(),
        data.resolve("elasticsearch"), logs.resolve("elasticsearch.log"), settings.elasticsearchHeap());
    processes.add(elasticsearch.process());
    out.printf("  PostgreSQL and Elasticsearch ready in %.1f s%n", (System.nanoTime() - t2) / 1e9);
    // the plant's devices the connector reads: the CNC line's OPC UA server (in this JVM, as a device would be)
    opcUa = DemoOpcUa.start(settings.opcUaPort(), data.resolve("opcua-simulator"));
    out.println("  OPC UA server of " + DemoOpcUa.LINE + " (simulated) at " + opcUa.endpointUrl());
    // the assembly line's Sparkplug B edge node on an MQTT broker; the connector's password for it in its secrets
    Path connectorSecrets = data.resolve("connector-secrets");
    sparkplug = DemoSparkplug.start(settings.mqttPort(), connectorSecrets);
    out.println("  MQTT broker with the Sparkplug B edge node of " + DemoSparkplug.LINE + " (simulated) at "
        + sparkplug.endpoint());
    // the utility meters behind a Modbus TCP gateway
    modbus = DemoModbus.start(settings.modbusPort());
    out.println("  Modbus TCP gateway of the utility meters (simulated) at " + modbus.endpoint());

    String issuer = keycloak.issuer(BrainRealm.NAME);
    Map<String, String> env = new HashMap<>(Map.of(
        "BRAIN_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
        "BRAIN_OIDC_ISSUER", issuer,
        "BRAIN_INGESTION_PORT", Integer.toString(settings.ingestionPort()),
        "BRAIN_GATEWAY_PORT", Integer.toString(settings.gatewayPort()),
        "BRAIN_GATEWAY_URL", "http://127.0.0.1:" + settings.gatewayPort(),
        "BRAIN_INGESTION_URL", "http://127.0.0.1:" + settings.ingestionPort(),
        "BRAIN_CATALOG_PORT", Integer.toString(settings.catalogPort()),
        "BRAIN_CATALOG_URL", "http://127.0.0.1:" + settings.catalogPort(),
        "BRAIN_CATALOG_DB_URL", postgres.jdbcUrl(),
        "BRAIN_ELASTICSEARCH_URL", elasticsearch.url()));
    env.put("BRAIN_ANALYTICS_PORT", Integer.toString(settings.analyticsPort()));
    env.put("BRAIN_ANALYTICS_URL", "http://127.0.0.1:" + settings.analyticsPort());
    env.put("BRAIN_ANALYTICS_REST_PORT", Integer.toString(settings.flinkRestPort()));
    env.put("BRAIN_FLINK_REST_URL", "http://127.0.0.1:" + settings.flinkRestPort());
    env.put("BRAIN_REGISTRY_PORT", Integer.toString(settings.registryPort()));
    env.put("BRAIN_REGISTRY_URL", "http://127.0.0.1:" + settings.registryPort());
    env.put("BRAIN_REGISTRY_DB_URL", postgres.jdbcUrl());
    env.put("BRAIN_ASSESSMENT_PORT", Integer.toString(settings.assessmentPort()));
    env.put("BRAIN_ASSESSMENT_URL", "http://127.0.0.1:" + settings.assessmentPort());
    env.put("BRAIN_ASSESSMENT_DB_URL", postgres.jdbcUrl());
    env.put("BRAIN_CONNECTOR_PORT", Integer.toString(settings.connectorPort()));
    env.put("BRAIN_CONNECTOR_URL", "http://127.0.0.1:" + settings.connectorPort());
    env.put("BRAIN_CONNECTOR_DB_URL", postgres.jdbcUrl());
    // the connector's own OPC UA certificate and the servers it trusts, kept with the data
    env.put("BRAIN_CONNECTOR_DATA_DIR", data.resolve("connector").toString());
    env.put("BRAIN_CONNECTOR_SECRETS_DIR", connectorSecrets.toString());
    // as the chart does it: the owner migrates, each service works as a role of its own granted rows only
    for (String service : List.of("catalog", "registry", "assessment", "connector")) {
      String prefix = "BRAIN_" + service.toUpperCase(Locale.ROOT);
      String role = PostgresRoles.runtimeRole(service);
      env.put(prefix + "_DB_USER", role);
      env.put(prefix + "_DB_PASSWORD", PostgresRoles.ensureLogin(postgres.superuser(), role));
      env.put(prefix + "_DB_MIGRATOR_USER", PostgresServer.USER);
      env.put(prefix + "_DB_MIGRATOR_PASSWORD", PostgresServer.PASSWORD);
    }
    // the local demo realm's client secrets: the services carry none of their own (the chart generates them)
    for (String service : List.of("analytics", "registry", "assessment")) {
      env.put("BRAIN_" + service.toUpperCase(Locale.ROOT) + "_CLIENT_SECRET",
          BrainRealm.demoSecret(service + "-service"));
    }
    // the gateway reads the realm's failed logins as its own client (view-events only)
    env.put("BRAIN_GATEWAY_CLIENT_SECRET", BrainRealm.demoSecret("brain-gateway"));
    // the registry signs every model deployment, the score job loads only what verifies: one key pair per data dir
    ModelSigningKeys signing = ModelSigningKeys.in(data.resolve("keys"));
    env.put("BRAIN_REGISTRY_SIGNING_KEY", signing.privatePem());
    env.put("BRAIN_ANALYTICS_DEPLOYMENT_KEY", signing.publicPem());
    // the catalog's key for L3 fields at rest, beside the signing pair (a key an older brain up kept in the
    // database is read until the catalog has re-encrypted everything under this one, then deleted there)
    FieldKey fieldKey = FieldKey.in(data.resolve("keys"));
    env.put("BRAIN_CATALOG_ENCRYPTION_KEY", fieldKey.base64());
    env.put("BRAIN_CATALOG_ENCRYPTION_KEY_ID", fieldKey.id());
    // the demo plant's failure knowledge (ISO 14224 modes, symptoms, causes, remedies) for diagnose
    env.put("BRAIN_REGISTRY_SEED_GRAPH", "classpath:graph/demo-plant.json");
    long t3 = System.nanoTime();
    ManagedProcess ingestion = service("ingestion-service", env, logs);
    ManagedProcess catalog = service("catalog-service", env, logs);
    ManagedProcess analytics = service("analytics-service", env, logs);
    ManagedProcess registry = service("registry-service", env, logs);
    ManagedProcess assessment = service("assessment-service", env, logs);
    ManagedProcess connector = service("connector-service", env, logs);
    ManagedProcess jobs = analyticsJobs(env, data, logs);
    ManagedProcess gateway = service("gateway", env, logs);
    awaitHealthy(ingestion, settings.ingestionPort());
    awaitHealthy(catalog, settings.catalogPort());
    awaitHealthy(analytics, settings.analyticsPort());
    awaitHealthy(registry, settings.registryPort());
    awaitHealthy(assessment, settings.assessmentPort());
    awaitHealthy(connector, settings.connectorPort());
    awaitHealthy(gateway, settings.gatewayPort());
    // the jobs are up when the Flink REST API lists all of them running
    jobs.awaitReady(() -> runningJobs() >= ANALYTICS_JOBS, Duration.ofMinutes(3));
    out.printf("  services, gateway and %d analytics jobs ready in %.1f s%n", ANALYTICS_JOBS,
        (System.nanoTime() - t3) / 1e9);
    out.printf("platform ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  private ManagedProcess service(String name, Map<String, String> env, Path logs) {
    Path jar = settings.home().resolve("services/" + name + "/target/" + name + "-0.1.0-SNAPSHOT-exec.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build first (./brain up builds what is missing)");
    }
    List<String> command = new ArrayList<>(List.of(ManagedProcess.javaBinary(),
        // a large young generation: a 1,000-record batch makes megabytes of short-lived JSON trees
        "-Xms256m", "-Xmx512m", "-Xmn160m", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxMetaspaceSize=192m"));
    String extra = System.getenv("BRAIN_JAVA_OPTS"); // e.g. a JFR recording while profiling
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().replace("{service}", name).split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString()));
    ManagedProcess process = ManagedProcess.start(name, command, env, settings.home(), logs.resolve(name + ".log"));
    processes.add(process);
    return process;
  }

  /** oee, spc, energy, health, score, genealogy */
  static final int ANALYTICS_JOBS = 6;

  /**
   * The Flink jobs on a MiniCluster in their own JVM, from analytics-jobs' build (its jar and runtime
   * classpath): Flink must not share a classpath with Spring Boot. Local jobs keep no state between runs and
   * read their topics from the start.
   */
  private ManagedProcess analyticsJobs(Map<String, String> env, Path data, Path logs) {
    Path module = settings.home().resolve("services/analytics-jobs/target");
    Path jar = module.resolve("analytics-jobs-0.1.0-SNAPSHOT.jar");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(module.resolve("analytics-jobs/lib"))) {
      throw new IllegalStateException(jar + " or its lib/ is missing: build first (./brain up builds what is missing)");
    }
    Path tmp = data.resolve("analytics/tmp");
    try {
      Files.createDirectories(tmp);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, String> jobEnv = new HashMap<>(env);
    jobEnv.put("BRAIN_ANALYTICS_START_FROM", "earliest");
    jobEnv.put("BRAIN_ANALYTICS_CHECKPOINT_DIR", data.resolve("analytics/checkpoints").toUri().toString());
    List<String> command = List.of(ManagedProcess.javaBinary(), "-Xms256m", "-Xmx640m", "-XX:+UseSerialGC",
        "-Djava.io.tmpdir=" + tmp, "-cp", jar + java.io.File.pathSeparator + module.resolve("analytics-jobs/lib") + "/*",
        "org.enterprisebrain.analytics.run.LocalRunner");
    ManagedProcess process = ManagedProcess.start("analytics-jobs", command, jobEnv, settings.home(),
        logs.resolve("analytics-jobs.log"));
    processes.add(process);
    return process;
  }

  private static final java.net.http.HttpClient PROBE = java.net.http.HttpClient.newHttpClient();

  /** How many jobs the local Flink cluster reports RUNNING (0 while its REST API is not up). */
  int runningJobs() {
    try {
      String body = PROBE.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + settings.flinkRestPort() + "/jobs/overview"))
          .timeout(Duration.ofSeconds(3)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      return body.split("\"state\":\"RUNNING\"", -1).length - 1;
    } catch (java.io.IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  public String flinkRestUrl() {
    return "http://127.0.0.1:" + settings.flinkRestPort();
  }

  /** The node build next to the CLI (packaged) or in the source checkout. */
  private Path elasticsearchNode() {
    Path beside = settings.home().resolve("tools/brain-cli/target/es-node");
    return Files.isDirectory(beside) ? beside : settings.home().resolve("platform-common/brain-es-node/target/es-node");
  }

  private static void awaitHealthy(ManagedProcess process, int port) {
    process.awaitReady(() -> ManagedProcess.answers200("http://127.0.0.1:" + port + "/actuator/health/readiness"),
        Duration.ofMinutes(3));
  }

  public String gatewayUrl() {
    return "http://127.0.0.1:" + settings.gatewayPort();
  }

  public String keycloakUrl() {
    return keycloak.baseUrl();
  }

  /** The demo CNC line's OPC UA server the connector reads. */
  public DemoOpcUa opcUa() {
    return opcUa;
  }

  public DemoSparkplug sparkplug() {
    return sparkplug;
  }

  public DemoModbus modbus() {
    return modbus;
  }

  public KeycloakServer keycloak() {
    return keycloak;
  }

  public String kafkaBootstrap() {
    return kafka.bootstrapServers();
  }

  public List<ManagedProcess> processes() {
    return List.copyOf(processes);
  }

  public String elasticsearchUrl() {
    return elasticsearch.url();
  }

  public String postgresJdbcUrl() {
    return postgres.jdbcUrl();
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
    processes.clear();
    if (opcUa != null) {
      opcUa.close();
      opcUa = null;
    }
    if (sparkplug != null) {
      sparkplug.close();
      sparkplug = null;
    }
    if (modbus != null) {
      modbus.close();
      modbus = null;
    }
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }
}
