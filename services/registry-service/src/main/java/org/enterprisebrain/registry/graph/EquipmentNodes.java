package org.enterprisebrain.registry.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.enterprisebrain.registry.api.model.GraphEdge;
import org.enterprisebrain.registry.api.model.GraphNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Equipment master data, as ingested, becomes the graph's equipment nodes: one node per equipment record
 * (site, area, line, workcell, machine: the ISA-95 hierarchy) and a part-of edge to its parent, so failure
 * knowledge can be attached to the machines the plant actually has. Each node belongs to the record's plant.
 */
@Component
public class EquipmentNodes {

  private static final Logger LOG = LoggerFactory.getLogger(EquipmentNodes.class);

  private final GraphStore graph;
  private final JsonMapper json;

  public EquipmentNodes(GraphStore graph, JsonMapper json) {
    this.graph = graph;
    this.json = json;
  }

  @KafkaListener(topics = "${brain.registry.equipment-topic}",
      groupId = "${brain.registry.group}")
  public void onEquipment(List<ConsumerRecord<String, byte[]>> records) {
    Map<String, GraphNode> nodes = new LinkedHashMap<>();
    Map<String, GraphNode> parents = new LinkedHashMap<>();
    List<GraphEdge> edges = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      JsonNode record;
      try {
        record = json.readTree(r.value());
      } catch (RuntimeException e) {
        LOG.warn("equipment record at offset {} is not JSON: skipped", r.offset()); // ingestion validated it: a stray producer
        continue;
      }
      JsonNode p = record.path("payload");
      String plant = record.path("plant").asText("");
      String id = p.path("equipmentId").asText("");
      String parentId = p.path("parent").asText("");
      if (plant.isBlank() || id.isBlank() || !usable(plant) || !usable(id) || !usable(parentId)) {
        LOG.warn("equipment '{}' (plant '{}', parent '{}') at offset {} cannot be a graph node id: skipped", id, plant,
            parentId, r.offset());
        continue;
      }
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("equipmentId", id);
      for (String field : List.of("level", "type", "manufacturer", "model", "line", "area", "status")) {
        if (p.hasNonNull(field)) {
          properties.put(field, p.get(field).asText());
        }
      }
      String name = p.path("name").asText("");
      String node = nodeId(plant, id);
      nodes.put(node, new GraphNode(node, GraphNode.TypeEnum.EQUIPMENT, name.isBlank() ? id : name).plant(plant)
          .properties(properties));
      if (!parentId.isEmpty()) {
        String parent = nodeId(plant, parentId);
        parents.putIfAbsent(parent, new GraphNode(parent, GraphNode.TypeEnum.EQUIPMENT, parentId).plant(plant)
            .properties(Map.of("equipmentId", parentId)));
        edges.add(new GraphEdge(node, GraphEdge.TypeEnum.PART_OF, parent).weight(1d));
      }
    }
    // a parent known only by reference gets a placeholder, which its own record (in any order) replaces
    parents.keySet().removeAll(nodes.keySet());
    parents.keySet().removeIf(id -> graph.node(id, PlantScope.SYSTEM).isPresent());
    List<GraphNode> all = new ArrayList<>(parents.values());
    all.addAll(nodes.values());
    graph.write(all, edges.stream().distinct().toList(), PlantScope.SYSTEM);
  }

  /** A machine of the master data: two plants' CNC-A01 are two nodes. */
  public static String nodeId(String plant, String equipmentId) {
    return "equipment:" + plant + ":" + equipmentId;
  }

  /** What GraphStore takes as part of a node id (ids are path segments of the API). */
  private static boolean usable(String id) {
    return !id.contains("/") && !id.contains("?") && !id.contains("#");
  }
}
