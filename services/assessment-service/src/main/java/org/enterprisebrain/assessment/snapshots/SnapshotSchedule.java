package org.enterprisebrain.assessment.snapshots;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.enterprisebrain.assessment.Assessment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/** Snapshots every configured plant on a fixed period, so the history exists without anyone asking. */
@Component
public class SnapshotSchedule {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotSchedule.class);

  private final SnapshotStore store;
  private final Assessment assessment;
  private final TaskScheduler scheduler;
  private final Duration every;
  private final List<String> plants;

  public SnapshotSchedule(SnapshotStore store, Assessment assessment, TaskScheduler scheduler,
      @Value("${brain.assessment.snapshot-every}") Duration every,
      @Value("${brain.assessment.snapshot-plants}") List<String> plants) {
    this.store = store;
    this.assessment = assessment;
    this.scheduler = scheduler;
    this.every = every;
    this.plants = plants;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (!every.isZero() && !every.isNegative()) {
      scheduler.scheduleWithFixedDelay(this::takeAll, Instant.now().plus(every), every);
    }
  }

  void takeAll() {
    for (String plant : plants) {
      SnapshotSummary s = store.insert(assessment.evaluate(plant.strip()), "schedule");
      LOG.info("snapshot {} of {}: level {}, score {}", s.id(), s.plant(), s.level(), s.score());
    }
  }
}
