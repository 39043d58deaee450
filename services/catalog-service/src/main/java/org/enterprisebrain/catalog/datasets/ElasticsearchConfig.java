package org.enterprisebrain.catalog.datasets;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.elasticsearch.client.RestClient;
import org.enterprisebrain.web.ElasticsearchRestConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The typed client over the platform's REST client (8.x: Boot 4 would configure the 9.x one). */
@Configuration
@Import(ElasticsearchRestConfig.class)
public class ElasticsearchConfig {

  @Bean
  ElasticsearchClient elasticsearchClient(RestClient rest) {
    return new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
  }
}
