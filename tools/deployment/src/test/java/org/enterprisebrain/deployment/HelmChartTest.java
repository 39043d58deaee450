package org.enterprisebrain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.enterprisebrain.deployment.Manifests.at;
import static org.enterprisebrain.deployment.Manifests.list;
import static org.enterprisebrain.deployment.Manifests.map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.enterprisebrain.servers.BrainRealm;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.EntityStandard;
import org.enterprisebrain.standard.Topics;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * helm/enterprise-brain linted and rendered by Helm itself (helm-java: the Helm library in-process), with the
 * default and the production values; the rendering is parsed and checked resource by resource.
 */
class HelmChartTest {

  static final Path CHART = Manifests.ROOT.resolve("helm/enterprise-brain");
  static final Path PRODUCTION = CHART.resolve("values-production.yaml");

  static Manifests render(Path valuesFile, Map<String, String> set) {
    InstalledSecrets.serve();
    var template = new Helm(CHART).template().withName("brain").withNamespace(InstalledSecrets.NAMESPACE);
    if (valuesFile != null) {
      template = template.withValuesFile(valuesFile);
    }
    for (Map.Entry<String, String> s : set.entrySet()) {
      template = template.set(s.getKey(), s.getValue());
    }
    return Manifests.parse(template.call());
  }

  /** helm-java 0.0.15 lints with the chart's own values; the production values are checked by rendering them. */
  @Test
  void theChartLintsCleanInStrictMode() {
    LintResult lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void everyServiceIsDeployedPinnedNonRootProbedAndScrapedBehindOneIngress() {
    Manifests m = render(null, Map.of());
    m.assertEveryServiceDeployable("brain-");
    assertThat(m.names("Deployment")).hasSize(Manifests.SERVICES.size());
    assertThat(m.names("ServiceMonitor")).hasSize(Manifests.SERVICES.size());
    m.kind("ServiceMonitor").forEach(s -> assertThat(at(list(map(s, "spec"), "endpoints").get(0), "path"))
        .isEqualTo("/actuator/prometheus"));
    assertThat(m.names("HorizontalPodAutoscaler")).isEmpty(); // one replica each by default
    assertThat(m.names("NetworkPolicy")).isNotEmpty();
    Map<String, Object> ingress = m.one("Ingress", "brain");
    List<Map<String, Object>> paths = list(map(list(map(ingress, "spec"), "rules").get(0), "http"), "paths");
    assertThat(paths).allMatch(p -> "brain-gateway".equals(at(p, "backend.service.name")));
    // the API and the dashboard only: the gateway's actuator (health details, Prometheus) stays inside the cluster
    assertThat(paths).extracting(p -> p.get("path")).containsExactly("/api/", "/assessment");

    // the services find each other and the infrastructure through one ConfigMap
    Map<String, Object> config = map(m.one("ConfigMap", "brain-config"), "data");
    assertThat(config).containsEntry("BRAIN_CATALOG_URL", "http://brain-catalog:8082")
        .containsEntry("BRAIN_ASSESSMENT_URL", "http://brain-assessment:8085")
        .containsKeys("BRAIN_KAFKA_BOOTSTRAP", "BRAIN_ELASTICSEARCH_URL", "BRAIN_OIDC_ISSUER");
    // databases from the CloudNativePG secret, client secrets from the platform's Secret, never inline
    Map<String, Object> registry = Manifests.containers(m.one("Deployment", "brain-registry")).get(0);
    assertThat(list(registry, "env")).anyMatch(e -> "BRAIN_REGISTRY_DB_PASSWORD".equals(e.get("name"))
        && at(e, "valueFrom.secretKeyRef.name") != null)
        .anyMatch(e -> "BRAIN_REGISTRY_CLIENT_SECRET".equals(e.get("name"))
            && "brain-secrets".equals(at(e, "valueFrom.secretKeyRef.name")))
        .anyMatch(e -> "BRAIN_ELASTICSEARCH_PASSWORD".equals(e.get("name"))
            && "brain-es-registry".equals(at(e, "valueFrom.secretKeyRef.name")));
    // one Flink cluster per job: analytics-service asks every one of them
    assertThat(((String) config.get("BRAIN_FLINK_REST_URL")).split(",")).containsExactlyElementsOf(
        Manifests.JOBS.stream().map(j -> "http://brain-analytics-" + j + "-rest:8081").toList());
    // the gateway never talks to Elasticsearch: it gets no password
    assertThat(list(Manifests.containers(m.one("Deployment", "brain-gateway")).get(0), "env"))
        .noneMatch(e -> "BRAIN_ELASTICSEARCH_PASSWORD".equals(e.get("name")));
  }

  @Test
  void theInfrastructureIsDeclaredForTheOperators() {
    Manifests m = render(null, Map.of());
    // Strimzi: a KafkaTopic for every topic of the data standard and the platform's own
    List<String> topics = new ArrayList<>();
    for (EntityStandard e : DataStandard.load().entities()) {
      topics.add(e.topic(e.newestVersion()));
    }
    topics.addAll(List.of(Topics.INGEST_OUTCOMES, Topics.ALERTS, Topics.MODEL_DEPLOYMENTS));
    // and every topic with a contract in api-specs/topics (its x-topic)
    try (var files = Files.list(Manifests.ROOT.resolve("api-specs/topics"))) {
      // the schemas, not their index (topics/index.yaml names their generated types)
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".schema.json")).toList()) {
        Map<String, Object> contract = new Yaml().load(Files.readString(f));
        topics.add((String) contract.get("x-topic"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> declared = m.kind("KafkaTopic").map(t -> (String) at(t, "spec.topicName")).toList();
    assertThat(declared).containsAll(topics);
    m.kind("KafkaTopic").forEach(t -> {
      assertThat(at(t, "metadata.labels")).asString().contains("strimzi.io/cluster=brain-kafka");
      assertThat((Integer) at(t, "spec.replicas")).isGreaterThanOrEqualTo(3);
    });
    assertThat(map(map(m.kind("KafkaTopic").filter(t -> Topics.MODEL_DEPLOYMENTS.equals(at(t, "spec.topicName")))
        .findFirst().orElseThrow(), "spec"), "config")).containsEntry("cleanup.policy", "compact");

    // Flink Kubernetes Operator: one FlinkDeployment per analytics job, keeping its state across upgrades
    for (String job : Manifests.JOBS) {
      Map<String, Object> flink = m.one("FlinkDeployment", "brain-analytics-" + job);
      assertThat(at(flink, "spec.flinkVersion")).isEqualTo("v2_2");
      assertThat(at(flink, "spec.job.args")).isEqualTo(List.of(job));
      assertThat(at(flink, "spec.job.upgradeMode")).isEqualTo("last-state");
      assertThat((String) at(flink, "spec.image")).endsWith("enterprise-brain/analytics-jobs:0.1.0-SNAPSHOT");
      assertThat(at(flink, "spec.podTemplate.spec.containers")).asString().contains("BRAIN_ELASTICSEARCH_PASSWORD");
      // tools/flink-image: no shell, its own entry point; the job jar where that image puts it
      assertThat(((Map<?, ?>) at(flink, "spec.flinkConfiguration")).get("kubernetes.entry.path"))
          .isEqualTo("/opt/flink/bin/flink-entry");
      assertThat(at(flink, "spec.job.jarURI")).isEqualTo("local:///opt/flink/usrlib/analytics-jobs-job.jar");
    }
    // ECK, CloudNativePG, Keycloak Operator
    assertThat(at(m.one("Elasticsearch", "brain-es"), "spec.version")).isEqualTo("8.19.21");
    assertThat(at(m.one("Cluster", "brain-pg"), "spec.bootstrap.initdb.database")).isEqualTo("brain");
    Map<String, Object> realm = map(map(m.one("KeycloakRealmImport", "brain-realm"), "spec"), "realm");
    assertThat(realm.get("realm")).isEqualTo("brain");
    List<Map<String, Object>> clients = list(realm, "clients");
    assertThat(clients).extracting(c -> c.get("clientId"))
        .containsExactlyInAnyOrder("brain-console", "analytics-service", "registry-service", "assessment-service",
            "brain-gateway");
    clients.stream().filter(c -> c.containsKey("secret"))
        .forEach(c -> assertThat((String) c.get("secret")).startsWith("${").endsWith("_CLIENT_SECRET}"));
    assertThat(clients.stream().filter(c -> "brain-console".equals(c.get("clientId"))).findFirst().orElseThrow()
        .get("redirectUris")).isEqualTo(List.of("https://brain.example.com/*"));
    // no demo people in a production realm: only the services' own accounts
    assertThat(list(realm, "users")).allMatch(u -> ((String) u.get("username")).startsWith("service-account-"));
  }

  @Test
  void theConnectorKeepsItsCertificatesOnAVolumeAndReadsTheDevicesSecretsFromAMountedSecret() {
    Manifests m = render(PRODUCTION, Map.of());
    Map<String, Object> deployment = m.one("Deployment", "brain-connector");
    assertThat(at(deployment, "spec.replicas")).isEqualTo(1);
    assertThat(at(deployment, "spec.strategy.type")).as("a ReadWriteOnce volume").isEqualTo("Recreate");
    Map<String, Object> container = Manifests.containers(deployment).get(0);
    assertThat(list(container, "env")).anyMatch(e -> "BRAIN_CONNECTOR_DATA_DIR".equals(e.get("name"))
        && "/var/lib/brain/connector".equals(e.get("value")))
        .anyMatch(e -> "BRAIN_CONNECTOR_SECRETS_DIR".equals(e.get("name")));
    assertThat(list(container, "volumeMounts")).anyMatch(v -> "/var/lib/brain/connector".equals(v.get("mountPath")))
        .anyMatch(v -> "/etc/brain/connector-secrets".equals(v.get("mountPath")) && Boolean.TRUE.equals(v.get("readOnly")));
    Map<String, Object> pod = map(map(deployment, "spec"), "template");
    assertThat(list(map(pod, "spec"), "volumes")).anyMatch(v -> "brain-connector-data".equals(
        at(v, "persistentVolumeClaim.claimName")))
        .anyMatch(v -> "brain-connector-secrets".equals(at(v, "secret.secretName"))
            && Boolean.TRUE.equals(at(v, "secret.optional")));
    Map<String, Object> claim = m.one("PersistentVolumeClaim", "brain-connector-data");
    assertThat(at(claim, "spec.accessModes")).asString().contains("ReadWriteOnce");
    assertThat(at(claim, "metadata.annotations")).asString().contains("helm.sh/resource-policy=keep");
    // the gateway routes to it, the assessment reads its connections (5.4.2.1 a)
    assertThat(map(m.one("ConfigMap", "brain-config"), "data"))
        .containsEntry("BRAIN_CONNECTOR_URL", "http://brain-connector:8086");
    // a second replica would read every device twice: the chart refuses it
    assertThatThrownBy(() -> render(null, Map.of("services.connector.replicas", "2")))
        .hasMessageContaining("one replica only");
  }

  @Test
  void productionValuesAutoscaleEveryServiceAndSpreadItsReplicas() {
    Manifests m = render(PRODUCTION, Map.of("image.registry", "registry.plant.local"));
    m.assertEveryServiceDeployable("brain-");
    assertThat(m.names("HorizontalPodAutoscaler")).hasSize(Manifests.SERVICES.size() - Manifests.SINGLE_REPLICA.size());
    m.kind("HorizontalPodAutoscaler").forEach(h -> assertThat((Integer) at(h, "spec.minReplicas"))
        .isGreaterThanOrEqualTo(2));
    m.kind("Deployment").forEach(d -> {
      boolean single = Manifests.SINGLE_REPLICA.stream().anyMatch(s -> ("brain-" + s).equals(Manifests.name(d)));
      assertThat(at(d, "spec.replicas")).as("the HPA owns the replica count").isEqualTo(single ? 1 : null);
      assertThat((String) Manifests.containers(d).get(0).get("image")).startsWith("registry.plant.local/enterprise-brain/");
    });
    m.kind("PodDisruptionBudget").forEach(p -> assertThat(at(p, Manifests.SINGLE_REPLICA.stream()
        .anyMatch(s -> ("brain-" + s).equals(Manifests.name(p))) ? "spec.maxUnavailable" : "spec.minAvailable"))
        .isEqualTo(1));
    assertThat(at(m.one("Elasticsearch", "brain-es"), "spec.nodeSets")).asString().contains("count=3");
    assertThat(at(m.one("Cluster", "brain-pg"), "spec.instances")).isEqualTo(3);
  }

  static final List<String> SECRET_KEYS =
      List.of("analyticsClientSecret", "registryClientSecret", "assessmentClientSecret", "gatewayClientSecret",
          "catalogEncryptionKey");

  static Map<String, String> secret(Manifests m) {
    return decoded(m.one("Secret", "brain-secrets"));
  }

  static Map<String, String> decoded(Map<String, Object> secret) {
    Map<String, Object> data = map(secret, "data");
    Map<String, String> decoded = new TreeMap<>();
    data.forEach((k, v) -> decoded.put(k, new String(Base64.getDecoder().decode((String) v), StandardCharsets.UTF_8)));
    return decoded;
  }

  /** Every client secret of the local demo realm (brain up, the tests): none of them may ever reach a cluster. */
  static List<String> demoSecrets() {
    List<Map<String, Object>> clients = list(new Yaml().load(BrainRealm.json()), "clients");
    return clients.stream().map(c -> (String) c.get("secret")).filter(Objects::nonNull).toList();
  }

  @Test
  void noSecretShipsWithTheChartEachInstallGeneratesItsOwn() {
    Map<String, String> first = secret(render(null, Map.of()));
    Map<String, String> second = secret(render(PRODUCTION, Map.of()));
    assertThat(first.keySet()).containsExactlyInAnyOrderElementsOf(SECRET_KEYS);
    for (String key : SECRET_KEYS) {
      assertThat(first.get(key)).as(key).hasSizeGreaterThanOrEqualTo(32).isNotIn(demoSecrets())
          .isNotEqualTo(second.get(key));
    }
    assertThat(Base64.getDecoder().decode(first.get("catalogEncryptionKey"))).as("AES-256").hasSize(32);
    // uninstalling must not throw the catalog's key away with the data it encrypts
    assertThat(at(render(null, Map.of()).one("Secret", "brain-secrets"), "metadata.annotations"))
        .isEqualTo(Map.of("helm.sh/resource-policy", "keep"));
  }

  @Test
  void anUpgradeKeepsTheSecretsInstalledSoTheCatalogStillDecryptsItsData() {
    Manifests install = render(PRODUCTION, Map.of());
    Map<String, String> installed = secret(install);
    Map<String, String> signing = decoded(install.one("Secret", "brain-model-signing"));
    InstalledSecrets.put("brain-secrets", installed);
    InstalledSecrets.put("brain-model-signing", signing);
    for (String service : DATABASE_SERVICES) {
      InstalledSecrets.put("brain-db-" + service, decoded(install.one("Secret", "brain-db-" + service)));
    }
    try {
      Manifests upgrade = render(PRODUCTION, Map.of());
      assertThat(secret(upgrade)).isEqualTo(installed);
      assertThat(decoded(upgrade.one("Secret", "brain-model-signing"))).as("deployments signed before still verify")
          .isEqualTo(signing);
      // and the pods do not roll for nothing: the rendered configuration is the same
      assertThat(at(upgrade.one("Deployment", "brain-catalog"), "spec.template.metadata.annotations"))
          .isEqualTo(at(render(PRODUCTION, Map.of()).one("Deployment", "brain-catalog"),
              "spec.template.metadata.annotations"));
    } finally {
      InstalledSecrets.clear();
    }
  }

  @Test
  void theLocalDemoRealmsSecretsAndShortOnesAreRefused() {
    assertThat(demoSecrets()).contains("analytics-service-secret", "plant-admin-secret");
    for (String demo : demoSecrets()) {
      for (String key : List.of("analyticsClientSecret", "registryClientSecret", "assessmentClientSecret",
          "gatewayClientSecret")) {
        assertThatThrownBy(() -> render(PRODUCTION, Map.of("secrets." + key, demo))).as(key + "=" + demo)
            .hasMessageContaining("secrets." + key + " is shorter than 32 characters");
      }
    }
    assertThatThrownBy(() -> render(null, Map.of("secrets.catalogEncryptionKey",
        Base64.getEncoder().encodeToString(new byte[24])))).hasMessageContaining("exactly 32 random bytes");
    // a strong secret of the plant's own is taken as given
    String own = "x".repeat(20) + "Plant-Own-Secret-42";
    assertThat(secret(render(PRODUCTION, Map.of("secrets.registryClientSecret", own))))
        .containsEntry("registryClientSecret", own);
  }

  /**
   * The registry signs model deployments with a key only it gets; the score job verifies with the certificate
   * (the job runs the artifact a deployment carries: nothing else may reach it).
   */
  @Test
  void modelDeploymentsAreSignedWithAKeyPairGeneratedAtInstall() throws Exception {
    Manifests m = render(PRODUCTION, Map.of());
    Map<String, Object> secret = m.one("Secret", "brain-model-signing");
    assertThat(secret.get("type")).isEqualTo("kubernetes.io/tls");
    Map<String, String> pair = decoded(secret);
    java.security.cert.X509Certificate certificate = (java.security.cert.X509Certificate)
        java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
            new java.io.ByteArrayInputStream(pair.get("tls.crt").getBytes(StandardCharsets.US_ASCII)));
    assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(certificate.getSubjectX500Principal().getName()).contains("brain-model-signing");
    assertThat(pair.get("tls.key")).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(decoded(render(PRODUCTION, Map.of()).one("Secret", "brain-model-signing")).get("tls.key"))
        .as("each install its own").isNotEqualTo(pair.get("tls.key"));

    assertThat(list(Manifests.containers(m.one("Deployment", "brain-registry")).get(0), "env"))
        .anyMatch(e -> "BRAIN_REGISTRY_SIGNING_KEY".equals(e.get("name"))
            && "tls.key".equals(at(e, "valueFrom.secretKeyRef.key")));
    m.kind("Deployment").filter(d -> !"brain-registry".equals(Manifests.name(d))).forEach(d ->
        assertThat(Manifests.containers(d).get(0).toString()).as(Manifests.name(d)).doesNotContain("tls.key"));
    for (String job : Manifests.JOBS) {
      String containers = at(m.one("FlinkDeployment", "brain-analytics-" + job), "spec.podTemplate.spec.containers")
          .toString();
      assertThat(containers).as(job).doesNotContain("tls.key");
      assertThat(containers.contains("BRAIN_ANALYTICS_DEPLOYMENT_KEY")).as(job).isEqualTo("score".equals(job));
    }
  }

  static final List<String> DATABASE_SERVICES = List.of("catalog", "registry", "assessment", "connector");

  /**
   * One PostgreSQL role per service: CloudNativePG makes brain_catalog, brain_registry and brain_assessment from
   * Secrets generated at install; each service's init container migrates as the database's owner and grants its
   * role rows only; the service's own container gets its role and never the owner's password.
   */
  @Test
  void eachServiceWorksAsItsOwnRoleAndOnlyItsInitContainerHoldsTheOwnersPassword() {
    Manifests m = render(PRODUCTION, Map.of());
    Manifests other = render(PRODUCTION, Map.of());
    List<Map<String, Object>> roles = list(map(map(m.one("Cluster", "brain-pg"), "spec"), "managed"), "roles");
    assertThat(roles).extracting(r -> r.get("name"))
        .containsExactlyInAnyOrderElementsOf(DATABASE_SERVICES.stream().map(s -> "brain_" + s).toList());
    for (String service : DATABASE_SERVICES) {
      Map<String, Object> secret = m.one("Secret", "brain-db-" + service);
      assertThat(secret.get("type")).isEqualTo("kubernetes.io/basic-auth");
      Map<String, String> credentials = decoded(secret);
      assertThat(credentials).containsEntry("username", "brain_" + service);
      assertThat(credentials.get("password")).as("generated per install").hasSizeGreaterThanOrEqualTo(32)
          .isNotEqualTo(decoded(other.one("Secret", "brain-db-" + service)).get("password"));
      assertThat(roles).anyMatch(r -> ("brain_" + service).equals(r.get("name")) && Boolean.TRUE.equals(r.get("login"))
          && Boolean.FALSE.equals(r.get("superuser")) && ("brain-db-" + service).equals(at(r, "passwordSecret.name")));

      Map<String, Object> deployment = m.one("Deployment", "brain-" + service);
      List<Map<String, Object>> init = list(map(map(map(deployment, "spec"), "template"), "spec"), "initContainers");
      assertThat(init).hasSize(1);
      assertThat(init.get(0).get("args")).isEqualTo(List.of("migrate"));
      assertThat(init.get(0).get("image")).isEqualTo(Manifests.containers(deployment).get(0).get("image"));
      String prefix = "BRAIN_" + service.toUpperCase(java.util.Locale.ROOT);
      assertThat(list(init.get(0), "env")).anyMatch(e -> (prefix + "_DB_MIGRATOR_PASSWORD").equals(e.get("name"))
          && "brain-pg-app".equals(at(e, "valueFrom.secretKeyRef.name")));
      Map<String, Object> container = Manifests.containers(deployment).get(0);
      assertThat(container.toString()).as("the service's own container").doesNotContain("brain-pg-app")
          .doesNotContain("MIGRATOR");
      assertThat(list(container, "env")).anyMatch(e -> (prefix + "_DB_USER").equals(e.get("name"))
          && ("brain-db-" + service).equals(at(e, "valueFrom.secretKeyRef.name")))
          .anyMatch(e -> (prefix + "_DB_MIGRATE").equals(e.get("name")) && "false".equals(e.get("value")));
    }
    m.kind("Deployment").filter(d -> DATABASE_SERVICES.stream().noneMatch(s -> ("brain-" + s).equals(Manifests.name(d))))
        .forEach(d -> assertThat(d.toString()).as(Manifests.name(d)).doesNotContain("brain-pg-app")
            .doesNotContain("initContainers"));
  }

  /**
   * Default-deny: nothing in the namespace is reachable unless a policy allows it, and the stores the chart renders
   * are reachable from the platform (and their operators) only: Elasticsearch from the release's pods, PostgreSQL
   * from the services with a database, Flink's REST API from analytics-service. No policy admits everyone.
   */
  @Test
  void theNetworkIsDefaultDenyAndEveryStoreAdmitsThePlatformOnly() {
    Manifests m = render(PRODUCTION, Map.of());
    Map<String, Object> deny = m.one("NetworkPolicy", "brain-default-deny");
    assertThat(at(deny, "spec.podSelector")).isEqualTo(Map.of());
    assertThat(at(deny, "spec.policyTypes")).isEqualTo(List.of("Ingress"));
    assertThat(at(deny, "spec.ingress")).isNull();
    m.kind("NetworkPolicy").filter(p -> at(p, "spec.ingress") != null).forEach(p ->
        list(map(p, "spec"), "ingress").forEach(r -> assertThat(list(r, "from"))
            .as(Manifests.name(p) + ": every rule names its peers")
            .isNotEmpty().allSatisfy(peer -> assertThat(peer).isNotEmpty())));

    Map<String, Object> es = m.one("NetworkPolicy", "brain-elasticsearch");
    assertThat(at(es, "spec.podSelector.matchLabels")).isEqualTo(Map.of("elasticsearch.k8s.elastic.co/cluster-name", "brain-es"));
    assertThat(at(es, "spec.ingress")).asString().contains("app.kubernetes.io/part-of=enterprise-brain", "9200", "9300");

    Map<String, Object> pg = m.one("NetworkPolicy", "brain-postgres");
    assertThat(at(pg, "spec.podSelector.matchLabels")).isEqualTo(Map.of("cnpg.io/cluster", "brain-pg"));
    String pgPeers = at(pg, "spec.ingress").toString();
    assertThat(pgPeers).contains("catalog", "registry", "assessment", "5432").doesNotContain("gateway", "ingestion");

    Map<String, Object> flink = m.one("NetworkPolicy", "brain-flink");
    assertThat(at(flink, "spec.ingress")).asString().contains("app.kubernetes.io/name=analytics,", "8081");
    // the jobs' pods carry the labels the policies select
    for (String job : Manifests.JOBS) {
      assertThat(at(m.one("FlinkDeployment", "brain-analytics-" + job), "spec.podTemplate.metadata.labels"))
          .asString().contains("app.kubernetes.io/component=flink", "app.kubernetes.io/instance=brain");
    }
    assertThat(render(PRODUCTION, Map.of("networkPolicy.defaultDeny", "false")).names("NetworkPolicy"))
        .doesNotContain("brain-default-deny").contains("brain-elasticsearch", "brain-postgres");
  }

  /** The Kafka clients: the services with {@code kafka: true} and every analytics job. */
  static final List<String> KAFKA_SERVICES = List.of("ingestion", "catalog", "analytics", "registry", "assessment",
      "connector");

  static List<String> kafkaClients() {
    List<String> clients = new ArrayList<>(KAFKA_SERVICES);
    Manifests.JOBS.forEach(j -> clients.add("analytics-" + j));
    return clients;
  }

  /** A client's ACLs from its KafkaUser: resource type and name (a group's as {@code group:<prefix>*}) → operations. */
  static Map<String, List<String>> acls(Manifests m, String client) {
    Map<String, List<String>> acls = new TreeMap<>();
    for (Map<String, Object> acl : list(map(map(m.one("KafkaUser", "brain-kafka-" + client), "spec"),
        "authorization"), "acls")) {
      String type = (String) at(acl, "resource.type");
      String name = (String) at(acl, "resource.name");
      String key = type.equals("topic") ? name : type + ":" + name + ("prefix".equals(at(acl, "resource.patternType")) ? "*" : "");
      @SuppressWarnings("unchecked")
      List<String> operations = (List<String>) acl.get("operations");
      acls.computeIfAbsent(key, k -> new ArrayList<>()).addAll(operations);
    }
    return acls;
  }

  /** Who may do {@code operation} on {@code topic}, by the KafkaUsers' ACLs. */
  static List<String> may(Manifests m, String operation, String topic) {
    return kafkaClients().stream().filter(c -> acls(m, c).getOrDefault(topic, List.of()).contains(operation)).toList();
  }

  @Test
  void everyKafkaClientLogsInOverTlsAsItselfWithOnlyTheAclsItNeeds() {
    Manifests m = render(PRODUCTION, Map.of());
    Map<String, Object> config = map(m.one("ConfigMap", "brain-config"), "data");
    assertThat(config).containsEntry("BRAIN_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
        .containsEntry("BRAIN_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
        .containsEntry("BRAIN_KAFKA_TRUSTSTORE", "/etc/brain/kafka-ca/ca.crt")
        .containsEntry("BRAIN_KAFKA_TRUSTSTORE_TYPE", "PEM")
        // Strimzi makes the topics: no service creates or alters one
        .containsEntry("SPRING_KAFKA_ADMIN_AUTO_CREATE", "false");
    assertThat((String) config.get("BRAIN_KAFKA_BOOTSTRAP")).endsWith(":9093");

    // each pod logs in as its own user, and checks the broker against the cluster CA
    Map<String, Map<String, Object>> pods = new TreeMap<>();
    Manifests.SERVICES.keySet().forEach(s -> pods.put(s, map(map(m.one("Deployment", "brain-" + s), "spec"), "template")));
    Manifests.JOBS.forEach(j -> pods.put("analytics-" + j, map(map(m.one("FlinkDeployment", "brain-analytics-" + j),
        "spec"), "podTemplate")));
    pods.forEach((client, pod) -> {
      Map<String, Object> container = list(map(pod, "spec"), "containers").get(0);
      List<Map<String, Object>> login = list(container, "env").stream()
          .filter(e -> "BRAIN_KAFKA_SASL_JAAS_CONFIG".equals(e.get("name"))).toList();
      if (kafkaClients().contains(client)) {
        assertThat(login).as(client).singleElement().satisfies(e -> {
          assertThat(at(e, "valueFrom.secretKeyRef.name")).isEqualTo("brain-kafka-" + client);
          assertThat(at(e, "valueFrom.secretKeyRef.key")).isEqualTo("sasl.jaas.config");
        });
        assertThat(list(map(pod, "spec"), "volumes")).as(client).anyMatch(v -> "kafka-ca".equals(v.get("name"))
            && "brain-kafka-cluster-ca-cert".equals(at(v, "secret.secretName")));
        assertThat(list(container, "volumeMounts")).as(client).anyMatch(v -> "/etc/brain/kafka-ca".equals(v.get("mountPath")));
      } else {
        assertThat(login).as(client + " talks to no Kafka").isEmpty();
      }
    });
    assertThat(m.names("KafkaUser")).containsExactlyInAnyOrderElementsOf(
        kafkaClients().stream().map(c -> "brain-kafka-" + c).toList());
    m.kind("KafkaUser").forEach(u -> {
      assertThat(at(u, "spec.authentication.type")).isEqualTo("scram-sha-512");
      assertThat(at(u, "metadata.labels")).asString().contains("strimzi.io/cluster=brain-kafka");
      // nothing on the cluster, no wildcard, no All: only named topics and the client's own groups
      assertThat(list(map(map(u, "spec"), "authorization"), "acls")).allSatisfy(acl -> {
        assertThat(at(acl, "resource.type")).isIn("topic", "group");
        assertThat((String) at(acl, "resource.name")).isNotEqualTo("*").isNotBlank();
        assertThat(acl.get("operations")).asString().doesNotContain("All", "Alter", "Delete", "Create");
      });
    });

    // only ingestion writes the standard topics, after its checks, and the connector those of what devices report
    // (the same checks)
    List<String> fromDevices = List.of("telemetry", "equipment-state", "energy-reading");
    for (EntityStandard e : DataStandard.load().entities()) {
      assertThat(may(m, "Write", e.topic(e.newestVersion()))).as(e.topic(e.newestVersion()))
          .containsExactlyInAnyOrderElementsOf(fromDevices.contains(e.entity()) ? List.of("ingestion", "connector")
              : List.of("ingestion"));
    }
    // the connector reads nothing, commits nothing
    assertThat(acls(m, "connector").keySet()).noneMatch(k -> k.startsWith("group:"));
    assertThat(acls(m, "connector").values()).allSatisfy(ops -> assertThat(ops).doesNotContain("Read"));
    // only the registry publishes model deployments (signed), only the score job loads them
    assertThat(may(m, "Write", Topics.MODEL_DEPLOYMENTS)).containsExactly("registry");
    assertThat(may(m, "Read", Topics.MODEL_DEPLOYMENTS)).containsExactly("analytics-score");
    // personal data (every field of an employee is L3): the catalog alone, which masks and encrypts it
    assertThat(may(m, "Read", "brain.personnel.employee.v1")).containsExactly("catalog");
    // the settings the jobs follow come from analytics-service alone
    for (String settings : List.of("brain.analytics.spc-settings.v1", "brain.analytics.calendars.v1",
        "brain.analytics.routings.v1", "brain.analytics.energy-settings.v1")) {
      assertThat(may(m, "Write", settings)).as(settings).containsExactly("analytics");
    }
    // the audit topic: written by the services that audit over it, read by the catalog alone (into the chain); the
    // assessment holds nothing else
    assertThat(may(m, "Write", Topics.AUDIT)).containsExactlyInAnyOrder("registry", "analytics", "assessment",
        "connector");
    assertThat(may(m, "Read", Topics.AUDIT)).containsExactly("catalog");
    assertThat(acls(m, "assessment")).containsOnlyKeys(Topics.AUDIT);
    // kept a year (the chain's source until the catalog appended it), the other topics a week
    assertThat(at(m.one("KafkaTopic", Topics.AUDIT), "spec.config")).asString().contains("retention.ms=31536000000");
    assertThat(at(m.one("KafkaTopic", Topics.ALERTS), "spec.config")).asString().contains("retention.ms=604800000");
    // each job commits offsets in its own groups only
    Manifests.JOBS.forEach(j -> assertThat(acls(m, "analytics-" + j).keySet().stream().filter(k -> k.startsWith("group:")))
        .containsExactly("group:brain-analytics-" + j + "*"));
    assertThat(acls(m, "ingestion").keySet()).noneMatch(k -> k.startsWith("group:"));
  }

  @Test
  void aKafkaWithoutTlsAndLoginsIsRefusedUnlessAllowed() {
    for (String protocol : List.of("PLAINTEXT", "SASL_PLAINTEXT", "SSL")) {
      assertThatThrownBy(() -> render(PRODUCTION, Map.of("kafka.security.protocol", protocol))).as(protocol)
          .hasMessageContaining("kafka.security.protocol " + protocol).hasMessageContaining("SASL_SSL");
    }
    assertThatThrownBy(() -> render(PRODUCTION, Map.of("kafka.security.protocol", "TLS")))
        .hasMessageContaining("is not one of");
    // a broker nobody else reaches, said so: rendered without logins
    Manifests plaintext = render(PRODUCTION, Map.of("kafka.security.protocol", "PLAINTEXT",
        "kafka.security.allowPlaintext", "true", "kafka.bootstrap", "kafka:9092"));
    assertThat(map(plaintext.one("ConfigMap", "brain-config"), "data"))
        .containsEntry("BRAIN_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").doesNotContainKey("BRAIN_KAFKA_TRUSTSTORE");
    assertThat(list(Manifests.containers(plaintext.one("Deployment", "brain-ingestion")).get(0), "env"))
        .noneMatch(e -> "BRAIN_KAFKA_SASL_JAAS_CONFIG".equals(e.get("name")));
  }

  /** The Elasticsearch clients: the services with {@code elasticsearch: true} and every analytics job. */
  static List<String> elasticsearchClients() {
    List<String> clients = new ArrayList<>(List.of("catalog", "analytics", "registry"));
    Manifests.JOBS.forEach(j -> clients.add("analytics-" + j));
    return clients;
  }

  /** The roles ECK loads ({@code roles.yml} of the roles Secret): role → its definition. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> esRoles(Manifests m) {
    return (Map<String, Map<String, Object>>) new Yaml().load(
        (String) map(m.one("Secret", "brain-es-roles"), "stringData").get("roles.yml"));
  }

  /** The clients whose role grants {@code privileges} (any of them, or all) on the concrete index {@code index}. */
  static List<String> esMay(Manifests m, List<String> privileges, String index) {
    Map<String, Map<String, Object>> roles = esRoles(m);
    return elasticsearchClients().stream().filter(c -> list(roles.get("brain-" + c), "indices").stream()
        .anyMatch(grant -> ((List<String>) grant.get("names")).stream().anyMatch(n -> index.matches(
            n.replace(".", "\\.").replace("*", ".*")))
            && ((List<String>) grant.get("privileges")).stream().anyMatch(p -> p.equals("all") || privileges.contains(p))))
        .toList();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyElasticsearchClientUsesTlsAndItsOwnUserWhoseRoleNamesOnlyItsIndices() {
    Manifests m = render(PRODUCTION, Map.of());
    Map<String, Object> config = map(m.one("ConfigMap", "brain-config"), "data");
    assertThat((String) config.get("BRAIN_ELASTICSEARCH_URL")).startsWith("https://");
    assertThat(config).containsEntry("BRAIN_ELASTICSEARCH_CA", "/etc/brain/es-ca/ca.crt")
        .doesNotContainKey("BRAIN_ELASTICSEARCH_USERNAME");
    // ECK's default HTTPS stays on; the roles and every client's user are loaded into the nodes
    Map<String, Object> es = m.one("Elasticsearch", "brain-es");
    assertThat(at(es, "spec.http")).isNull();
    assertThat(at(es, "spec.auth.roles")).isEqualTo(List.of(Map.of("secretName", "brain-es-roles")));
    assertThat(list(map(map(es, "spec"), "auth"), "fileRealm")).extracting(r -> r.get("secretName"))
        .containsExactlyInAnyOrderElementsOf(elasticsearchClients().stream().map(c -> "brain-es-" + c).toList());
    // nobody gets the superuser's password
    assertThat(m.all().toString()).doesNotContain("brain-es-es-elastic-user");

    Map<String, Map<String, Object>> pods = new TreeMap<>();
    Manifests.SERVICES.keySet().forEach(s -> pods.put(s, map(map(m.one("Deployment", "brain-" + s), "spec"), "template")));
    Manifests.JOBS.forEach(j -> pods.put("analytics-" + j, map(map(m.one("FlinkDeployment", "brain-analytics-" + j),
        "spec"), "podTemplate")));
    Base64.Decoder b64 = Base64.getDecoder();
    List<String> passwords = new ArrayList<>();
    pods.forEach((client, pod) -> {
      Map<String, Object> container = list(map(pod, "spec"), "containers").get(0);
      List<Map<String, Object>> login = list(container, "env").stream()
          .filter(e -> String.valueOf(e.get("name")).startsWith("BRAIN_ELASTICSEARCH_")).toList();
      if (elasticsearchClients().contains(client)) {
        assertThat(login).as(client).extracting(e -> e.get("name"), e -> at(e, "valueFrom.secretKeyRef.name"))
            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("BRAIN_ELASTICSEARCH_USERNAME", "brain-es-" + client),
                org.assertj.core.groups.Tuple.tuple("BRAIN_ELASTICSEARCH_PASSWORD", "brain-es-" + client));
        assertThat(list(map(pod, "spec"), "volumes")).as(client).anyMatch(v -> "es-ca".equals(v.get("name"))
            && "brain-es-es-http-certs-public".equals(at(v, "secret.secretName")));
        assertThat(list(container, "volumeMounts")).as(client).anyMatch(v -> "/etc/brain/es-ca".equals(v.get("mountPath")));
        Map<String, Object> user = m.one("Secret", "brain-es-" + client);
        assertThat(user.get("type")).isEqualTo("kubernetes.io/basic-auth");
        assertThat(new String(b64.decode((String) at(user, "data.username")), StandardCharsets.UTF_8))
            .isEqualTo("brain-" + client);
        assertThat(new String(b64.decode((String) at(user, "data.roles")), StandardCharsets.UTF_8))
            .isEqualTo("brain-" + client);
        passwords.add(new String(b64.decode((String) at(user, "data.password")), StandardCharsets.UTF_8));
      } else {
        assertThat(login).as(client + " reads no Elasticsearch").isEmpty();
      }
    });
    assertThat(passwords).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(48));

    // every role: the index template the jobs put at most on the cluster, restricted indices never
    Map<String, Map<String, Object>> roles = esRoles(m);
    assertThat(roles.keySet()).containsExactlyInAnyOrderElementsOf(
        elasticsearchClients().stream().map(c -> "brain-" + c).toList());
    roles.forEach((role, definition) -> {
      assertThat((List<Object>) definition.get("cluster")).as(role).isSubsetOf(List.of("manage_index_templates"));
      assertThat(list(definition, "indices")).as(role).allSatisfy(grant -> {
        assertThat(grant.get("allow_restricted_indices")).isEqualTo(false);
        assertThat((List<?>) grant.get("names")).noneMatch(n -> n.equals("*") || n.equals("brain-*"));
      });
    });
    List<String> write = List.of("write", "index", "create", "create_doc", "delete", "manage", "create_index");
    List<String> read = List.of("read");
    // the catalogue's records (graded, L3 sealed): the catalog alone
    assertThat(esMay(m, read, "brain-records-brain.personnel.employee.v1")).containsExactly("catalog");
    assertThat(esMay(m, write, "brain-records-catalog")).containsExactly("catalog");
    assertThat(esMay(m, write, "brain-registry")).containsExactly("registry");
    // each job writes its own results, the service reads them all and writes none
    Map<String, String> results = Map.of("oee", "oee", "spc", "spc", "energy", "energy", "health", "health",
        "score", "scores", "genealogy", "genealogy");
    results.forEach((job, index) -> {
      assertThat(esMay(m, write, "brain-analytics-" + index)).as(index).containsExactly("analytics-" + job);
      assertThat(esMay(m, read, "brain-analytics-" + index)).as(index).containsExactly("analytics");
    });
    assertThat(esMay(m, write, "brain-analytics-alerts")).containsExactlyInAnyOrder("analytics-spc",
        "analytics-energy", "analytics-health", "analytics-score");
    // what analytics-service keeps itself (its classes' INDEX)
    for (String own : List.of("backfills", "dead-letters", "spc-settings", "energy-settings", "calendars", "routings",
        "alert-actions")) {
      assertThat(esMay(m, write, "brain-analytics-" + own)).as(own).containsExactly("analytics");
    }
    // the jobs read nothing back
    Manifests.JOBS.forEach(j -> assertThat(esMay(m, read, "brain-analytics-" + results.get(j))).as(j)
        .doesNotContain("analytics-" + j));
  }

  @Test
  void anElasticsearchWithoutTlsOrWithTheSuperuserIsRefusedUnlessAllowed() {
    assertThatThrownBy(() -> render(PRODUCTION, Map.of("elasticsearch.url", "http://brain-es-es-http:9200")))
        .hasMessageContaining("elasticsearch.url http://brain-es-es-http:9200").hasMessageContaining("https://");
    assertThatThrownBy(() -> render(PRODUCTION, Map.of("elasticsearch.users", "false",
        "elasticsearch.username", "elastic"))).hasMessageContaining("superuser");
    // a node nobody else reaches, said so: plain HTTP on both sides, no CA
    Manifests plaintext = render(PRODUCTION, Map.of("elasticsearch.url", "http://brain-es-es-http:9200",
        "elasticsearch.tls.allowPlaintext", "true"));
    assertThat(at(plaintext.one("Elasticsearch", "brain-es"), "spec.http.tls.selfSignedCertificate.disabled"))
        .isEqualTo(true);
    assertThat(map(plaintext.one("ConfigMap", "brain-config"), "data")).doesNotContainKey("BRAIN_ELASTICSEARCH_CA");
    // an external cluster: one login for all, from the plant's Secret
    Manifests external = render(PRODUCTION, Map.of("elasticsearch.users", "false", "elasticsearch.eck.enabled",
        "false", "elasticsearch.username", "brain", "elasticsearch.passwordSecret.name", "plant-es",
        "elasticsearch.passwordSecret.key", "password"));
    assertThat(external.names("Secret")).noneMatch(n -> n.startsWith("brain-es-"));
    assertThat(map(external.one("ConfigMap", "brain-config"), "data"))
        .containsEntry("BRAIN_ELASTICSEARCH_USERNAME", "brain");
    assertThat(list(Manifests.containers(external.one("Deployment", "brain-catalog")).get(0), "env"))
        .anyMatch(e -> "BRAIN_ELASTICSEARCH_PASSWORD".equals(e.get("name"))
            && "plant-es".equals(at(e, "valueFrom.secretKeyRef.name")));
  }

  @Test
  void theRealmsKeysAreReadOverTlsOnly() {
    Map<String, Object> config = map(render(PRODUCTION, Map.of()).one("ConfigMap", "brain-config"), "data");
    // no key set URL: the services read <issuer>/protocol/openid-connect/certs, over the issuer's https
    assertThat(config).doesNotContainKey("BRAIN_OIDC_JWKS");
    assertThat((String) config.get("BRAIN_OIDC_ISSUER")).startsWith("https://");
    String inCluster = "http://keycloak-service:8080/realms/brain/protocol/openid-connect/certs";
    assertThatThrownBy(() -> render(PRODUCTION, Map.of("oidc.jwks", inCluster)))
        .hasMessageContaining("oidc.jwks " + inCluster).hasMessageContaining("swapped");
    assertThatThrownBy(() -> render(PRODUCTION, Map.of("oidc.issuer", "http://brain.plant.local/realms/brain")))
        .hasMessageContaining("must be https://");
    assertThat(map(render(PRODUCTION, Map.of("oidc.jwks", inCluster, "oidc.allowPlaintextJwks", "true"))
        .one("ConfigMap", "brain-config"), "data")).containsEntry("BRAIN_OIDC_JWKS", inCluster);
    assertThat(map(render(PRODUCTION, Map.of("oidc.jwks", "https://keycloak.plant.local/realms/brain/certs"))
        .one("ConfigMap", "brain-config"), "data"))
        .containsEntry("BRAIN_OIDC_JWKS", "https://keycloak.plant.local/realms/brain/certs");
  }

  @Test
  void anExistingSecretIsUsedAndNoneRendered() {
    Manifests m = render(PRODUCTION, Map.of("secrets.create", "false", "secrets.name", "plant-vault-brain"));
    // the Elasticsearch roles are configuration ECK reads from a Secret, and hold no secret
    assertThat(m.names("Secret")).containsExactly("brain-es-roles");
    Map<String, Object> catalog = Manifests.containers(m.one("Deployment", "brain-catalog")).get(0);
    assertThat(list(catalog, "env")).anyMatch(e -> "BRAIN_CATALOG_ENCRYPTION_KEY".equals(e.get("name"))
        && "plant-vault-brain".equals(at(e, "valueFrom.secretKeyRef.name"))
        && at(e, "valueFrom.secretKeyRef.optional") == null);
    assertThat(at(m.one("KeycloakRealmImport", "brain-realm"), "spec.placeholders")).asString()
        .contains("name=plant-vault-brain");
  }

  @Test
  void theRealmsConsoleClientIsCodeFlowWithPkceOnlyAndLoginsAreGuarded() {
    Map<String, Object> realm = map(map(render(null, Map.of()).one("KeycloakRealmImport", "brain-realm"), "spec"),
        "realm");
    Map<String, Object> console = list(realm, "clients").stream()
        .filter(c -> "brain-console".equals(c.get("clientId"))).findFirst().orElseThrow();
    assertThat(console).containsEntry("publicClient", true).containsEntry("directAccessGrantsEnabled", false)
        .containsEntry("implicitFlowEnabled", false);
    assertThat(map(console, "attributes")).containsEntry("pkce.code.challenge.method", "S256");
    assertThat(realm).containsEntry("bruteForceProtected", true).containsEntry("sslRequired", "external");
    assertThat((String) realm.get("passwordPolicy")).contains("length(12)").contains("notUsername");
    // the services' accounts: the client-credentials grant only
    list(realm, "clients").stream().filter(c -> !"brain-console".equals(c.get("clientId"))).forEach(c ->
        assertThat(c).as((String) c.get("clientId")).containsEntry("directAccessGrantsEnabled", false)
            .containsEntry("standardFlowEnabled", false).containsEntry("publicClient", false));
  }

  @Test
  void anUnpinnedImageTagIsRefused() {
    assertThatThrownBy(() -> render(null, Map.of("image.tag", "latest"))).hasMessageContaining("never latest");
  }
}
