package org.enterprisebrain.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.enterprisebrain.cli.backup.ElasticsearchSnapshot;
import org.enterprisebrain.cli.backup.PostgresBackup;
import org.enterprisebrain.client.ApiException;
import org.enterprisebrain.client.catalog.api.BackupsApi;
import org.enterprisebrain.client.catalog.model.BackupRun;
import org.enterprisebrain.client.catalog.model.BackupRunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brain backup}: backs up the platform's PostgreSQL schemas (gzipped CSV per table, one consistent
 * snapshot, checksums in a manifest) and snapshots its Elasticsearch indices, then reports each run, succeeded
 * or failed, to the catalog ({@code POST /api/v1/catalog/backups}) where the assessment sees it (数据备份与灾备).
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = "Back up PostgreSQL and Elasticsearch and report the runs to the catalog")
public final class BackupCommand implements Callable<Integer> {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Mixin
  Connection connection;

  @Spec
  CommandSpec spec;

  @Option(names = "--to", defaultValue = "${BRAIN_BACKUP_DIR:-.brain/backups}",
      description = "Directory the PostgreSQL backups go to, one sub-directory per run (default: ${DEFAULT-VALUE})")
  Path to;

  @Mixin
  BackupDatabase db;

  @Option(names = "--schemas", split = ",", defaultValue = "${BRAIN_BACKUP_SCHEMAS:-}",
      description = "Schemas to back up (default: every schema that is not PostgreSQL's own)")
  List<String> schemas;

  @Option(names = "--elasticsearch", defaultValue = "${BRAIN_ELASTICSEARCH_URL:-http://127.0.0.1:9200}",
      description = "Elasticsearch to snapshot (default: ${DEFAULT-VALUE})")
  String elasticsearch;

  @Option(names = "--es-username", defaultValue = "${BRAIN_ELASTICSEARCH_USERNAME:-}")
  String esUsername;

  @Option(names = "--es-password", defaultValue = "${BRAIN_ELASTICSEARCH_PASSWORD:-}")
  String esPassword;

  @Option(names = "--es-repository", defaultValue = "${BRAIN_BACKUP_ES_REPOSITORY:-brain-backups}",
      description = "Snapshot repository name (default: ${DEFAULT-VALUE})")
  String esRepository;

  @Option(names = "--es-location", defaultValue = "${BRAIN_BACKUP_ES_LOCATION:-brain-backups}",
      description = "The repository's location, under the node's path.repo (default: ${DEFAULT-VALUE})")
  String esLocation;

  @Option(names = "--es-indices", defaultValue = "${BRAIN_BACKUP_ES_INDICES:-brain-*}")
  String esIndices;

  @Option(names = "--skip", split = ",", description = "Stores not to back up this time: postgresql, elasticsearch")
  List<String> skip = List.of();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String stamp = STAMP.format(Instant.now());
    boolean ok = true;
    if (!skip.contains("postgresql")) {
      ok &= postgresql(out, stamp);
    }
    if (!skip.contains("elasticsearch")) {
      ok &= elasticsearch(out, stamp);
    }
    return ok ? 0 : 1;
  }

  private boolean postgresql(PrintWriter out, String stamp) throws Exception {
    Path dir = to.toAbsolutePath().resolve("postgresql-" + stamp);
    Instant started = Instant.now();
    try {
      PostgresBackup.Result r = PostgresBackup.dump(db.url, db.user, db.password, schemas == null ? List.of()
          : schemas.stream().map(String::strip).filter(s -> !s.isEmpty()).toList(), dir);
      out.printf("PostgreSQL: %d tables, %d rows of %s, %,d bytes in %s%n", r.tables().size(), r.rows(),
          r.schemas(), r.bytes(), dir);
      report(out, new BackupRunReport().store("postgresql").status(BackupRunReport.StatusEnum.SUCCEEDED)
          .scope(String.join(",", r.schemas())).startedAt(r.startedAt().atOffset(ZoneOffset.UTC))
          .finishedAt(r.finishedAt().atOffset(ZoneOffset.UTC)).bytes(r.bytes()).items(r.tables().size())
          .location(dir.toString()).tool("brain backup")
          .detail(r.rows() + " rows; gzipped CSV per table, SHA-256 of each file in manifest.json"));
      return true;
    } catch (Exception e) {
      return failed(out, "postgresql", started, dir.toString(), e);
    }
  }

  private boolean elasticsearch(PrintWriter out, String stamp) throws Exception {
    String snapshot = "brain-" + stamp;
    Instant started = Instant.now();
    try {
      ElasticsearchSnapshot.Result r = new ElasticsearchSnapshot(elasticsearch, esUsername, esPassword)
          .take(esRepository, esLocation, esIndices, snapshot);
      boolean success = "SUCCESS".equals(r.state()) && r.failedShards() == 0;
      out.printf("Elasticsearch: snapshot %s/%s %s, %d indices, %d shards (%d failed), %,d bytes%n", r.repository(),
          r.snapshot(), r.state(), r.indices().size(), r.shards(), r.failedShards(), r.bytes());
      report(out, new BackupRunReport().store("elasticsearch")
          .status(success ? BackupRunReport.StatusEnum.SUCCEEDED : BackupRunReport.StatusEnum.FAILED)
          .scope(esIndices).startedAt(r.startedAt().atOffset(ZoneOffset.UTC))
          .finishedAt(r.finishedAt().atOffset(ZoneOffset.UTC)).bytes(r.bytes()).items(r.indices().size())
          .location(r.repository() + "/" + r.snapshot()).tool("brain backup")
          .detail("state " + r.state() + ", " + r.shards() + " shards, " + r.failedShards() + " failed"));
      return success;
    } catch (Exception e) {
      return failed(out, "elasticsearch", started, esRepository + "/" + snapshot, e);
    }
  }

  /** A failed backup is reported too: the assessment must see it failed, not merely missing. */
  private boolean failed(PrintWriter out, String store, Instant started, String location, Exception e)
      throws ApiException {
    spec.commandLine().getErr().println(store + " backup failed: " + e);
    report(connection, out, failure(store, started, location, e).tool("brain backup"));
    return false;
  }

  /** A failed run's report: what failed, when, and the error as its detail. */
  static BackupRunReport failure(String store, Instant started, String location, Exception e) {
    String message = String.valueOf(e.getMessage());
    return new BackupRunReport().store(store).status(BackupRunReport.StatusEnum.FAILED)
        .startedAt(started.atOffset(ZoneOffset.UTC)).finishedAt(Instant.now().atOffset(ZoneOffset.UTC))
        .location(location).detail(message.length() > 3900 ? message.substring(0, 3900) : message);
  }

  private void report(PrintWriter out, BackupRunReport report) throws ApiException {
    report(connection, out, report);
  }

  static void report(Connection connection, PrintWriter out, BackupRunReport report) throws ApiException {
    connection.actAsDataEngineer(); // reporting backups is a data engineer's act
    BackupRun run = new BackupsApi(connection.apiClient()).reportBackupRun(report);
    out.printf("  reported to the catalog as %s run %d (%s)%n", run.getKind().getValue(), run.getId(),
        run.getStatus().getValue());
    if (run.getKind() == BackupRun.KindEnum.RESTORE_TEST && run.getStatus() == BackupRun.StatusEnum.SUCCEEDED) {
      out.printf("  the assessment counts it once somebody else witnessed it (an auditor or another data engineer):"
          + " POST /api/v1/catalog/backups/%d/witness%n", run.getId());
    }
  }
}
