package org.enterprisebrain.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealElasticsearch.class)
class RealElasticsearchIT {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aRealNodeIndexesAndSearchesChineseText() throws Exception {
    assertThat(send("PUT", "/probe", "{\"mappings\":{\"properties\":{\"line\":{\"type\":\"keyword\"},"
        + "\"text\":{\"type\":\"text\"}}}}").statusCode()).isEqualTo(200);
    assertThat(send("PUT", "/probe/_doc/1?refresh=true", "{\"line\":\"L1\",\"text\":\"主轴温度过高\"}")
        .statusCode()).isEqualTo(201);
    HttpResponse<String> found = send("POST", "/probe/_search",
        "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"line\":\"L1\"}}],\"must\":[{\"match\":{\"text\":\"温度\"}}]}}}");
    assertThat(found.body()).contains("\"value\":1").contains("主轴温度过高");
    assertThat(RealElasticsearch.server()).isSameAs(RealElasticsearch.server());
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(RealElasticsearch.url() + path))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
