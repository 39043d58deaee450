package org.enterprisebrain.ingestion.ingest;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.Topics;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** One topic per entity and version of the standard, created at start; Kafka in the health check. */
@Configuration
public class KafkaTopicsConfig {

  @Bean
  KafkaAdmin.NewTopics standardTopics(DataStandard standard, IngestionProperties properties) {
    return new KafkaAdmin.NewTopics(java.util.stream.Stream.concat(standard.entities().stream()
            .flatMap(e -> e.versions().keySet().stream().map(e::topic)), java.util.stream.Stream.of(Topics.INGEST_OUTCOMES, Topics.ALERTS))
        .map(topic -> TopicBuilder.name(topic).partitions(properties.partitions()).build())
        .toArray(NewTopic[]::new));
  }

  /** The stored file mappings: compacted (the newest per name is kept, for ever), one partition, read whole. */
  @Bean
  NewTopic fileMappingsTopic() {
    return TopicBuilder.name(MappingStore.TOPIC).partitions(1).compact().build();
  }

  @Bean
  AbstractHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
    return new AbstractHealthIndicator("Kafka is not reachable") {
      @Override
      protected void doHealthCheck(Health.Builder builder) throws Exception {
        Map<String, Object> config = kafka.buildAdminProperties();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
          var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000));
          builder.up().withDetail("clusterId", cluster.clusterId().get(3, TimeUnit.SECONDS))
              .withDetail("nodes", cluster.nodes().get(3, TimeUnit.SECONDS).size());
        }
      }
    };
  }

}
