package org.enterprisebrain.assessment.evidence;

import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/** Gathers the evidence of the plants in use again on a fixed delay (see {@link LiveEvidence#refresh()}). */
@Component
class EvidenceRefresh {

  private final LiveEvidence evidence;
  private final TaskScheduler scheduler;
  private final Duration every;

  EvidenceRefresh(LiveEvidence evidence, TaskScheduler scheduler,
      @Value("${brain.assessment.evidence-refresh}") Duration every) {
    this.evidence = evidence;
    this.scheduler = scheduler;
    this.every = every;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (!every.isZero() && !every.isNegative()) {
      scheduler.scheduleWithFixedDelay(evidence::refresh, Instant.now().plus(every), every);
    }
  }
}
