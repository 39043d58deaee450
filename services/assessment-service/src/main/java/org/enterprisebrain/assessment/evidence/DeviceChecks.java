package org.enterprisebrain.assessment.evidence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.enterprisebrain.assessment.catalogue.EvidenceRule;
import tools.jackson.databind.JsonNode;

/**
 * Equipment connected through industrial protocols (工业协议转化, 5.4.2.1 a): the connector's live connections of
 * the plant. Records posted to the REST API are no protocol conversion, so they count nothing here.
 */
final class DeviceChecks {

  /** The checks, by the name a rule's {@code check} gives. */
  static final Map<String, EvidenceCheck> CHECKS = Map.ofEntries(
      Map.entry("device-connections", DeviceChecks::deviceConnections));

  private DeviceChecks() {
  }

  /**
   * Connections of the plant that are connected and delivered a value within the window, against the minimum; with
   * {@code entities}, only those mapping a device value to one of them (energy meters: energy-reading).
   */
  private static RuleResult deviceConnections(EvidenceReads r, EvidenceRule rule) {
    int minutes = rule.intParam("withinMinutes", 15);
    int required = rule.intParam("minConnections", 1);
    List<String> entities = rule.listParam("entities");
    Instant since = r.now().minus(minutes, ChronoUnit.MINUTES);
    JsonNode connections = r.get("connectors", EvidenceReads.op("connectors", "listConnections") + "?plant="
        + EvidenceReads.enc(r.plant()));
    List<String> flowing = new java.util.ArrayList<>();
    List<String> silent = new java.util.ArrayList<>();
    TreeSet<String> protocols = new TreeSet<>();
    long tags = 0;
    for (JsonNode c : connections) {
      JsonNode status = c.path("status");
      boolean live = "connected".equals(status.path("state").asString()) && status.hasNonNull("lastValueAt")
          && Instant.parse(status.path("lastValueAt").asString()).isAfter(since);
      if (!entities.isEmpty() && !mapsTo(r, c.path("id").asString(), entities)) {
        continue;
      }
      (live ? flowing : silent).add(c.path("id").asString());
      if (live) {
        protocols.add(c.path("protocol").asString());
        tags += status.path("subscribedTags").asLong();
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("connections", connections.size());
    facts.put("flowing", flowing);
    facts.put("silentOrDisconnected", silent);
    facts.put("protocols", protocols);
    facts.put("monitoredTags", tags);
    facts.put("withinMinutes", minutes);
    if (!entities.isEmpty()) {
      facts.put("entities", entities);
    }
    return RuleResult.of(rule.id(), RuleResult.ratio(flowing.size(), required), facts);
  }

  private static boolean mapsTo(EvidenceReads r, String connection, List<String> entities) {
    for (JsonNode m : r.get("connectors", EvidenceReads.op("connectors", "getMappings", connection))) {
      if (entities.contains(m.path("entity").asString())) {
        return true;
      }
    }
    return false;
  }
}
