package org.enterprisebrain.web;

import org.elasticsearch.client.RestClient;
import org.enterprisebrain.elasticsearch.ElasticsearchConnection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Elasticsearch REST client of the services that read it (import it), connected as
 * {@link ElasticsearchConnection} says. Built by hand: Boot 4 would configure the 9.x client, which an 8.19 node
 * refuses.
 */
@Configuration
public class ElasticsearchRestConfig {

  @Bean(destroyMethod = "close")
  RestClient elasticsearchRestClient(@Value("${brain.elasticsearch.url}") String url,
      @Value("${brain.elasticsearch.timeout-ms}") int timeoutMs,
      @Value("${brain.elasticsearch.username:}") String username,
      @Value("${brain.elasticsearch.password:}") String password,
      @Value("${brain.elasticsearch.ca:}") String ca) {
    return new ElasticsearchConnection(url, username, password, ca).client(timeoutMs);
  }
}
