package org.enterprisebrain.analytics.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.enterprisebrain.analytics.service.api.model.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several Flink clusters (one per job, as the chart deploys them) merged into one list; one cluster that does not
 * answer fails the whole list rather than reporting its jobs as absent. The clusters here answer the two REST
 * calls the controller makes with Flink's JSON shapes (the real REST API is exercised by PlatformIT).
 */
class JobsControllerTest {

  private final List<HttpServer> servers = new java.util.ArrayList<>();

  /** A cluster running one job with no vertices (no counters), as {@code /jobs/overview} shows it. */
  String cluster(String id, String name, String state) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/jobs/overview", x -> reply(x, "{\"jobs\": [{\"jid\": \"" + id + "\", \"name\": \"" + name
        + "\", \"state\": \"" + state + "\", \"start-time\": 1764800000000, \"duration\": 60000}]}"));
    server.createContext("/jobs/" + id, x -> reply(x, "{\"jid\": \"" + id + "\", \"vertices\": []}"));
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static void reply(com.sun.net.httpserver.HttpExchange x, String body) throws java.io.IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(200, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  @Test
  void everyClustersJobsAreListedTogetherByName() throws Exception {
    List<String> urls = List.of(cluster("b2", "brain-analytics-spc", "RUNNING"),
        cluster("a1", "brain-analytics-oee", "RESTARTING"), " ");
    List<JobStatus> jobs = new JobsController(urls, Duration.ofSeconds(2)).listJobs().getBody();
    assertThat(jobs).extracting(JobStatus::getName).containsExactly("brain-analytics-oee", "brain-analytics-spc");
    assertThat(jobs).extracting(JobStatus::getState).containsExactly("RESTARTING", "RUNNING");
    assertThat(jobs.get(1).getDurationMs()).isEqualTo(60000L);
  }

  @Test
  void aClusterThatDoesNotAnswerFailsTheListInsteadOfHidingItsJobs() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    JobsController jobs = new JobsController(List.of(cluster("a1", "brain-analytics-oee", "RUNNING"),
        "http://127.0.0.1:" + closed), Duration.ofSeconds(2));
    assertThatThrownBy(jobs::listJobs).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("did not answer");
  }
}
