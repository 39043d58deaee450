package org.enterprisebrain.connector;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The connector's settings (application.yml, documented in the service's README).
 *
 * @param secretsDir a file per secret, named as a connection's passwordSecret; null: no secrets
 * @param dataDir the connector's own OPC UA certificate (made once, kept)
 * @param rejectedTopic where values that became no record go
 * @param connectTimeout how long one attempt to connect may take
 * @param retry the pause between attempts to connect
 * @param browseLimit the most children one browse lists
 * @param browseWindow how long an MQTT browse listens for the topics a broker carries
 * @param topicReplication replicas of the topics the connector creates
 * @param partitions partitions of a standard topic the connector creates (the ingestion API's number)
 * @param bufferMaxRecords records the disk buffer holds at most while Kafka does not take them (oldest dropped past it)
 * @param mqttSessions sessions an MQTT connection spreads its topics over (each topic always in the same one)
 */
@ConfigurationProperties("brain.connector")
public record ConnectorProperties(Path secretsDir, Path dataDir, String rejectedTopic, Duration connectTimeout,
    Duration retry, int browseLimit, Duration browseWindow, int topicReplication, int partitions, int bufferMaxRecords,
    int mqttSessions) {
}
