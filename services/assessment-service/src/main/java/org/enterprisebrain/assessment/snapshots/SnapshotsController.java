package org.enterprisebrain.assessment.snapshots;

import java.util.List;
import org.enterprisebrain.assessment.Assessment;
import org.enterprisebrain.assessment.api.SnapshotsApi;
import org.enterprisebrain.assessment.web.Plants;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SnapshotsController implements SnapshotsApi {

  private final SnapshotStore store;
  private final Assessment assessment;
  private final String defaultPlant;

  public SnapshotsController(SnapshotStore store, Assessment assessment,
      @Value("${brain.assessment.plant}") String defaultPlant) {
    this.store = store;
    this.assessment = assessment;
    this.defaultPlant = defaultPlant;
  }

  @Override
  public ResponseEntity<List<SnapshotSummary>> listSnapshots(String plant, Integer limit) {
    int n = limit == null ? 100 : limit;
    if (n < 1 || n > 1000) {
      throw ProblemException.badRequest("limit", "must be between 1 and 1000");
    }
    return ResponseEntity.ok(store.list(Plants.checked(plant, defaultPlant), n));
  }

  @Override
  public ResponseEntity<SnapshotSummary> takeSnapshot(String plant) {
    String p = Plants.checked(plant, defaultPlant);
    return ResponseEntity.status(HttpStatus.CREATED).body(store.insert(assessment.evaluate(p), Callers.current().name()));
  }

  @Override
  public ResponseEntity<Snapshot> getSnapshot(Long snapshotId) {
    return ResponseEntity.ok(visible(snapshotId, "snapshotId"));
  }

  @Override
  public ResponseEntity<SnapshotDiff> diffSnapshots(Long from, Long to) {
    Snapshot a = visible(from, "from");
    Snapshot b = visible(to, "to");
    if (!a.summary().plant().equals(b.summary().plant())) {
      throw ProblemException.badRequest("to", "snapshot " + to + " is of plant " + b.summary().plant()
          + ", snapshot " + from + " of " + a.summary().plant());
    }
    return ResponseEntity.ok(SnapshotDiff.of(a, b));
  }

  private Snapshot visible(Long id, String field) {
    return store.visible(id, field);
  }
}
