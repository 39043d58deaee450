package org.enterprisebrain.assessment.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.enterprisebrain.assessment.evidence.ObservationsTest.Hand;
import org.junit.jupiter.api.Test;

class LiveEvidenceTest {

  private final Hand clock = new Hand();
  private final List<String> gathered = new ArrayList<>();
  private final AtomicBoolean down = new AtomicBoolean();

  /** Each plant's one rule says when it was gathered, so a test can tell which gathering it sees. */
  private Map<String, RuleResult> gather(String plant, Instant at) {
    if (down.get()) {
      throw new IllegalStateException("an evidence rule failed");
    }
    synchronized (gathered) {
      gathered.add(plant);
    }
    return Map.of("r", RuleResult.of("r", 1, Map.of("at", at.toString())));
  }

  private LiveEvidence live(Duration maxAge) {
    return new LiveEvidence(this::gather, clock, maxAge, Duration.ofMinutes(15));
  }

  @Test
  void anEvaluationUsesTheLatestEvidenceWhileItIsYoungerThanTheMaximumAge() {
    LiveEvidence live = live(Duration.ofSeconds(60));
    LiveEvidence.Gathered first = live.current("hz-01");
    assertThat(first.at()).isEqualTo(clock.now);
    clock.now = clock.now.plusSeconds(59);
    assertThat(live.current("hz-01")).isSameAs(first);
    clock.now = clock.now.plusSeconds(1);
    LiveEvidence.Gathered second = live.current("hz-01");
    assertThat(second.at()).isEqualTo(clock.now);
    assertThat(gathered).containsExactly("hz-01", "hz-01");
  }

  @Test
  void evidenceWithUnknownRulesIsGatheredAgainByTheNextRequest() {
    java.util.concurrent.atomic.AtomicBoolean starting = new java.util.concurrent.atomic.AtomicBoolean(true);
    LiveEvidence live = new LiveEvidence((plant, at) -> {
      gathered.add(plant);
      return starting.get() ? Map.of("r", RuleResult.unknown("r", "catalog did not answer"))
          : Map.of("r", RuleResult.of("r", 1, Map.of()));
    }, clock, Duration.ofSeconds(60), Duration.ofMinutes(15));
    assertThat(live.current("hz-01").results().get("r").known()).isFalse();
    assertThat(live.current("hz-01").results().get("r").known()).isFalse();
    starting.set(false);
    LiveEvidence.Gathered known = live.current("hz-01");
    assertThat(known.results().get("r").known()).isTrue();
    assertThat(live.current("hz-01")).isSameAs(known);
    assertThat(gathered).hasSize(3);
  }

  @Test
  void aMaximumAgeOfZeroGathersForEveryEvaluation() {
    LiveEvidence live = live(Duration.ZERO);
    live.current("hz-01");
    live.current("hz-01");
    assertThat(gathered).hasSize(2);
  }

  @Test
  void refreshKeepsRecentlyAskedPlantsFreshAndForgetsTheRest() {
    LiveEvidence live = live(Duration.ofSeconds(60));
    assertThat(live.refresh()).as("nothing gathered before anyone asks").isEmpty();
    assertThat(gathered).isEmpty();
    live.current("hz-01");
    clock.now = clock.now.plusSeconds(10);
    live.current("nb-02");
    clock.now = clock.now.plusSeconds(20);
    assertThat(live.refresh()).containsExactly("hz-01", "nb-02");
    gathered.clear();
    clock.now = clock.now.plusSeconds(45); // the first gatherings are 75 and 65 s old, the refreshed ones 45 s
    assertThat(live.current("hz-01").at()).isEqualTo(clock.now.minusSeconds(45));
    assertThat(live.current("nb-02").at()).isEqualTo(clock.now.minusSeconds(45));
    assertThat(gathered).isEmpty();

    clock.now = clock.now.plus(Duration.ofMinutes(14));
    live.current("hz-01");
    clock.now = clock.now.plus(Duration.ofMinutes(2)); // nb-02 not asked about for longer than the watch
    assertThat(live.refresh()).containsExactly("hz-01");
  }

  @Test
  void aFailedRefreshKeepsTheLastEvidenceUntilItAgesOutThenTheRequestSeesTheFailure() {
    LiveEvidence live = live(Duration.ofSeconds(60));
    LiveEvidence.Gathered ok = live.current("hz-01");
    down.set(true);
    clock.now = clock.now.plusSeconds(20);
    assertThat(live.refresh()).containsExactly("hz-01");
    assertThat(live.current("hz-01")).isSameAs(ok);
    clock.now = clock.now.plusSeconds(41);
    assertThatThrownBy(() -> live.current("hz-01")).hasMessageContaining("evidence rule failed");
  }

  @Test
  void concurrentRequestsForAPlantWithoutEvidenceGatherOnce() throws Exception {
    CountDownLatch inGather = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LiveEvidence live = new LiveEvidence((plant, at) -> {
      inGather.countDown();
      try {
        assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return gather(plant, at);
    }, clock, Duration.ofSeconds(60), Duration.ofMinutes(15));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<LiveEvidence.Gathered>> answers = new ArrayList<>();
      answers.add(pool.submit(() -> live.current("hz-01")));
      assertThat(inGather.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 3; i++) {
        answers.add(pool.submit(() -> live.current("hz-01")));
      }
      release.countDown();
      LiveEvidence.Gathered first = answers.get(0).get(10, TimeUnit.SECONDS);
      for (Future<LiveEvidence.Gathered> a : answers) {
        assertThat(a.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
      assertThat(gathered).containsExactly("hz-01");
    } finally {
      pool.shutdownNow();
    }
  }
}
