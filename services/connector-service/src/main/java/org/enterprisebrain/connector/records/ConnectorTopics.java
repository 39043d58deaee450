package org.enterprisebrain.connector.records;

import java.time.Duration;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.enterprisebrain.connector.ConnectorProperties;
import org.enterprisebrain.standard.DataStandard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics the connector writes, made at start when missing: the dead letters (kept 30 days, as their schema
 * says) and the standard topics of the entities a device value becomes — which the ingestion API makes as well,
 * with the same names and partitions (BRAIN_INGEST_PARTITIONS for both), so whichever starts first makes them.
 */
@Configuration
public class ConnectorTopics {

  @Bean
  KafkaAdmin.NewTopics connectorWrites(DataStandard standard, ConnectorProperties properties) {
    Stream<NewTopic> standardTopics = Stream.of("telemetry", "equipment-state", "energy-reading")
        .map(e -> standard.entity(e).orElseThrow())
        .map(e -> TopicBuilder.name(e.topic(e.newestVersion())).partitions(properties.partitions())
            .replicas(properties.topicReplication()).build());
    NewTopic rejected = TopicBuilder.name(properties.rejectedTopic()).partitions(1)
        .replicas(properties.topicReplication())
        .config("retention.ms", Long.toString(Duration.ofDays(30).toMillis())).build();
    return new KafkaAdmin.NewTopics(Stream.concat(standardTopics, Stream.of(rejected)).toArray(NewTopic[]::new));
  }
}
