package org.enterprisebrain.assessment.evidence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.enterprisebrain.assessment.catalogue.EvidenceRule;
import tools.jackson.databind.JsonNode;

/**
 * The data foundation's evidence (数据底座): datasets arriving, classified fields, quality, lineage, audit and backups,
 * read from the catalog.
 */
final class DataChecks {

  /** The checks, by the name a rule's {@code check} gives. */
  static final Map<String, EvidenceCheck> CHECKS = Map.ofEntries(
      Map.entry("datasets", DataChecks::datasets),
      Map.entry("classification", DataChecks::classification),
      Map.entry("data-quality", DataChecks::dataQuality),
      Map.entry("lineage", DataChecks::lineage),
      Map.entry("audit", DataChecks::audit),
      Map.entry("backup", DataChecks::backup));

  private DataChecks() {
  }

  private static RuleResult datasets(EvidenceReads r, EvidenceRule rule) {
    List<String> entities = rule.listParam("entities");
    int within = rule.intParam("withinHours", 24);
    Set<String> sources = new TreeSet<>();
    Set<String> seen = new TreeSet<>();
    for (JsonNode d : r.datasets()) {
      String entity = d.path("entity").asString();
      boolean fresh = d.hasNonNull("freshnessSeconds") && d.path("freshnessSeconds").asLong() <= within * 3600L;
      if (fresh && (entities.isEmpty() || entities.contains(entity))) {
        sources.add(d.path("sourceSystem").asString());
        seen.add(entity);
      }
    }
    int minSources = rule.intParam("minSources", 1);
    int minEntities = rule.intParam("minEntities", entities.isEmpty() ? 1 : entities.size());
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("sources", sources);
    facts.put("entities", seen);
    if (!entities.isEmpty()) {
      List<String> missing = new ArrayList<>(entities);
      missing.removeAll(seen);
      facts.put("missingEntities", missing);
    }
    facts.put("withinHours", within);
    return RuleResult.of(rule.id(), Math.min(RuleResult.ratio(sources.size(), minSources),
        RuleResult.ratio(seen.size(), minEntities)), facts);
  }

  private static RuleResult classification(EvidenceReads r, EvidenceRule rule) {
    int fields = 0;
    int classified = 0;
    Map<String, Integer> unclassified = new LinkedHashMap<>();
    for (JsonNode entity : r.get("catalog", EvidenceReads.op("catalog", "listEntities"))) {
      String name = entity.path("entity").asString(entity.path("name").asString());
      for (JsonNode f : r.get("catalog", EvidenceReads.op("catalog", "listFields", name))) {
        fields++;
        // a suggested label is the recogniser's guess: a field counts once the standard or an owner classified it
        boolean done = "standard".equals(f.path("origin").asString())
            || "confirmed".equalsIgnoreCase(f.path("state").asString());
        if (done) {
          classified++;
        } else {
          unclassified.merge(name, 1, Integer::sum);
        }
      }
    }
    double share = fields == 0 ? 0 : (double) classified / fields;
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("fields", fields);
    facts.put("classified", classified);
    facts.put("share", EvidenceReads.round(share));
    facts.put("unclassifiedByEntity", unclassified);
    return RuleResult.of(rule.id(), RuleResult.ratio(share, rule.doubleParam("minShare", 0.95)), facts);
  }

  private static RuleResult dataQuality(EvidenceReads r, EvidenceRule rule) {
    double sum = 0;
    int n = 0;
    for (JsonNode d : r.datasets()) {
      if (d.hasNonNull("qualityScore")) {
        sum += d.path("qualityScore").asDouble();
        n++;
      }
    }
    double mean = n == 0 ? 0 : sum / n;
    return RuleResult.of(rule.id(), n == 0 ? 0 : RuleResult.ratio(mean, rule.doubleParam("minScore", 0.9)),
        Map.of("datasetsScored", n, "meanQualityScore", EvidenceReads.round(mean)));
  }

  private static RuleResult lineage(EvidenceReads r, EvidenceRule rule) {
    Set<String> topics = new TreeSet<>();
    r.datasets().forEach(d -> topics.add(d.path("topic").asString()));
    Set<String> edges = new HashSet<>();
    int minEdges = rule.intParam("minEdges", 1);
    int traced = 0;
    // one read per topic, in turn: stop as soon as the rule is met (a cold evaluation read all 18 before)
    for (String topic : topics) {
      if (edges.size() >= minEdges) {
        break;
      }
      JsonNode view = r.get("catalog", EvidenceReads.op("catalog", "getLineage") + "?depth=3&node=" + EvidenceReads.enc("topic:" + topic));
      view.path("edges").forEach(e -> edges.add(e.path("from").asString() + "→" + e.path("to").asString()));
      traced++;
    }
    return RuleResult.of(rule.id(), RuleResult.ratio(edges.size(), minEdges),
        Map.of("edgesFound", edges.size(), "topicsTraced", traced, "topics", topics.size()));
  }

  private static RuleResult audit(EvidenceReads r, EvidenceRule rule) {
    Instant since = r.now().minus(rule.intParam("withinHours", 720), ChronoUnit.HOURS);
    int events = 0;
    for (JsonNode e : r.get("catalog", EvidenceReads.op("catalog", "listAuditEvents") + "?limit=1000")) {
      if (Instant.parse(e.path("at").asString()).isAfter(since)) {
        events++;
      }
    }
    return RuleResult.of(rule.id(), events > 0 ? 1 : 0, Map.of("auditedReads", events));
  }

  private static RuleResult backup(EvidenceReads r, EvidenceRule rule) {
    List<String> stores = rule.listParam("stores");
    int within = rule.intParam("withinHours", 24);
    // whole minutes, as for analytics: evaluations within a minute share the request
    Instant since = r.now().truncatedTo(ChronoUnit.MINUTES).minus(within, ChronoUnit.HOURS);
    Map<String, String> lastGood = new java.util.TreeMap<>();
    Map<String, Integer> failed = new java.util.TreeMap<>();
    for (JsonNode run : backupRuns(r, "backup", 1000, since)) {
      String store = run.path("store").asString();
      if ("succeeded".equals(run.path("status").asString())) {
        lastGood.putIfAbsent(store, run.path("finishedAt").asString()); // newest first
      } else {
        failed.merge(store, 1, Integer::sum);
      }
    }
    List<String> missing = stores.stream().filter(s -> !lastGood.containsKey(s)).toList();
    double value = RuleResult.ratio(stores.size() - missing.size(), stores.size());
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("lastSucceeded", lastGood);
    facts.put("failedRuns", failed);
    facts.put("withoutBackup", missing);
    facts.put("withinHours", within);
    // a backup never restored is a hope: without a recent successful restore test, half credit at most
    List<String> tested = rule.listParam("restoreTested");
    if (!tested.isEmpty()) {
      int days = rule.intParam("restoreTestWithinDays", 30);
      Instant testedSince = r.now().truncatedTo(ChronoUnit.MINUTES).minus(days, ChronoUnit.DAYS);
      Map<String, String> lastTest = new java.util.TreeMap<>();
      Map<String, Integer> unwitnessed = new java.util.TreeMap<>();
      for (JsonNode run : backupRuns(r, "restore-test", 100, testedSince)) {
        // four eyes: a drill counts once somebody other than its reporter witnessed it
        if (!"succeeded".equals(run.path("status").asString())) {
          continue;
        }
        if (run.path("witnessedBy").asString("").isEmpty()) {
          unwitnessed.merge(run.path("store").asString(), 1, Integer::sum);
        } else {
          lastTest.putIfAbsent(run.path("store").asString(), run.path("finishedAt").asString());
        }
      }
      List<String> untested = tested.stream().filter(s -> !lastTest.containsKey(s)).toList();
      facts.put("lastRestoreTest", lastTest);
      facts.put("unwitnessedRestoreTests", unwitnessed);
      facts.put("withoutRestoreTest", untested);
      facts.put("restoreTestWithinDays", days);
      if (!untested.isEmpty()) {
        value = Math.min(value, 0.5);
      }
    }
    return RuleResult.of(rule.id(), value, facts);
  }

  /** The catalog's runs of one kind since a moment, newest first. */
  private static JsonNode backupRuns(EvidenceReads r, String kind, int limit, Instant since) {
    return r.get("catalog", EvidenceReads.op("catalog", "listBackupRuns") + "?kind=" + kind + "&limit=" + limit
        + "&since=" + EvidenceReads.enc(since.toString()));
  }
}
