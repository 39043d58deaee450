package org.enterprisebrain.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Elasticsearch REST client of the services that read it (import it). Built by hand: Boot 4 would
 * configure the 9.x client, which an 8.19 node refuses.
 */
@Configuration
public class ElasticsearchRestConfig {

  @Bean(destroyMethod = "close")
  RestClient elasticsearchRestClient(@Value("${brain.elasticsearch.url}") String url,
      @Value("${brain.elasticsearch.timeout-ms}") int timeoutMs,
      @Value("${brain.elasticsearch.username:}") String username,
      @Value("${brain.elasticsearch.password:}") String password) {
    return client(url, timeoutMs, username, password);
  }

  /**
   * A client of the node at {@code url}; with a user name, every request carries its basic credentials (a
   * secured cluster such as ECK's, whose {@code elastic} user's password Kubernetes keeps in a Secret).
   */
  public static RestClient client(String url, int timeoutMs, String username, String password) {
    var builder = RestClient.builder(HttpHost.create(url))
        .setRequestConfigCallback(c -> c.setConnectTimeout(timeoutMs).setSocketTimeout(timeoutMs));
    if (username != null && !username.isBlank()) {
      String credentials = Base64.getEncoder().encodeToString((username + ":" + (password == null ? "" : password))
          .getBytes(StandardCharsets.UTF_8));
      builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + credentials)});
    }
    return builder.build();
  }
}
