package org.enterprisebrain.analytics.service.jobs;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/**
 * The jobs as the Flink clusters' REST APIs report them (the same API on a MiniCluster and in Kubernetes),
 * with their duplicate, late and unreadable record counters. Locally one cluster runs every job; in Kubernetes
 * each job is a cluster of its own (one FlinkDeployment per job), so every configured cluster is asked and the
 * answers merged. A cluster that does not answer makes the whole answer 503: a partial list would report its
 * jobs as absent, not as unknown.
 */
@RestController
public class JobsController implements JobsApi {

  static final List<String> COUNTERS = List.of("duplicateRecords", "lateRecordsApplied", "lateRecordsDropped",
      "unreadableRecords", "deadLetterRecords");
  private final List<RestClient> clusters;

  public JobsController(@Value("${brain.analytics.flink-rest-url}") List<String> flinkUrls,
      @Value("${brain.analytics.flink-timeout}") Duration timeout) {
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().connectTimeout(timeout).build());
    factory.setReadTimeout(timeout);
    this.clusters = flinkUrls.stream().map(String::strip).filter(u -> !u.isEmpty()).distinct()
        .map(u -> RestClient.builder().baseUrl(u).requestFactory(factory).build()).toList();
  }

  @Override
  public ResponseEntity<List<JobStatus>> listJobs() {
    List<JobStatus> jobs = new ArrayList<>();
    for (RestClient flink : clusters) {
      jobs.addAll(jobs(flink));
    }
    jobs.sort(java.util.Comparator.comparing(JobStatus::getName));
    return ResponseEntity.ok(jobs);
  }

  private List<JobStatus> jobs(RestClient flink) {
    List<JobStatus> jobs = new ArrayList<>();
    for (JsonNode job : get(flink, "/jobs/overview").path("jobs")) {
      JobStatus status = new JobStatus(job.path("jid").asString(), job.path("name").asString(), job.path("state").asString());
      long start = job.path("start-time").asLong(-1);
      if (start > 0) {
        status.startTime(OffsetDateTime.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC));
      }
      if (job.has("duration")) {
        status.durationMs(job.path("duration").asLong());
      }
      Map<String, Long> counters = counters(flink, status.getId());
      status.duplicateRecords(counters.get("duplicateRecords")).lateRecordsApplied(counters.get("lateRecordsApplied"))
          .lateRecordsDropped(counters.get("lateRecordsDropped")).unreadableRecords(counters.get("unreadableRecords"))
          .deadLetterRecords(counters.get("deadLetterRecords"));
      jobs.add(status);
    }
    return jobs;
  }

  /**
   * The jobs' own counters, summed over every operator and subtask that has them. Operator metrics are
   * named {@code <operator>.<counter>} in Flink's REST API, so they are found by their suffix.
   */
  private Map<String, Long> counters(RestClient flink, String jobId) {
    Map<String, Long> sums = new HashMap<>();
    for (JsonNode vertex : get(flink, "/jobs/" + jobId).path("vertices")) {
      String base = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asString() + "/subtasks/metrics";
      List<String> wanted = new ArrayList<>();
      for (JsonNode metric : get(flink, base)) {
        String id = metric.path("id").asString();
        if (COUNTERS.stream().anyMatch(c -> id.endsWith("." + c) || id.equals(c))) {
          wanted.add(id);
        }
      }
      if (wanted.isEmpty()) {
        continue;
      }
      for (JsonNode value : get(flink, base + "?agg=sum&get=" + String.join(",", wanted))) {
        String id = value.path("id").asString();
        String counter = id.substring(id.lastIndexOf('.') + 1);
        sums.merge(counter, (long) value.path("sum").asDouble(), Long::sum);
      }
    }
    return sums;
  }

  private static JsonNode get(RestClient flink, String path) {
    try {
      return ResultStore.JSON.readTree(flink.get().uri(path).retrieve().body(String.class));
    } catch (ResourceAccessException | RestClientResponseException e) {
      throw new UncheckedIOException("the Flink cluster's REST API did not answer", new java.io.IOException(e));
    }
  }
}
