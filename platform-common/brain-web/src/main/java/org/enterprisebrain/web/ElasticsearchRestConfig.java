package org.enterprisebrain.web;

import org.apache.http.HttpHost;
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
      @Value("${brain.elasticsearch.timeout-ms}") int timeoutMs) {
    return RestClient.builder(HttpHost.create(url))
        .setRequestConfigCallback(c -> c.setConnectTimeout(timeoutMs).setSocketTimeout(timeoutMs))
        .build();
  }
}
