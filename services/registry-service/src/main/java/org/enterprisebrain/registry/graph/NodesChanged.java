package org.enterprisebrain.registry.graph;

import java.util.List;
import org.enterprisebrain.registry.api.model.GraphNode;

/** Published by the graph store after nodes were written, each as merged (acted on after commit). */
public record NodesChanged(List<GraphNode> nodes) {
}
