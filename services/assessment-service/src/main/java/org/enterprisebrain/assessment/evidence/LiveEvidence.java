package org.enterprisebrain.assessment.evidence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest evidence of each plant, gathered again in the background, so that an evaluation scores what the
 * platform showed at most {@code maxAge} ago instead of waiting for every service it reads (a cold gathering
 * reads ~20 endpoints, some of them 24 h aggregations: most of a second on a busy node). Evidence older than
 * {@code maxAge}, or of a plant nobody asked about yet, is gathered while the request waits; so is evidence with
 * unknown rules (a service was down or still starting: each request tries again, the breakers keep that cheap).
 *
 * <p>Plants are refreshed while someone asks about them (within {@code watch}); only the first request for a
 * plant waits. Nothing is gathered before anyone asks: at start the services it reads may still be starting
 * themselves, and failed reads then would open their circuit breakers for everyone.
 */
public final class LiveEvidence {

  private static final Logger LOG = LoggerFactory.getLogger(LiveEvidence.class);

  /** The rule results of one plant, when they were gathered and how long gathering took. */
  public record Gathered(Map<String, RuleResult> results, Instant at, long ms) {
    /** Every rule answered (none unknown because a service was down or starting). */
    boolean complete() {
      return results.values().stream().allMatch(RuleResult::known);
    }
  }

  private final BiFunction<String, Instant, Map<String, RuleResult>> gather;
  private final Clock clock;
  private final Duration maxAge;
  private final Duration watch;
  private final Map<String, Gathered> latest = new ConcurrentHashMap<>();
  private final Map<String, Instant> asked = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  /**
   * @param gather reads the platform for a plant at a moment (the rules' results by rule id)
   * @param maxAge evidence older than this is gathered anew while the caller waits ({@code 0}: always)
   * @param watch a plant is refreshed in the background for this long after it was last asked about
   */
  public LiveEvidence(BiFunction<String, Instant, Map<String, RuleResult>> gather, Clock clock, Duration maxAge,
      Duration watch) {
    this.gather = gather;
    this.clock = clock;
    this.maxAge = maxAge;
    this.watch = watch;
  }

  /** The plant's evidence, gathered now unless the latest is younger than {@code maxAge}. */
  public Gathered current(String plant) {
    Instant now = clock.instant();
    asked.put(plant, now);
    Gathered g = latest.get(plant);
    if (fresh(g, now)) {
      return g;
    }
    synchronized (locks.computeIfAbsent(plant, p -> new Object())) {
      // another request for the same plant may have gathered while this one waited for the lock
      g = latest.get(plant);
      return fresh(g, clock.instant()) ? g : gatherNow(plant);
    }
  }

  /**
   * Gathers again every plant asked about within {@code watch}; forgets the others.
   * Returns the plants refreshed. A plant whose gathering fails keeps its last evidence, which ages out after
   * {@code maxAge} (then its requests gather themselves and see the failure).
   */
  public List<String> refresh() {
    Instant now = clock.instant();
    asked.entrySet().removeIf(e -> e.getValue().plus(watch).isBefore(now));
    latest.keySet().removeIf(p -> !asked.containsKey(p));
    List<String> plants = asked.keySet().stream().sorted().toList();
    for (String plant : plants) {
      try {
        synchronized (locks.computeIfAbsent(plant, p -> new Object())) {
          gatherNow(plant);
        }
      } catch (RuntimeException e) {
        LOG.error("evidence of plant {} could not be refreshed; its last evidence ({}) stays in use", plant,
            latest.containsKey(plant) ? latest.get(plant).at() : "none", e);
      }
    }
    return plants;
  }

  private boolean fresh(Gathered g, Instant now) {
    return g != null && g.complete() && g.at().plus(maxAge).isAfter(now);
  }

  private Gathered gatherNow(String plant) {
    long t0 = System.nanoTime();
    Instant at = clock.instant();
    Gathered g = new Gathered(gather.apply(plant, at), at, (System.nanoTime() - t0) / 1_000_000);
    latest.put(plant, g);
    return g;
  }
}
