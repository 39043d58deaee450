package org.enterprisebrain.assessment.evidence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Gathers the evidence of the plants in use on a fixed delay, from the start: the default plant and the
 * scheduled snapshots' plants are gathered before anyone asks, so the first dashboard does not wait either.
 */
@Component
class EvidenceRefresh {

  private final LiveEvidence evidence;
  private final TaskScheduler scheduler;
  private final Duration every;
  private final List<String> plants;

  EvidenceRefresh(LiveEvidence evidence, TaskScheduler scheduler,
      @Value("${brain.assessment.evidence-refresh}") Duration every,
      @Value("${brain.assessment.plant}") String defaultPlant,
      @Value("${brain.assessment.snapshot-plants}") List<String> snapshotPlants) {
    this.evidence = evidence;
    this.scheduler = scheduler;
    this.every = every;
    this.plants = Stream.concat(Stream.of(defaultPlant), snapshotPlants.stream()).map(String::strip)
        .filter(p -> !p.isEmpty()).distinct().toList();
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (!every.isZero() && !every.isNegative()) {
      evidence.pin(plants);
      scheduler.scheduleWithFixedDelay(evidence::refresh, Instant.now(), every);
    }
  }
}
