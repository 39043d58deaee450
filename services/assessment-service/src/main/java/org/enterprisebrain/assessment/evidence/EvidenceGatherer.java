package org.enterprisebrain.assessment.evidence;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;
import org.enterprisebrain.assessment.catalogue.EvidenceRule;
import org.enterprisebrain.assessment.catalogue.RuleSet;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.enterprisebrain.security.OperationRoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates every automatic rule against the live platform, in parallel on a small pool of its own (JDK 17:
 * no virtual threads); the requests behind them are shared (see {@link Observations}). A rule whose service
 * is unavailable is unknown.
 */
public final class EvidenceGatherer {

  private static final Logger LOG = LoggerFactory.getLogger(EvidenceGatherer.class);

  /** The checks this gatherer knows, i.e. the values a rule's {@code check} may take. */
  public static final Set<String> CHECKS = Set.of("datasets", "classification", "data-quality", "lineage", "audit",
      "jobs", "oee-coverage", "bottleneck", "spc", "energy", "carbon", "health", "alerts", "model-deployment",
      "models", "components", "knowledge-graph", "backup", "attack-defence");

  private final PlatformClient platform;
  private final Observations observations;

  private final ExecutorService threads;

  public EvidenceGatherer(PlatformClient platform, Observations observations, int threads) {
    this.platform = platform;
    this.observations = observations;
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "evidence-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public Map<String, RuleResult> gather(String plant, RuleSet rules, Instant now) {
    Observations.Round round = observations.round();
    Map<String, Future<RuleResult>> running = new LinkedHashMap<>();
    try {
      for (EvidenceRule rule : rules.rules().values()) {
        running.put(rule.id(), threads.submit(() -> evaluate(new Reads(round, plant, now), rule)));
      }
      Map<String, RuleResult> results = new LinkedHashMap<>();
      for (Map.Entry<String, Future<RuleResult>> e : running.entrySet()) {
        results.put(e.getKey(), e.getValue().get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while gathering evidence", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("an evidence rule failed", e.getCause());
    }
  }

  private RuleResult evaluate(Reads reads, EvidenceRule rule) {
    try {
      return switch (rule.check()) {
        case "datasets" -> datasets(reads, rule);
        case "classification" -> classification(reads, rule);
        case "data-quality" -> dataQuality(reads, rule);
        case "lineage" -> lineage(reads, rule);
        case "audit" -> audit(reads, rule);
        case "jobs" -> jobs(reads, rule);
        case "oee-coverage" -> oeeCoverage(reads, rule);
        case "bottleneck" -> bottleneck(reads, rule);
        case "spc" -> spc(reads, rule);
        case "energy" -> energy(reads, rule);
        case "carbon" -> carbon(reads, rule);
        case "health" -> health(reads, rule);
        case "alerts" -> alerts(reads, rule);
        case "model-deployment" -> modelDeployment(reads, rule);
        case "models" -> models(reads, rule);
        case "components" -> components(reads, rule);
        case "knowledge-graph" -> knowledgeGraph(reads, rule);
        case "backup" -> backup(reads, rule);
        case "attack-defence" -> attackDefence(reads, rule);
        default -> throw new IllegalArgumentException("unknown check " + rule.check());
      };
    } catch (PlatformClient.Unavailable e) {
      if (!(e.getCause() instanceof CallNotPermittedException)) { // an open breaker was logged when it opened
        LOG.warn("evidence rule {} is unknown: {}", rule.id(), e.getMessage());
      }
      return RuleResult.unknown(rule.id(), e.getMessage());
    }
  }

  /** One evaluation's reads, with the plant and the moment they are about. */
  private final class Reads {
    final Observations.Round round;
    final String plant;
    final Instant now;

    Reads(Observations.Round round, String plant, Instant now) {
      this.round = round;
      this.plant = plant;
      this.now = now;
    }

    JsonNode get(String service, String path) {
      return round.get(service + path, () -> platform.get(service, path));
    }

    /** An analytics read over the last {@code hours} hours of the plant. */
    JsonNode analytics(String path, int hours, String more) {
      // whole minutes: rules with the same window share one request within a minute's evaluations
      Instant to = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
      return get("analytics", path + "?plant=" + enc(plant) + "&from=" + to.minus(hours, ChronoUnit.HOURS)
          + "&to=" + to + more);
    }

    List<JsonNode> datasets() {
      List<JsonNode> mine = new ArrayList<>();
      get("catalog", op("catalog", "listDatasets")).forEach(d -> {
        if (plant.equals(d.path("plant").asString())) {
          mine.add(d);
        }
      });
      return mine;
    }
  }

  private RuleResult datasets(Reads r, EvidenceRule rule) {
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

  private RuleResult classification(Reads r, EvidenceRule rule) {
    int fields = 0;
    int classified = 0;
    Map<String, Integer> unclassified = new LinkedHashMap<>();
    for (JsonNode entity : r.get("catalog", op("catalog", "listEntities"))) {
      String name = entity.path("entity").asString(entity.path("name").asString());
      for (JsonNode f : r.get("catalog", op("catalog", "listFields", name))) {
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
    facts.put("share", round(share));
    facts.put("unclassifiedByEntity", unclassified);
    return RuleResult.of(rule.id(), RuleResult.ratio(share, rule.doubleParam("minShare", 0.95)), facts);
  }

  private RuleResult dataQuality(Reads r, EvidenceRule rule) {
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
        Map.of("datasetsScored", n, "meanQualityScore", round(mean)));
  }

  private RuleResult lineage(Reads r, EvidenceRule rule) {
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
      JsonNode view = r.get("catalog", op("catalog", "getLineage") + "?depth=3&node=" + enc("topic:" + topic));
      view.path("edges").forEach(e -> edges.add(e.path("from").asString() + "→" + e.path("to").asString()));
      traced++;
    }
    return RuleResult.of(rule.id(), RuleResult.ratio(edges.size(), minEdges),
        Map.of("edgesFound", edges.size(), "topicsTraced", traced, "topics", topics.size()));
  }

  private RuleResult audit(Reads r, EvidenceRule rule) {
    Instant since = r.now.minus(rule.intParam("withinHours", 720), ChronoUnit.HOURS);
    int events = 0;
    for (JsonNode e : r.get("catalog", op("catalog", "listAuditEvents") + "?limit=1000")) {
      if (Instant.parse(e.path("at").asString()).isAfter(since)) {
        events++;
      }
    }
    return RuleResult.of(rule.id(), events > 0 ? 1 : 0, Map.of("auditedReads", events));
  }

  private RuleResult jobs(Reads r, EvidenceRule rule) {
    List<String> wanted = rule.listParam("jobs");
    Set<String> running = new TreeSet<>();
    for (JsonNode job : r.get("analytics", op("analytics", "listJobs"))) {
      if ("RUNNING".equals(job.path("state").asString())) {
        running.add(job.path("name").asString());
      }
    }
    List<String> missing = wanted.stream().filter(j -> !running.contains(j)).toList();
    return RuleResult.of(rule.id(), RuleResult.ratio(wanted.size() - missing.size(), wanted.size()),
        Map.of("running", running, "notRunning", missing));
  }

  private RuleResult oeeCoverage(Reads r, EvidenceRule rule) {
    int hours = rule.intParam("withinHours", 24);
    Set<String> withOee = new TreeSet<>();
    r.analytics(op("analytics", "summarizeOee"), hours, "").path("machines").forEach(m -> {
      if (m.hasNonNull("oee")) {
        withOee.add(m.path("equipment").asString());
      }
    });
    // the plant's machines as its telemetry shows them, and every machine that reported production
    Set<String> equipment = new TreeSet<>(withOee);
    r.analytics(op("analytics", "listHealth"), hours, "&size=5000").forEach(w -> equipment.add(w.path("equipment").asString()));
    double share = equipment.isEmpty() ? 0 : (double) withOee.size() / equipment.size();
    Set<String> without = new TreeSet<>(equipment);
    without.removeAll(withOee);
    return RuleResult.of(rule.id(), RuleResult.ratio(share, rule.doubleParam("minShare", 0.8)),
        Map.of("equipment", equipment.size(), "withOee", withOee.size(), "share", round(share), "withoutOee", without));
  }

  private RuleResult bottleneck(Reads r, EvidenceRule rule) {
    Set<String> lines = new TreeSet<>();
    Set<String> withBottleneck = new TreeSet<>();
    for (JsonNode o : r.analytics(op("analytics", "listOee"), rule.intParam("withinHours", 24), "&level=line&size=5000")) {
      String line = o.path("line").asString();
      lines.add(line);
      if (o.hasNonNull("bottleneck")) {
        withBottleneck.add(line);
      }
    }
    return RuleResult.of(rule.id(), lines.isEmpty() ? 0 : (double) withBottleneck.size() / lines.size(),
        Map.of("lines", lines, "withBottleneck", withBottleneck));
  }

  private RuleResult spc(Reads r, EvidenceRule rule) {
    Set<String> characteristics = new TreeSet<>();
    int violations = 0;
    for (JsonNode c : r.analytics(op("analytics", "listCharacteristics"), 24 * 7, "")) {
      characteristics.add(c.path("characteristic").asString());
      violations += c.path("violations").asInt();
    }
    int alerted = 0;
    for (JsonNode a : r.analytics(op("analytics", "listAlerts"), 24 * 7, "&kind=spc-rule&size=5000")) {
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

  private RuleResult energy(Reads r, EvidenceRule rule) {
    JsonNode summary = r.analytics(op("analytics", "summarizeEnergy"), rule.intParam("withinHours", 24), "");
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

  private RuleResult carbon(Reads r, EvidenceRule rule) {
    double co2 = r.analytics(op("analytics", "summarizeEnergy"), rule.intParam("withinHours", 24), "")
        .path("co2Kg").asDouble();
    return RuleResult.of(rule.id(), co2 > 0 ? 1 : 0, Map.of("co2Kg", round(co2)));
  }

  private RuleResult health(Reads r, EvidenceRule rule) {
    Set<String> equipment = new TreeSet<>();
    Set<String> signals = new TreeSet<>();
    r.analytics(op("analytics", "listHealth"), rule.intParam("withinHours", 24), "&size=5000").forEach(w -> {
      equipment.add(w.path("equipment").asString());
      signals.add(w.path("signal").asString());
    });
    return RuleResult.of(rule.id(), RuleResult.ratio(equipment.size(), rule.intParam("minEquipment", 1)),
        Map.of("equipment", equipment.size(), "signals", signals));
  }

  private RuleResult alerts(Reads r, EvidenceRule rule) {
    Map<String, Integer> byKind = new LinkedHashMap<>();
    r.analytics(op("analytics", "listAlerts"), rule.intParam("withinHours", 168), "&size=5000")
        .forEach(a -> byKind.merge(a.path("kind").asString(), 1, Integer::sum));
    return RuleResult.of(rule.id(), byKind.isEmpty() ? 0 : 1, Map.of("alertsByKind", byKind));
  }

  private RuleResult modelDeployment(Reads r, EvidenceRule rule) {
    String entity = rule.params().getOrDefault("entity", "telemetry").toString();
    Set<String> active = new TreeSet<>();
    for (JsonNode d : r.get("registry", op("registry", "listDeployments"))) {
      boolean forPlant = !d.path("plants").isArray() || d.path("plants").isEmpty()
          || d.path("plants").valueStream().anyMatch(p -> p.asString().equals(r.plant) || p.asString().equals("*"));
      if ("active".equals(d.path("status").asString()) && entity.equals(d.path("entity").asString()) && forPlant) {
        active.add(d.path("id").asString());
      }
    }
    Set<String> scoring = new TreeSet<>();
    if (!active.isEmpty()) {
      r.analytics(op("analytics", "listScores"), rule.intParam("withinHours", 24), "&size=500")
          .forEach(s -> scoring.add(s.path("deployment").asString()));
    }
    scoring.retainAll(active);
    // deployed but never scored is a configuration, not yet a capability
    double value = active.isEmpty() ? 0 : scoring.isEmpty() ? 0.5 : 1;
    return RuleResult.of(rule.id(), value, Map.of("activeDeployments", active, "scoring", scoring));
  }

  private RuleResult models(Reads r, EvidenceRule rule) {
    Set<String> champions = new TreeSet<>();
    int models = 0;
    for (JsonNode m : r.get("registry", op("registry", "listModels"))) {
      models++;
      if (m.path("aliases").has("champion")) {
        champions.add(m.path("name").asString());
      }
    }
    return RuleResult.of(rule.id(), RuleResult.ratio(champions.size(), rule.intParam("minModels", 1)),
        Map.of("models", models, "withChampion", champions));
  }

  private RuleResult components(Reads r, EvidenceRule rule) {
    int n = r.get("registry", op("registry", "listComponents")).size();
    return RuleResult.of(rule.id(), RuleResult.ratio(n, rule.intParam("minComponents", 1)), Map.of("components", n));
  }

  private RuleResult knowledgeGraph(Reads r, EvidenceRule rule) {
    Map<String, Integer> byType = new LinkedHashMap<>();
    r.get("registry", op("registry", "exportGraph")).path("nodes")
        .forEach(n -> byType.merge(n.path("type").asString(), 1, Integer::sum));
    double value = 1;
    Map<String, Integer> required = rule.mapParam("types");
    for (Map.Entry<String, Integer> e : required.entrySet()) {
      value = Math.min(value, RuleResult.ratio(byType.getOrDefault(e.getKey(), 0), e.getValue()));
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    required.keySet().forEach(t -> facts.put(t, byType.getOrDefault(t, 0)));
    return RuleResult.of(rule.id(), value, facts);
  }

  private RuleResult backup(Reads r, EvidenceRule rule) {
    List<String> stores = rule.listParam("stores");
    int within = rule.intParam("withinHours", 24);
    // whole minutes, as for analytics: evaluations within a minute share the request
    Instant since = r.now.truncatedTo(ChronoUnit.MINUTES).minus(within, ChronoUnit.HOURS);
    Map<String, String> lastGood = new java.util.TreeMap<>();
    Map<String, Integer> failed = new java.util.TreeMap<>();
    for (JsonNode run : r.get("catalog", op("catalog", "listBackupRuns") + "?kind=backup&limit=1000&since="
        + enc(since.toString()))) {
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
      Instant testedSince = r.now.truncatedTo(ChronoUnit.MINUTES).minus(days, ChronoUnit.DAYS);
      Map<String, String> lastTest = new java.util.TreeMap<>();
      Map<String, Integer> unwitnessed = new java.util.TreeMap<>();
      for (JsonNode run : r.get("catalog", op("catalog", "listBackupRuns") + "?kind=restore-test&limit=100&since="
          + enc(testedSince.toString()))) {
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

  /**
   * 防范网络攻击: the gateway counts what it refuses per source and alerts past thresholds. The capability is the
   * watching of every kind the rule names; the counts and alerts of the last hours are the facts an assessor reads.
   */
  private RuleResult attackDefence(Reads r, EvidenceRule rule) {
    int hours = rule.intParam("withinHours", 24);
    JsonNode events = r.get("gateway", op("gateway", "getSecurityEvents") + "?limit=5&hours=" + hours);
    List<String> kinds = rule.listParam("kinds");
    List<String> watched = events.path("watching").asBoolean(false)
        ? kinds.stream().filter(k -> events.path("thresholds").path(k).asInt(0) > 0).toList() : List.of();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("watching", events.path("watching").asBoolean(false));
    facts.put("notWatched", kinds.stream().filter(k -> !watched.contains(k)).toList());
    Map<String, Long> totals = new java.util.TreeMap<>();
    events.path("totals").properties().forEach(e -> totals.put(e.getKey(), e.getValue().asLong()));
    facts.put("refusedWithinHours", totals);
    facts.put("alertsWithinHours", events.path("alertsTotal").asLong(0));
    List<String> busiest = new ArrayList<>();
    events.path("sources").forEach(s -> busiest.add(s.path("kind").asString() + " " + s.path("address").asString()
        + " " + s.path("client").asString() + " ×" + s.path("count").asLong()));
    facts.put("busiestSources", busiest);
    facts.put("withinHours", hours);
    return RuleResult.of(rule.id(), RuleResult.ratio(watched.size(), kinds.size()), facts);
  }

  /** Where evidence is read: each service's spec (api-specs) gives the path of the operation named, never typed here. */
  private static final Map<String, OperationRoles> SPECS = Map.of("catalog", OperationRoles.load("catalog"),
      "analytics", OperationRoles.load("analytics"), "registry", OperationRoles.load("registry"),
      "gateway", OperationRoles.load("gateway"));

  static String op(String service, String operationId, String... variables) {
    return SPECS.get(service).path(operationId, variables);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
