package org.enterprisebrain.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param deploymentsTopic compacted topic the scoring job follows (key = deployment id, empty value = undeployed)
 * @param topicReplication replication factor when the registry creates that topic
 * @param maxMessageBytes  the topic's max.message.bytes: a deployment carries its model's artifact
 */
@ConfigurationProperties("brain.registry")
public record RegistryProperties(String deploymentsTopic, int topicReplication, int maxMessageBytes) {
}
