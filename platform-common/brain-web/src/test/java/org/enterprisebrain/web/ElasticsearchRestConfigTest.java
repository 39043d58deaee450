package org.enterprisebrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/** What the services' Elasticsearch client puts on the wire: basic credentials only when a user is set. */
class ElasticsearchRestConfigTest {

  @Test
  void aUserMakesEveryRequestCarryBasicCredentialsAndNoUserSendsNone() throws Exception {
    List<String> seen = new ArrayList<>();
    HttpServer node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    node.createContext("/", exchange -> {
      seen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    node.start();
    String url = "http://127.0.0.1:" + node.getAddress().getPort();
    try (RestClient secured = ElasticsearchRestConfig.client(url, 5000, "elastic", "s3cret:ü");
        RestClient open = ElasticsearchRestConfig.client(url, 5000, "", "ignored")) {
      secured.performRequest(new Request("GET", "/"));
      open.performRequest(new Request("GET", "/"));
    } finally {
      node.stop(0);
    }
    // base64 of "elastic:s3cret:ü" in UTF-8: a colon in the password is fine, only the first one splits
    assertThat(seen).containsExactly("Basic ZWxhc3RpYzpzM2NyZXQ6w7w=", "null");
  }
}
