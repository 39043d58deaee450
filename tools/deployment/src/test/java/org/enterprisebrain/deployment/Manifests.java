package org.enterprisebrain.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Rendered Kubernetes manifests (helm template, kubectl kustomize) as maps, and the checks every rendering of
 * the platform must pass whichever tool produced it.
 */
final class Manifests {

  static final Path ROOT = Path.of(System.getProperty("brain.root", "../.."));
  /** The Boot services and the name of their image. */
  static final Map<String, String> SERVICES = Map.of("gateway", "gateway", "ingestion", "ingestion-service",
      "catalog", "catalog-service", "analytics", "analytics-service", "registry", "registry-service",
      "assessment", "assessment-service", "connector", "connector-service");
  /** The services that run one replica whatever the values (each device read once; a ReadWriteOnce volume). */
  static final List<String> SINGLE_REPLICA = List.of("connector");
  /** The analytics jobs (services/analytics-jobs, AnalyticsJobs.NAMES). */
  static final List<String> JOBS = List.of("oee", "spc", "energy", "health", "score", "genealogy");

  private final List<Map<String, Object>> resources;

  private Manifests(List<Map<String, Object>> resources) {
    this.resources = resources;
  }

  @SuppressWarnings("unchecked")
  static Manifests parse(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(50 * 1024 * 1024);
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml(options).loadAll(yaml)) {
      if (doc != null) {
        docs.add((Map<String, Object>) doc);
      }
    }
    return new Manifests(docs);
  }

  Stream<Map<String, Object>> kind(String kind) {
    return resources.stream().filter(r -> kind.equals(r.get("kind")));
  }

  List<String> names(String kind) {
    return kind(kind).map(Manifests::name).toList();
  }

  Map<String, Object> one(String kind, String name) {
    return kind(kind).filter(r -> name.equals(name(r))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " among " + names(kind)));
  }

  List<Map<String, Object>> all() {
    return resources;
  }

  static String name(Map<String, Object> resource) {
    return (String) map(resource, "metadata").get("name");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) Objects.requireNonNull(parent.get(key), () -> key + " missing in " + parent.keySet());
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    return (List<Map<String, Object>>) Objects.requireNonNull(parent.get(key), () -> key + " missing in " + parent.keySet());
  }

  /** Follows a dotted path of map keys. */
  static Object at(Map<String, Object> resource, String path) {
    Object node = resource;
    for (String key : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> m)) {
        return null;
      }
      node = m.get(key);
    }
    return node;
  }

  /** The pod template's containers of a workload. */
  static List<Map<String, Object>> containers(Map<String, Object> workload) {
    return list(map(map(map(workload, "spec"), "template"), "spec"), "containers");
  }

  /**
   * Every service is a Deployment with a Service, a disruption budget and a scrape target; its container runs
   * a pinned image of the platform as non-root on a read-only root, with the three probes and resources.
   */
  void assertEveryServiceDeployable(String prefix) {
    for (Map.Entry<String, String> svc : SERVICES.entrySet()) {
      String name = prefix + svc.getKey();
      Map<String, Object> deployment = one("Deployment", name);
      one("Service", name);
      one("PodDisruptionBudget", name);
      List<Map<String, Object>> containers = containers(deployment);
      org.assertj.core.api.Assertions.assertThat(containers).as(name).hasSize(1);
      Map<String, Object> c = containers.get(0);
      String image = (String) c.get("image");
      org.assertj.core.api.Assertions.assertThat(image).as(name + " image")
          .matches("^([^/]+/)*enterprise-brain/" + svc.getValue() + ":[0-9][^:]*$")
          .doesNotEndWith(":latest");
      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        org.assertj.core.api.Assertions.assertThat((String) at(c, probe + ".httpGet.path")).as(name + " " + probe)
            .startsWith("/actuator/health/");
      }
      org.assertj.core.api.Assertions.assertThat(at(c, "resources.requests.cpu")).as(name + " cpu request").isNotNull();
      org.assertj.core.api.Assertions.assertThat(at(c, "resources.requests.memory")).as(name + " memory request").isNotNull();
      org.assertj.core.api.Assertions.assertThat(at(c, "resources.limits.memory")).as(name + " memory limit").isNotNull();
      org.assertj.core.api.Assertions.assertThat(at(c, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
      org.assertj.core.api.Assertions.assertThat(at(deployment, "spec.template.spec.securityContext.runAsNonRoot"))
          .as(name).isEqualTo(true);
      org.assertj.core.api.Assertions.assertThat(at(deployment, "spec.template.spec.securityContext.runAsUser"))
          .as(name).isEqualTo(65532);
      org.assertj.core.api.Assertions.assertThat(list(c, "env")).as(name + " listens beyond loopback")
          .anyMatch(e -> String.valueOf(e.get("name")).endsWith("_ADDRESS") && "0.0.0.0".equals(e.get("value")));
    }
  }
}
