package org.enterprisebrain.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.IntSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls to a service under test as a demo user of the real Keycloak, and the checks every API test makes on
 * the answers: the status, and for a refusal problem+json naming the field.
 */
public final class ServiceCalls {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final IntSupplier port;

  /** The port is read at each call: Spring injects it into the test instance after construction. */
  public ServiceCalls(IntSupplier port) {
    this.port = port;
  }

  /** A call as {@code user} (a demo user of the brain realm), or anonymous when null. */
  public HttpResponse<String> send(String method, String path, String user, String contentType, byte[] body)
      throws Exception {
    return HTTP.send(request(method, path, user, contentType, body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String method, String path, String user, String contentType, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (user != null) {
      request.header("Authorization", "Bearer " + RealKeycloak.userToken(user));
    }
    return request.build();
  }

  /** A call whose answer is a document (a PDF, a workbook), read as bytes. */
  public HttpResponse<byte[]> sendForBytes(String method, String path, String user) throws Exception {
    return HTTP.send(request(method, path, user, null, null), HttpResponse.BodyHandlers.ofByteArray());
  }

  public HttpResponse<String> get(String path, String user) throws Exception {
    return send("GET", path, user, null, null);
  }

  /** A JSON body: a String is sent as it is (to send malformed JSON), anything else serialised. */
  public HttpResponse<String> json(String method, String path, String user, Object body) throws Exception {
    return send(method, path, user, "application/json",
        body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body));
  }

  public static JsonNode status(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  /** An RFC 9457 refusal with this status whose errors name {@code pointer}. */
  public static void problem(HttpResponse<String> response, int status, String pointer) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(JSON.readTree(response.body()).path("errors").valueStream().map(e -> e.path("pointer").asString())
        .toList()).contains(pointer);
  }
}
