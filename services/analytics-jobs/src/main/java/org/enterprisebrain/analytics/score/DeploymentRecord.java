package org.enterprisebrain.analytics.score;

/**
 * A record of the compacted deployments topic as the scoring job receives it: the deployment id (the
 * record key) and the registry's JSON, or null when it was undeployed (a tombstone). Kept as text in
 * broadcast state, so checkpoints hold exactly what the registry published.
 */
public record DeploymentRecord(String id, String json) {
}
