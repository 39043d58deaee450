package org.enterprisebrain.registry.graph;

import java.util.List;
import org.enterprisebrain.security.BrainPrincipal;

/**
 * What part of the knowledge graph someone sees and writes: the nodes of the plants they act for, and the shared
 * knowledge (nodes without a plant). The registry's own work (the seed, master data, deployments) sees everything.
 */
public record PlantScope(boolean everyPlant, List<String> plants) {

  public static final PlantScope SYSTEM = new PlantScope(true, List.of());

  public PlantScope {
    plants = List.copyOf(plants);
  }

  public static PlantScope of(BrainPrincipal caller) {
    return new PlantScope(caller.plants().contains(BrainPrincipal.ANY), List.copyOf(caller.plants()));
  }

  public boolean sees(String plant) {
    return plant == null || everyPlant || plants.contains(plant);
  }

  /** The SQL condition on a graph_node alias that holds for what this scope sees; binds {@link #params()}. */
  static String visible(String alias) {
    return "(" + alias + ".plant is null or ? or " + alias + ".plant = any(?))";
  }

  Object[] params() {
    return new Object[] {everyPlant, plants.toArray(String[]::new)};
  }
}
