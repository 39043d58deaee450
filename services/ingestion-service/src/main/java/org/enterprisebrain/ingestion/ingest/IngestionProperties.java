package org.enterprisebrain.ingestion.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and Kafka behaviour of the standard API (application.yml maps each to a BRAIN_* variable).
 *
 * @param maxRecords records per request; more gives 413
 * @param maxBytes request body size; more gives 413 before the body is read
 * @param ackTimeout how long a request waits for Kafka's acknowledgement before answering 503
 * @param retryAfter the Retry-After a 503 suggests
 * @param partitions partitions of each standard topic created at start
 */
@ConfigurationProperties("brain.ingest")
public record IngestionProperties(
    @DefaultValue("10000") int maxRecords,
    @DefaultValue("16777216") long maxBytes,
    @DefaultValue("30s") Duration ackTimeout,
    @DefaultValue("5s") Duration retryAfter,
    @DefaultValue("6") int partitions) {
}
