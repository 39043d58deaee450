package org.enterprisebrain.analytics.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.CopyOnWriteArrayList;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/** The jobs' sink authenticates to a secured cluster (ECK) the same way the services do. */
class ElasticsearchSinkClientTest {

  @Test
  void theSinkSendsBasicCredentialsWhenAUserIsSet() throws Exception {
    var headers = new CopyOnWriteArrayList<String>();
    HttpServer node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    node.createContext("/", x -> {
      headers.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
      x.sendResponseHeaders(200, -1);
      x.close();
    });
    node.start();
    try (RestClient client = ElasticsearchSink.client("http://127.0.0.1:" + node.getAddress().getPort(), "elastic",
        "pw")) {
      client.performRequest(new Request("HEAD", "/"));
    } finally {
      node.stop(0);
    }
    assertThat(headers).containsExactly("Basic ZWxhc3RpYzpwdw==");
  }
}
