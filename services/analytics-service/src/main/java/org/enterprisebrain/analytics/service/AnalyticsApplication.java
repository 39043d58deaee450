package org.enterprisebrain.analytics.service;

import org.springframework.boot.SpringApplication;
import org.enterprisebrain.web.ElasticsearchRestConfig;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The analytics query API: OEE, SPC, energy, health and alerts as the Flink jobs wrote them to
 * Elasticsearch, and the jobs' state on the Flink cluster.
 */
@SpringBootApplication
@Import(ElasticsearchRestConfig.class)
public class AnalyticsApplication {

  public static void main(String[] args) {
    SpringApplication.run(AnalyticsApplication.class, args);
  }
}
