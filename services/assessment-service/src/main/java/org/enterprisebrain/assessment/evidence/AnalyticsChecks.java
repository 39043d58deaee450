package org.enterprisebrain.assessment.evidence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.enterprisebrain.assessment.catalogue.EvidenceRule;
import tools.jackson.databind.JsonNode;

/**
 * The analytics' evidence: jobs running, OEE and its bottlenecks, SPC, energy and carbon, equipment health and
 * alerts, read from analytics-service.
 */
final class AnalyticsChecks {

  /** The checks, by the name a rule's {@code check} gives. */
  static final Map<String, EvidenceCheck> CHECKS = Map.ofEntries(
      Map.entry("jobs", AnalyticsChecks::jobs),
      Map.entry("oee-coverage", AnalyticsChecks::oeeCoverage),
      Map.entry("bottleneck", AnalyticsChecks::bottleneck),
      Map.entry("spc", AnalyticsChecks::spc),
      Map.entry("energy", AnalyticsChecks::energy),
      Map.entry("carbon", AnalyticsChecks::carbon),
      Map.entry("health", AnalyticsChecks::health),
      Map.entry("alerts", AnalyticsChecks::alerts),
      Map.entry("genealogy", AnalyticsChecks::genealogy),
      Map.entry("attainment", AnalyticsChecks::attainment));

  private AnalyticsChecks() {
  }

  private static RuleResult jobs(EvidenceReads r, EvidenceRule rule) {
    List<String> wanted = rule.listParam("jobs");
    Set<String> running = new TreeSet<>();
    for (JsonNode job : r.get("analytics", EvidenceReads.op("analytics", "listJobs"))) {
      if ("RUNNING".equals(job.path("state").asString())) {
        running.add(job.path("name").asString());
      }
    }
    List<String> missing = wanted.stream().filter(j -> !running.contains(j)).toList();
    return RuleResult.of(rule.id(), RuleResult.ratio(wanted.size() - missing.size(), wanted.size()),
        Map.of("running", running, "notRunning", missing));
  }

  /**
   * Traceability shown by answering traces: of the plant's newest shipped lots, the share whose backward trace
   * reaches where its material came from (a supplier or a purchase order).
   */
  private static RuleResult genealogy(EvidenceReads r, EvidenceRule rule) {
    Set<String> lots = new TreeSet<>();
    r.get("catalog", EvidenceReads.op("catalog", "queryRecords", "shipment") + "?plant=" + EvidenceReads.enc(r.plant())
        + "&limit=" + rule.intParam("sample", 20)).path("records").forEach(s -> s.path("payload").path("lines")
        .forEach(l -> {
          if (l.hasNonNull("lot")) {
            lots.add(l.path("lot").asString());
          }
        }));
    Set<String> traced = new TreeSet<>();
    for (String lot : lots) {
      JsonNode trace = r.get("analytics", EvidenceReads.op("analytics", "traceGenealogy") + "?plant="
          + EvidenceReads.enc(r.plant()) + "&id=" + EvidenceReads.enc(lot) + "&depth=20");
      if (trace.path("nodes").valueStream().anyMatch(n -> Set.of("supplier", "purchase-order")
          .contains(n.path("kind").asString()))) {
        traced.add(lot);
      }
    }
    double share = lots.isEmpty() ? 0 : (double) traced.size() / lots.size();
    Set<String> untraced = new TreeSet<>(lots);
    untraced.removeAll(traced);
    return RuleResult.of(rule.id(), RuleResult.ratio(share, rule.doubleParam("minShare", 0.8)),
        Map.of("shippedLots", lots.size(), "tracedToSupplier", traced, "untraced", untraced,
            "share", EvidenceReads.round(share)));
  }

  /** Plans tracked against actuals: line-days with an attainment, and the orders behind them. */
  private static RuleResult attainment(EvidenceReads r, EvidenceRule rule) {
    // orders due in the hours around now: tracking a plan means the orders still running too
    java.time.Instant now = r.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    int hours = rule.intParam("withinHours", 48);
    JsonNode attainment = r.get("analytics", EvidenceReads.op("analytics", "getAttainment") + "?plant="
        + EvidenceReads.enc(r.plant()) + "&from=" + now.minusSeconds(3600L * hours) + "&to="
        + now.plusSeconds(3600L * hours) + "&size=1");
    List<String> lineDays = attainment.path("days").valueStream().filter(d -> d.hasNonNull("attainment"))
        .map(d -> d.path("line").asString() + " " + d.path("day").asString() + ": "
            + d.path("attainment").asDouble()).toList();
    int orders = attainment.path("days").valueStream().mapToInt(d -> d.path("orders").asInt()).sum();
    return RuleResult.of(rule.id(), RuleResult.ratio(lineDays.size(), rule.intParam("minLineDays", 1)),
        Map.of("lineDays", lineDays, "plannedOrders", orders));
  }

  private static RuleResult oeeCoverage(EvidenceReads r, EvidenceRule rule) {
    int hours = rule.intParam("withinHours", 24);
    Set<String> withOee = new TreeSet<>();
    r.analytics(EvidenceReads.op("analytics", "summarizeOee"), hours, "").path("machines").forEach(m -> {
      if (m.hasNonNull("oee")) {
        withOee.add(m.path("equipment").asString());
      }
    });
    // the plant's machines as its telemetry shows them, and every machine that reported production
    Set<String> equipment = new TreeSet<>(withOee);
    r.analytics(EvidenceReads.op("analytics", "listHealth"), hours, "&size=5000").forEach(w -> equipment.add(w.path("equipment").asString()));
    double share = equipment.isEmpty() ? 0 : (double) withOee.size() / equipment.size();
    Set<String> without = new TreeSet<>(equipment);
    without.removeAll(withOee);
    return RuleResult.of(rule.id(), RuleResult.ratio(share, rule.doubleParam("minShare", 0.8)),
        Map.of("equipment", equipment.size(), "withOee", withOee.size(), "share", EvidenceReads.round(share), "withoutOee", without));
  }

  private static RuleResult bottleneck(EvidenceReads r, EvidenceRule rule) {
    Set<String> lines = new TreeSet<>();
    Set<String> withBottleneck = new TreeSet<>();
    for (JsonNode o : r.analytics(EvidenceReads.op("analytics", "listOee"), rule.intParam("withinHours", 24), "&level=line&size=5000")) {
      String line = o.path("line").asString();
      lines.add(line);
      if (o.hasNonNull("bottleneck")) {
        withBottleneck.add(line);
      }
    }
    return RuleResult.of(rule.id(), lines.isEmpty() ? 0 : (double) withBottleneck.size() / lines.size(),
        Map.of("lines", lines, "withBottleneck", withBottleneck));
  }

  private static RuleResult spc(EvidenceReads r, EvidenceRule rule) {
    Set<String> characteristics = new TreeSet<>();
    int violations = 0;
    for (JsonNode c : r.analytics(EvidenceReads.op("analytics", "listCharacteristics"), 24 * 7, "")) {
      characteristics.add(c.path("characteristic").asString());
      violations += c.path("violations").asInt();
    }
    int alerted = 0;
    for (JsonNode a : r.analytics(EvidenceReads.op("analytics", "listAlerts"), 24 * 7, "&kind=spc-rule&size=5000")) {
      alerted++;
    }
    // violations without a single alert mean the rules are not watched: half credit at most
    double value = RuleResult.ratio(characteristics.size(), rule.intParam("minCharacteristics", 1));
    if (violations > 0 && alerted == 0) {
      value = Math.min(value, 0.5);
    }
    return RuleResult.of(rule.id(), value, Map.of("characteristics", characteristics, "violations7d", violations,
        "spcAlerts7d", alerted));
  }

  private static RuleResult energy(EvidenceReads r, EvidenceRule rule) {
    JsonNode summary = r.analytics(EvidenceReads.op("analytics", "summarizeEnergy"), rule.intParam("withinHours", 24), "");
    Set<String> media = new TreeSet<>();
    summary.path("media").forEach(m -> {
      if (m.path("consumption").asDouble() > 0) {
        media.add(m.path("medium").asString());
      }
    });
    boolean perUnit = summary.hasNonNull("kwhPerGoodUnit");
    double value = RuleResult.ratio(media.size(), rule.intParam("minMedia", 1)) * (perUnit ? 1 : 0.8);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("media", media);
    facts.put("kwhPerGoodUnit", perUnit ? summary.path("kwhPerGoodUnit").asDouble() : null);
    return RuleResult.of(rule.id(), value, facts);
  }

  private static RuleResult carbon(EvidenceReads r, EvidenceRule rule) {
    double co2 = r.analytics(EvidenceReads.op("analytics", "summarizeEnergy"), rule.intParam("withinHours", 24), "")
        .path("co2Kg").asDouble();
    return RuleResult.of(rule.id(), co2 > 0 ? 1 : 0, Map.of("co2Kg", EvidenceReads.round(co2)));
  }

  private static RuleResult health(EvidenceReads r, EvidenceRule rule) {
    Set<String> equipment = new TreeSet<>();
    Set<String> signals = new TreeSet<>();
    r.analytics(EvidenceReads.op("analytics", "listHealth"), rule.intParam("withinHours", 24), "&size=5000").forEach(w -> {
      equipment.add(w.path("equipment").asString());
      signals.add(w.path("signal").asString());
    });
    return RuleResult.of(rule.id(), RuleResult.ratio(equipment.size(), rule.intParam("minEquipment", 1)),
        Map.of("equipment", equipment.size(), "signals", signals));
  }

  private static RuleResult alerts(EvidenceReads r, EvidenceRule rule) {
    Map<String, Integer> byKind = new LinkedHashMap<>();
    r.analytics(EvidenceReads.op("analytics", "listAlerts"), rule.intParam("withinHours", 168), "&size=5000")
        .forEach(a -> byKind.merge(a.path("kind").asString(), 1, Integer::sum));
    return RuleResult.of(rule.id(), byKind.isEmpty() ? 0 : 1, Map.of("alertsByKind", byKind));
  }
}
