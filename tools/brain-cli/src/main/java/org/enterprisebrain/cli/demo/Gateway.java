package org.enterprisebrain.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The demo's calls through the gateway, as the people it plays would make them (each with their token). */
final class Gateway {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String gateway;

  Gateway(String gateway) {
    this.gateway = gateway;
  }

  HttpResponse<String> send(String method, String path, String token, String contentType, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", contentType).method(method, body instanceof byte[] bytes
          ? HttpRequest.BodyPublishers.ofByteArray(bytes) : HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void expect(HttpResponse<String> response, int... statuses) throws IOException {
    for (int status : statuses) {
      if (response.statusCode() == status) {
        return;
      }
    }
    throw new IOException(response.request().method() + " " + response.request().uri().getPath() + " answered "
        + response.statusCode() + ": " + response.body());
  }
}
