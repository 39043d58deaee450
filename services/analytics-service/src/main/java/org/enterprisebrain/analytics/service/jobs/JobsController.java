package org.enterprisebrain.analytics.service.jobs;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.enterprisebrain.analytics.service.api.JobsApi;
import org.enterprisebrain.analytics.service.api.model.JobStatus;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/** The jobs as the Flink cluster's REST API reports them (the same API on a MiniCluster and in Kubernetes). */
@RestController
public class JobsController implements JobsApi {

  private final RestClient flink;

  public JobsController(@Value("${brain.analytics.flink-rest-url}") String flinkUrl,
      @Value("${brain.analytics.flink-timeout}") Duration timeout) {
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().connectTimeout(timeout).build());
    factory.setReadTimeout(timeout);
    this.flink = RestClient.builder().baseUrl(flinkUrl).requestFactory(factory).build();
  }

  @Override
  public ResponseEntity<List<JobStatus>> listJobs() {
    String body;
    try {
      body = flink.get().uri("/jobs/overview").retrieve().body(String.class);
    } catch (ResourceAccessException | RestClientResponseException e) {
      throw new UncheckedIOException("the Flink cluster's REST API did not answer", new java.io.IOException(e));
    }
    List<JobStatus> jobs = new ArrayList<>();
    for (JsonNode job : ResultStore.JSON.readTree(body).path("jobs")) {
      JobStatus status = new JobStatus(job.path("jid").asString(), job.path("name").asString(), job.path("state").asString());
      long start = job.path("start-time").asLong(-1);
      if (start > 0) {
        status.startTime(OffsetDateTime.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC));
      }
      if (job.has("duration")) {
        status.durationMs(job.path("duration").asLong());
      }
      jobs.add(status);
    }
    jobs.sort(java.util.Comparator.comparing(JobStatus::getName));
    return ResponseEntity.ok(jobs);
  }
}
