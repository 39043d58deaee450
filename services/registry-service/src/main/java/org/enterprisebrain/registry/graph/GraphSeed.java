package org.enterprisebrain.registry.graph;

import java.io.IOException;
import java.io.InputStream;
import org.enterprisebrain.registry.api.model.Subgraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports a knowledge graph file at start ({@code BRAIN_REGISTRY_SEED_GRAPH}): {@code brain up} seeds the
 * demo plant's failure knowledge this way. Nodes and edges are upserted, so restarts change nothing.
 */
@Component
public class GraphSeed {

  private static final Logger LOG = LoggerFactory.getLogger(GraphSeed.class);

  private final GraphStore graph;
  private final JsonMapper json;
  private final ResourceLoader resources;
  private final String location;

  public GraphSeed(GraphStore graph, JsonMapper json, ResourceLoader resources,
      @Value("${brain.registry.seed-graph:}") String location) {
    this.graph = graph;
    this.json = json;
    this.resources = resources;
    this.location = location;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void seed() throws IOException {
    if (location.isBlank()) {
      return;
    }
    try (InputStream in = resources.getResource(location).getInputStream()) {
      Subgraph g = json.readValue(in, Subgraph.class);
      graph.write(g.getNodes(), g.getEdges(), PlantScope.SYSTEM);
      LOG.info("knowledge graph seeded from {}: {} nodes, {} edges", location, g.getNodes().size(), g.getEdges().size());
    }
  }
}
