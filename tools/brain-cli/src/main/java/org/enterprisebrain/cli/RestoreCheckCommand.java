package org.enterprisebrain.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.enterprisebrain.cli.backup.PostgresBackup;
import org.enterprisebrain.cli.backup.PostgresRestoreCheck;
import org.enterprisebrain.client.catalog.model.BackupRunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code brain restore-check [DIR]}: a restore test (灾备演练) of a {@code brain backup} of PostgreSQL — checksums,
 * then every table restored into a scratch schema and its rows counted — reported to the catalog as a
 * {@code restore-test} run, succeeded or failed.
 */
@Command(name = "restore-check", mixinStandardHelpOptions = true,
    description = "Test that a PostgreSQL backup restores (into a scratch schema, dropped after) and report it")
public final class RestoreCheckCommand implements Callable<Integer> {

  @Mixin
  Connection connection;

  @Mixin
  BackupDatabase db;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", description = "A backup directory (default: the newest postgresql-* in --from)")
  Path backup;

  @Option(names = "--from", defaultValue = "${BRAIN_BACKUP_DIR:-.brain/backups}",
      description = "Where brain backup wrote its runs (default: ${DEFAULT-VALUE})")
  Path from;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Instant started = Instant.now();
    Path dir = backup;
    try {
      if (dir == null) {
        try (Stream<Path> runs = Files.list(from)) {
          dir = runs.filter(p -> p.getFileName().toString().startsWith("postgresql-"))
              .max(Comparator.comparing(p -> p.getFileName().toString()))
              .orElseThrow(() -> new IllegalStateException("no postgresql-* backup in " + from.toAbsolutePath()));
        }
      }
      PostgresBackup.Result backed = PostgresBackup.read(dir);
      PostgresRestoreCheck.Result r = PostgresRestoreCheck.run(db.url, db.user, db.password, dir, backed.tables());
      List<PostgresRestoreCheck.Table> bad = r.tables().stream().filter(t -> !t.ok()).toList();
      for (PostgresRestoreCheck.Table t : bad) {
        out.printf("  %s.%s: %s%n", t.schema(), t.table(), t.intact()
            ? "restored " + t.restored() + " rows of " + t.expected() : "file missing or its checksum differs");
      }
      String summary = r.ok() ? "restored " + r.tables().size() + " tables, " + r.rows() + " rows: every checksum and "
          + "row count matches the manifest" : bad.size() + " of " + r.tables().size() + " tables did not restore whole";
      out.printf("PostgreSQL restore test of %s: %s%n", dir, summary);
      BackupCommand.report(connection, out, new BackupRunReport().store("postgresql")
          .kind(BackupRunReport.KindEnum.RESTORE_TEST)
          .status(r.ok() ? BackupRunReport.StatusEnum.SUCCEEDED : BackupRunReport.StatusEnum.FAILED)
          .scope(String.join(",", backed.schemas()))
          .startedAt(r.startedAt().atOffset(ZoneOffset.UTC)).finishedAt(r.finishedAt().atOffset(ZoneOffset.UTC))
          .items(r.tables().size()).location(dir.toAbsolutePath().toString()).tool("brain restore-check")
          .detail(summary + " (scratch schema " + r.scratchSchema() + ", dropped)"));
      return r.ok() ? 0 : 1;
    } catch (Exception e) {
      spec.commandLine().getErr().println("restore test failed: " + e);
      BackupCommand.report(connection, out, BackupCommand.failure("postgresql", started,
          dir == null ? from.toString() : dir.toString(), e).kind(BackupRunReport.KindEnum.RESTORE_TEST)
          .tool("brain restore-check"));
      return 1;
    }
  }
}
