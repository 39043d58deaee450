package org.enterprisebrain.cli.backup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A snapshot of the platform's indices into a shared-file-system repository (Elasticsearch core: no licence
 * feature needed), waited for until it completes. The repository's location must be under the node's
 * {@code path.repo}; the local node's is {@code <data>/snapshots}.
 */
public final class ElasticsearchSnapshot {

  public record Result(Instant startedAt, Instant finishedAt, String repository, String snapshot, String state,
      List<String> indices, int shards, int failedShards, long bytes) {
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String url;
  private final String authorization;

  /** {@code username} null or blank: no authentication (the local node). */
  public ElasticsearchSnapshot(String url, String username, String password) {
    this.url = url.replaceAll("/+$", "");
    this.authorization = username == null || username.isBlank() ? null : "Basic " + Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public Result take(String repository, String location, String indices, String snapshot)
      throws IOException, InterruptedException {
    Instant started = Instant.now();
    call("PUT", "/_snapshot/" + repository, "{\"type\": \"fs\", \"settings\": {\"location\": "
        + JSON.writeValueAsString(location) + "}}");
    JsonNode taken = call("PUT", "/_snapshot/" + repository + "/" + snapshot + "?wait_for_completion=true",
        "{\"indices\": " + JSON.writeValueAsString(indices) + ", \"include_global_state\": false, "
            + "\"ignore_unavailable\": true}").path("snapshot");
    JsonNode status = call("GET", "/_snapshot/" + repository + "/" + snapshot + "/_status", null)
        .path("snapshots").path(0);
    List<String> names = new ArrayList<>();
    taken.path("indices").forEach(i -> names.add(i.asString()));
    return new Result(started, Instant.now(), repository, snapshot, taken.path("state").asString(), names,
        taken.path("shards").path("total").asInt(), taken.path("shards").path("failed").asInt(),
        status.path("stats").path("total").path("size_in_bytes").asLong());
  }

  private JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(30))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
