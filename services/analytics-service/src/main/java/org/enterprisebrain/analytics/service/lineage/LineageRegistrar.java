package org.enterprisebrain.analytics.service.lineage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.standard.Topics;
import org.enterprisebrain.web.CatalogLineage;
import org.enterprisebrain.web.ClientSecrets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registers where the analytics results come from in the catalog's lineage, so grades propagate from the
 * standard topics through each job to its result index and the alerts: {@code topic → job:analytics-<job> →
 * index}. Runs once after start, in the background, retrying until the catalog and Keycloak answer (the
 * services start in any order); edges are idempotent in the catalog.
 */
@Component
public class LineageRegistrar {

  /** The inputs of each job (its standard topics) and what it computes. */
  static final Map<String, List<String>> INPUTS = Map.of(
      "oee", List.of(Topics.of("equipment", "equipment-state", 1), Topics.of("production", "operation-report", 1),
          Topics.of("equipment", "equipment", 1), Topics.of("production", "work-order", 1)),
      "spc", List.of(Topics.of("quality", "quality-result", 1)),
      "energy", List.of(Topics.of("energy", "energy-reading", 1)),
      "health", List.of(Topics.of("equipment", "telemetry", 1)),
      "score", List.of(Topics.of("equipment", "telemetry", 1), Topics.MODEL_DEPLOYMENTS),
      "genealogy", List.of(Topics.of("production", "production-performance", 1),
          Topics.of("production", "production-schedule", 1),
          Topics.of("logistics", "material-lot", 1), Topics.of("logistics", "inventory-movement", 1),
          Topics.of("supply-chain", "purchase-order", 1), Topics.of("logistics", "shipment", 1),
          Topics.of("quality", "quality-result", 1)));
  static final Map<String, String> TRANSFORMS = Map.of(
      "oee", "OEE per machine and line, hour and shift (ISO 22400-2)",
      "spc", "SPC charts, GB/T 17989.2 rules, capability",
      "energy", "energy per meter and hour, time-of-use split, CO2",
      "health", "condition features and anomalies per signal",
      "score", "scores of the registry's deployed models per machine",
      "genealogy", "lot genealogy (what each lot was made of, by and with, and where it went) and each order's plan "
          + "against its actuals");
  static final String ALERTS_TOPIC = Topics.ALERTS;

  private final boolean enabled;
  private final String indexPrefix;
  private final CatalogLineage catalog;

  public LineageRegistrar(@Value("${brain.analytics.lineage.enabled}") boolean enabled,
      @Value("${brain.analytics.lineage.catalog-url}") String catalogUrl,
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
      @Value("${brain.analytics.lineage.client-id}") String clientId,
      @Value("${brain.analytics.lineage.client-secret}") String clientSecret,
      @Value("${brain.analytics.index-prefix}") String indexPrefix,
      @Value("${brain.analytics.lineage.retry}") Duration retry) {
    this.enabled = enabled;
    this.indexPrefix = indexPrefix;
    this.catalog = new CatalogLineage("analytics lineage", catalogUrl, issuer, clientId,
        enabled ? ClientSecrets.required(clientSecret, "BRAIN_ANALYTICS_CLIENT_SECRET") : "", retry, this::edges);
  }

  /** Every edge the jobs make. */
  List<CatalogLineage.Edge> edges() {
    List<CatalogLineage.Edge> edges = new ArrayList<>();
    INPUTS.forEach((job, topics) -> {
      String node = "job:analytics-" + job;
      for (String topic : topics) {
        edges.add(new CatalogLineage.Edge("topic:" + topic, node, TRANSFORMS.get(job)));
      }
      // the score job writes scores, the others an index named after themselves
      edges.add(new CatalogLineage.Edge(node, "index:" + indexPrefix + (job.equals("score") ? "scores" : job),
          TRANSFORMS.get(job)));
      if (job.equals("genealogy")) {
        edges.add(new CatalogLineage.Edge(node, "index:" + indexPrefix + "attainment", TRANSFORMS.get(job)));
      }
      if (!job.equals("oee") && !job.equals("genealogy")) {
        edges.add(new CatalogLineage.Edge(node, "topic:" + ALERTS_TOPIC, "alerts"));
        edges.add(new CatalogLineage.Edge(node, "index:" + indexPrefix + "alerts", "alerts"));
      }
    });
    return edges;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    if (enabled) {
      catalog.registerSoon();
    }
  }
}
