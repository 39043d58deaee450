package org.enterprisebrain.assessment.evidence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * What the platform's APIs answered, by request, shared by every rule of one evaluation (each request is made
 * once even when many rules read it) and kept for a short time across evaluations, so a dashboard refreshed by
 * several managers does not multiply the load on the services it reads.
 */
public final class Observations {

  private record Kept(Instant at, JsonNode value) {
  }

  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  public Observations(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * One evaluation's view: each key fetched at most once, answers younger than the TTL reused. Older answers
   * are dropped first: analytics keys carry their minute window, so kept answers would otherwise pile up.
   */
  public Round round() {
    Instant now = clock.instant();
    kept.values().removeIf(k -> !k.at().plus(ttl).isAfter(now));
    return new Round();
  }

  public final class Round {
    private final Map<String, CompletableFuture<JsonNode>> fetched = new ConcurrentHashMap<>();

    /** @throws PlatformClient.Unavailable when the answer could not be had */
    public JsonNode get(String key, Supplier<JsonNode> fetch) {
      CompletableFuture<JsonNode> mine = new CompletableFuture<>();
      CompletableFuture<JsonNode> first = fetched.putIfAbsent(key, mine);
      if (first == null) {
        try {
          mine.complete(fresh(key, fetch));
        } catch (RuntimeException e) {
          mine.completeExceptionally(e);
        }
        first = mine;
      }
      try {
        return first.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }

    private JsonNode fresh(String key, Supplier<JsonNode> fetch) {
      Instant now = clock.instant();
      Kept k = kept.get(key);
      if (k != null && k.at().plus(ttl).isAfter(now)) {
        return k.value();
      }
      JsonNode value = fetch.get();
      kept.put(key, new Kept(now, value));
      return value;
    }
  }

  /** How many answers are kept (for the test that none piles up). */
  int keptAnswers() {
    return kept.size();
  }

  /** Forgets every kept answer: the next evaluation reads the platform afresh. */
  public void clear() {
    kept.clear();
  }
}
