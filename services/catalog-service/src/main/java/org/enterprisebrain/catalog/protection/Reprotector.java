package org.enterprisebrain.catalog.protection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import org.enterprisebrain.catalog.classification.LabelsChanged;
import org.enterprisebrain.catalog.datasets.RecordStore;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.catalog.scheme.ProtectionPolicy;
import org.enterprisebrain.catalog.scheme.SchemeRepository;
import org.enterprisebrain.catalog.standards.EffectiveField;
import org.enterprisebrain.catalog.standards.EffectiveFields;
import org.enterprisebrain.standard.DataStandard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.enterprisebrain.standard.EntityStandard;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When a label raises a field to a grade whose policy encrypts at rest, the records stored before it are
 * encrypted too: their entity's index is rewritten in the background (requests for the same entity
 * coalesce). Masking on read never waited for this; encryption at rest catches up here.
 */
@Component
public class Reprotector implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(Reprotector.class);

  private final DataStandard standard;
  private final EffectiveFields fields;
  private final SchemeRepository scheme;
  private final FieldProtection protection;
  private final RecordStore store;
  private final Counter rewritten;
  private final Counter failures;
  private final Counter rotatedRecords;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  /** Lets a batch being indexed with the old labels land first (its writes are then rewritten too). */
  static final Duration SETTLE = Duration.ofSeconds(2);

  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "reprotect");
    thread.setDaemon(true);
    return thread;
  });

  public Reprotector(DataStandard standard, EffectiveFields fields, SchemeRepository scheme,
      FieldProtection protection, RecordStore store, MeterRegistry meters) {
    this.standard = standard;
    this.fields = fields;
    this.scheme = scheme;
    this.protection = protection;
    this.store = store;
    this.rewritten = meters.counter("brain.catalog.reprotect.records");
    this.failures = meters.counter("brain.catalog.reprotect.failures");
    this.rotatedRecords = meters.counter("brain.catalog.keys.rotated.records");
  }

  /**
   * In the background after start: records an older catalog keyed without their source system get the key with
   * it; then, while the ring holds an old key, what it sealed is re-encrypted under the current key.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void rotateKeys() {
    worker.execute(this::rekeyRecords);
    if (protection.rotating()) {
      worker.execute(this::rotate);
    }
  }

  /** Each entity's records stored as {@code <plant>:<id>} moved to {@code <plant>:<source system>:<id>}. */
  void rekeyRecords() {
    int moved = 0;
    try {
      for (EntityStandard entity : standard.entities()) {
        moved += store.rekeyLegacy(entity.entity());
      }
      if (moved > 0) {
        LOG.info("records: {} keyed by plant and id moved to plant, source system and id", moved);
      }
    } catch (RuntimeException e) {
      // the records stay readable where they are; the next start moves the rest
      failures.increment();
      LOG.error("moving records to ids with their source system stopped after {}", moved, e);
    }
  }

  /**
   * Every record of every entity (a value may stay encrypted after its label was lowered): what an old key sealed
   * is sealed again by the current one. Only a pass that left nothing unreadable lets the database's key go.
   */
  void rotate() {
    int[] unreadable = {0};
    int records = 0;
    try {
      for (EntityStandard entity : standard.entities()) {
        records += store.rewritePayloads(entity.entity(), payload -> protection.rotated(payload, unreadable));
      }
      rotatedRecords.increment(records);
      if (unreadable[0] > 0) {
        LOG.warn("field keys: {} records re-encrypted under '{}'; {} values open with no key of the ring and were"
            + " left as they are", records, protection.currentKeyId(), unreadable[0]);
      } else {
        protection.forgetDatabaseKey();
        LOG.info("field keys rotated: {} records re-encrypted under '{}'; nothing sealed by another key is left,"
            + " the old keys may be removed from BRAIN_CATALOG_ENCRYPTION_OLD_KEYS", records, protection.currentKeyId());
      }
    } catch (RuntimeException e) {
      // old values stay readable with the old keys; the next start tries again
      failures.increment();
      LOG.error("field key rotation stopped after {} records", records, e);
    }
  }

  /** After the labels are committed, so the rewrite sees them. */
  @TransactionalEventListener(fallbackExecution = true)
  public void labelsChanged(LabelsChanged event) {
    if (pending.add(event.entity())) {
      worker.schedule(() -> {
        pending.remove(event.entity());
        reprotect(event.entity());
      }, SETTLE.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  void reprotect(String entityName) {
    try {
      List<EffectiveField> effective = standard.entity(entityName).map(fields::of).orElse(List.of());
      Map<Grade, ProtectionPolicy> policies = scheme.policies();
      int count = store.rewritePayloads(entityName, payload -> protection.encrypted(payload, effective, policies));
      rewritten.increment(count);
      if (count > 0) {
        LOG.info("encrypted newly protected fields in {} stored {} records", count, entityName);
      }
    } catch (RuntimeException e) {
      // the labels stand and masking applies; the next label change of the entity tries again
      failures.increment();
      LOG.error("could not re-protect stored {} records", entityName, e);
    }
  }

  @Override
  public void destroy() {
    worker.shutdownNow();
  }
}
