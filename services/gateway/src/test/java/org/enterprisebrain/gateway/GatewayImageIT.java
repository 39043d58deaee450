package org.enterprisebrain.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.enterprisebrain.servers.ManagedProcess;
import org.enterprisebrain.testsupport.ContainerImage;
import org.junit.jupiter.api.Test;

/**
 * The gateway's container image (Jib, built on tools/base-image) run as a runtime would run it: its entrypoint,
 * as user 65532, from nothing but the image's files. It starts, answers the probes and metrics a cluster
 * scrapes, and refuses an anonymous API call with a problem.
 */
class GatewayImageIT {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void theImageRunsTheGatewayAsNonRootWithProbesAndMetrics() throws Exception {
    ContainerImage image = ContainerImage.unpack(Path.of("target", "jib-image.tar"), Path.of("target", "image-rootfs"));
    assertThat(image.config().path("User").asString()).isEqualTo("65532:65532");
    assertThat(image.config().path("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(image.command()).contains("java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");

    int port = ManagedProcess.freePort();
    Path log = Path.of("target", "gateway-image.log");
    Process gateway = image.start(image.command(), Map.of("BRAIN_GATEWAY_PORT", String.valueOf(port),
        "BRAIN_GATEWAY_ADDRESS", "127.0.0.1", "BRAIN_OIDC_ISSUER", "http://127.0.0.1:9/realms/brain"), log);
    try {
      String base = "http://127.0.0.1:" + port;
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      int status = 0;
      while (status != 200) {
        assertThat(gateway.isAlive()).as(() -> "the image's process ended:\n" + read(log)).isTrue();
        assertThat(System.nanoTime()).as(() -> "not live in 120 s:\n" + read(log)).isLessThan(deadline);
        Thread.sleep(500);
        status = statusOf(base + "/actuator/health/liveness");
      }
      assertThat(statusOf(base + "/actuator/health/readiness")).isEqualTo(200);
      HttpResponse<String> metrics = get(base + "/actuator/prometheus");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("jvm_memory_used_bytes", "application=\"gateway\"");
      HttpResponse<String> anonymous = get(base + "/api/v1/standards");
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("application/problem+json"));
    } finally {
      ContainerImage.stop(gateway);
    }
  }

  static int statusOf(String url) {
    try {
      return get(url).statusCode();
    } catch (java.io.IOException e) {
      return 0; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(String url) throws java.io.IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no output)";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
