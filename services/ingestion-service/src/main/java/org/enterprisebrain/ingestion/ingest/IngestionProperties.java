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
 * @param analyticsLateness how late a record may be for the live analytics (the jobs' BRAIN_ANALYTICS_LATENESS):
 *     an older one is accepted with a warning
 * @param analyticsEntities the entities whose event time the analytics jobs compute by (master data is not one)
 */
@ConfigurationProperties("brain.ingest")
public record IngestionProperties(
    @DefaultValue("10000") int maxRecords,
    @DefaultValue("16777216") long maxBytes,
    @DefaultValue("30s") Duration ackTimeout,
    @DefaultValue("5s") Duration retryAfter,
    @DefaultValue("6") int partitions,
    @DefaultValue("PT24H") Duration analyticsLateness,
    @DefaultValue({"operation-report", "equipment-state", "quality-result", "energy-reading", "telemetry"})
    java.util.Set<String> analyticsEntities) {
}
