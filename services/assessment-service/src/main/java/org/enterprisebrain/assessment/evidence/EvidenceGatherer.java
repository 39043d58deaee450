package org.enterprisebrain.assessment.evidence;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;
import org.enterprisebrain.assessment.catalogue.EvidenceRule;
import org.enterprisebrain.assessment.catalogue.RuleSet;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every automatic rule against the live platform, in parallel on a small pool of its own (JDK 17:
 * no virtual threads); the requests behind them are shared (see {@link Observations}). A rule whose service
 * is unavailable is unknown.
 */
public final class EvidenceGatherer {

  private static final Logger LOG = LoggerFactory.getLogger(EvidenceGatherer.class);

  /** Every check by the name a rule's {@code check} gives, from the groups that define them. */
  private static final Map<String, EvidenceCheck> REGISTRY = registry(DataChecks.CHECKS, AnalyticsChecks.CHECKS,
      ModelChecks.CHECKS, SecurityChecks.CHECKS, DeviceChecks.CHECKS);

  /** The checks this gatherer knows, i.e. the values a rule's {@code check} may take. */
  public static final Set<String> CHECKS = REGISTRY.keySet();

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
        running.put(rule.id(), threads.submit(() -> evaluate(new EvidenceReads(round, platform, plant, now), rule)));
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

  private RuleResult evaluate(EvidenceReads reads, EvidenceRule rule) {
    EvidenceCheck check = REGISTRY.get(rule.check());
    if (check == null) {
      throw new IllegalArgumentException("unknown check " + rule.check());
    }
    try {
      return check.evaluate(reads, rule);
    } catch (PlatformClient.Unavailable e) {
      if (!(e.getCause() instanceof CallNotPermittedException)) { // an open breaker was logged when it opened
        LOG.warn("evidence rule {} is unknown: {}", rule.id(), e.getMessage());
      }
      return RuleResult.unknown(rule.id(), e.getMessage());
    }
  }

  @SafeVarargs
  private static Map<String, EvidenceCheck> registry(Map<String, EvidenceCheck>... groups) {
    Map<String, EvidenceCheck> all = new java.util.TreeMap<>();
    for (Map<String, EvidenceCheck> group : groups) {
      group.forEach((name, check) -> {
        if (all.put(name, check) != null) {
          throw new IllegalStateException("two evidence checks are named " + name);
        }
      });
    }
    return java.util.Collections.unmodifiableMap(all);
  }
}
