package org.enterprisebrain.catalog.backups;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;
import org.enterprisebrain.catalog.api.BackupsApi;
import org.enterprisebrain.catalog.api.model.BackupRunReport;
import org.enterprisebrain.catalog.web.ApiMapping;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class BackupsController implements BackupsApi {

  private static final Pattern STORE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  /** A tool's clock may run a little ahead of ours; a backup finishing later than this is a mistake. */
  private static final Duration SKEW = Duration.ofMinutes(5);

  private final BackupLog log;
  private final Clock clock;

  public BackupsController(BackupLog log) {
    this.log = log;
    this.clock = Clock.systemUTC();
  }

  @Override
  public ResponseEntity<List<org.enterprisebrain.catalog.api.model.BackupRun>> listBackupRuns(String store,
      OffsetDateTime since, String kind, Integer limit) {
    int size = limit == null ? 100 : limit;
    if (size < 1 || size > 1000) {
      throw ProblemException.badRequest("limit", "limit must be between 1 and 1000");
    }
    if (kind != null && !kind.equals("backup") && !kind.equals("restore-test")) {
      throw ProblemException.badRequest("kind", "backup or restore-test");
    }
    return ResponseEntity.ok(log.find(store, since == null ? null : since.toInstant(), kind, size).stream()
        .map(BackupsController::api).toList());
  }

  @Override
  public ResponseEntity<org.enterprisebrain.catalog.api.model.BackupRun> reportBackupRun(BackupRunReport report) {
    Instant now = clock.instant();
    String store = required(report.getStore(), "store");
    if (!STORE.matcher(store).matches()) {
      throw ProblemException.badRequest("store", "lower-case letters, digits and '-', at most 40, e.g. postgresql");
    }
    if (report.getStatus() == null) {
      throw ProblemException.badRequest("status", "succeeded or failed is required");
    }
    Instant started = required(report.getStartedAt(), "startedAt").toInstant();
    Instant finished = required(report.getFinishedAt(), "finishedAt").toInstant();
    if (finished.isBefore(started)) {
      throw ProblemException.badRequest("finishedAt", "finishes before it started (" + started + ")");
    }
    if (finished.isAfter(now.plus(SKEW))) {
      throw ProblemException.badRequest("finishedAt", "is in the future (now " + now + ")");
    }
    if (report.getBytes() != null && report.getBytes() < 0) {
      throw ProblemException.badRequest("bytes", "must not be negative");
    }
    if (report.getItems() != null && report.getItems() < 0) {
      throw ProblemException.badRequest("items", "must not be negative");
    }
    String tool = required(report.getTool(), "tool").strip();
    if (tool.isEmpty() || tool.length() > 200) {
      throw ProblemException.badRequest("tool", "1 to 200 characters");
    }
    length(report.getScope(), 500, "scope");
    length(report.getLocation(), 1000, "location");
    length(report.getDetail(), 4000, "detail");
    BackupRun run = log.record(new BackupRun(0, store, report.getScope(),
        report.getKind() == BackupRunReport.KindEnum.RESTORE_TEST,
        report.getStatus() == BackupRunReport.StatusEnum.SUCCEEDED, started, finished, report.getBytes(),
        report.getItems(), report.getLocation(), tool, report.getDetail(), Callers.current().name(), now, null, null));
    return ResponseEntity.status(HttpStatus.CREATED).body(api(run));
  }

  @Override
  public ResponseEntity<org.enterprisebrain.catalog.api.model.BackupRun> witnessRestoreTest(Long runId) {
    String by = Callers.person("Witnessing a restore test").name();
    BackupRun run = log.find(runId).orElseThrow(() -> ProblemException.notFound("runId", "no backup run " + runId));
    if (!run.restoreTest()) {
      throw ProblemException.badRequest("runId", "run " + runId + " is a backup: only a restore test is witnessed");
    }
    if (by.equals(run.witnessedBy())) {
      return ResponseEntity.ok(api(run));
    }
    if (run.witnessedBy() != null) {
      throw ProblemException.conflict("runId", "restore test " + runId + " was witnessed by " + run.witnessedBy());
    }
    if (by.equals(run.reportedBy())) {
      throw ProblemException.conflict("runId", "you reported restore test " + runId + ": somebody else witnesses it"
          + " (four eyes), an auditor or another data engineer");
    }
    return ResponseEntity.ok(api(log.witness(runId, by).orElseThrow(() -> ProblemException.conflict("runId",
        "restore test " + runId + " was witnessed meanwhile"))));
  }

  private static <T> T required(T value, String field) {
    if (value == null) {
      throw ProblemException.badRequest(field, "is required");
    }
    return value;
  }

  private static void length(String value, int max, String field) {
    if (value != null && value.length() > max) {
      throw ProblemException.badRequest(field, "at most " + max + " characters");
    }
  }

  private static org.enterprisebrain.catalog.api.model.BackupRun api(BackupRun r) {
    return new org.enterprisebrain.catalog.api.model.BackupRun()
        .id(r.id()).store(r.store()).scope(r.scope())
        .kind(r.restoreTest() ? org.enterprisebrain.catalog.api.model.BackupRun.KindEnum.RESTORE_TEST
            : org.enterprisebrain.catalog.api.model.BackupRun.KindEnum.BACKUP)
        .status(r.succeeded() ? org.enterprisebrain.catalog.api.model.BackupRun.StatusEnum.SUCCEEDED
            : org.enterprisebrain.catalog.api.model.BackupRun.StatusEnum.FAILED)
        .startedAt(ApiMapping.time(r.startedAt())).finishedAt(ApiMapping.time(r.finishedAt()))
        .bytes(r.bytes()).items(r.items()).location(r.location()).tool(r.tool()).detail(r.detail())
        .reportedBy(r.reportedBy()).reportedAt(ApiMapping.time(r.reportedAt()))
        .witnessedBy(r.witnessedBy()).witnessedAt(ApiMapping.time(r.witnessedAt()));
  }
}
