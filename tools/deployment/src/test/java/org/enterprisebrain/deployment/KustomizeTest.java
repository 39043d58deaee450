package org.enterprisebrain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enterprisebrain.deployment.Manifests.at;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * k8s/: the base is the chart rendered (checked, so the two never drift), and the dev and prod overlays render
 * offline with the kubectl of this machine (kubectl kustomize) into manifests that pass the chart's checks.
 */
class KustomizeTest {

  static final Path K8S = Manifests.ROOT.resolve("k8s");
  static final Path BASE = K8S.resolve("base/enterprise-brain.yaml");
  static final String HEADER = "# Generated from helm/enterprise-brain (default values but secrets.create=false, "
      + "release \"brain\"): do not edit, see kustomization.yaml\n";

  @Test
  void theBaseIsTheChartRenderedWithItsDefaults() throws IOException {
    // the chart generates the secrets at install: plain manifests carry none, the plant creates brain-secrets
    String rendered = HEADER + new Helm(HelmChartTest.CHART).template().withName("brain")
        .set("secrets.create", "false").call();
    if (Boolean.getBoolean("brain.k8s.write")) {
      Files.writeString(BASE, rendered, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(BASE, StandardCharsets.UTF_8))
        .as("k8s/base/enterprise-brain.yaml is stale: regenerate it as k8s/base/kustomization.yaml says")
        .isEqualTo(rendered);
  }

  @Test
  void theDevOverlayPutsOneReplicaOfEverythingInItsNamespace() throws Exception {
    Manifests dev = Manifests.parse(kustomize("overlays/dev"));
    dev.assertEveryServiceDeployable("brain-");
    dev.kind("Deployment").forEach(d -> assertThat(at(d, "spec.replicas")).isEqualTo(1));
    assertNamespaced(dev, "brain-dev");
    // the Elasticsearch roles are configuration ECK reads from a Secret, and hold no secret
    assertThat(dev.names("Secret")).as("no secret from the repository, not even for a pilot")
        .containsExactly("brain-es-roles");
  }

  @Test
  void theProdOverlayPullsFromThePlantRegistryTwiceOverWithoutRepositorySecrets() throws Exception {
    Manifests prod = Manifests.parse(kustomize("overlays/prod"));
    prod.assertEveryServiceDeployable("brain-");
    assertNamespaced(prod, "brain");
    prod.kind("Deployment").forEach(d -> {
      assertThat(at(d, "spec.replicas")).isEqualTo(single(d) ? 1 : 2);
      assertThat((String) Manifests.containers(d).get(0).get("image")).startsWith("registry.plant.local/enterprise-brain/");
    });
    prod.kind("PodDisruptionBudget").forEach(p -> {
      assertThat(at(p, "spec.minAvailable")).isEqualTo(single(p) ? null : 1);
      assertThat(at(p, "spec.maxUnavailable")).isEqualTo(single(p) ? 1 : null);
    });
    assertThat(prod.names("Secret")).containsExactly("brain-es-roles");
    assertThat(at(prod.one("Ingress", "brain"), "spec.rules")).asString().contains("host=brain.plant.local");
    assertThat(prod.names("KafkaTopic")).isNotEmpty();
    assertThat(prod.names("FlinkDeployment")).hasSize(Manifests.JOBS.size());
  }

  static boolean single(Map<String, Object> resource) {
    return Manifests.SINGLE_REPLICA.stream().anyMatch(s -> ("brain-" + s).equals(Manifests.name(resource)));
  }

  static void assertNamespaced(Manifests m, String namespace) {
    for (Map<String, Object> r : m.all()) {
      assertThat(at(r, "metadata.namespace")).as(r.get("kind") + " " + Manifests.name(r)).isEqualTo(namespace);
    }
  }

  static String kustomize(String overlay) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of("kubectl", "kustomize", K8S.resolve(overlay).toString()))
        .redirectError(ProcessBuilder.Redirect.PIPE).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("kubectl kustomize " + overlay + ": " + err).isZero();
    return out;
  }
}
