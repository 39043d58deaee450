package org.enterprisebrain.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresRestoreCheckTest {

  @TempDir
  Path tmp;

  /** A manifest is data: the restore check reads files of the backup folder only, whatever the manifest names. */
  @Test
  void aManifestCannotSendTheCheckOutsideTheBackup() throws Exception {
    Path backup = Files.createDirectories(tmp.resolve("postgresql-20261205"));
    Path secret = Files.writeString(tmp.resolve("outside.csv.gz"), "not the backup's");
    Files.writeString(backup.resolve("catalog__audit_event.csv.gz"), "rows");
    Files.createDirectories(backup.resolve("public"));
    Files.writeString(backup.resolve("public/label.csv.gz"), "rows");
    Files.createSymbolicLink(backup.resolve("link.csv.gz"), secret);

    assertThat(PostgresRestoreCheck.inside(backup, "catalog__audit_event.csv.gz")).isPresent();
    assertThat(PostgresRestoreCheck.inside(backup, "public/label.csv.gz")).isPresent();
    assertThat(PostgresRestoreCheck.inside(backup, "../outside.csv.gz")).isEmpty();
    assertThat(PostgresRestoreCheck.inside(backup, "public/../../outside.csv.gz")).isEmpty();
    assertThat(PostgresRestoreCheck.inside(backup, secret.toString())).as("absolute").isEmpty();
    assertThat(PostgresRestoreCheck.inside(backup, "link.csv.gz")).as("a link out").isEmpty();
    assertThat(PostgresRestoreCheck.inside(backup, "missing.csv.gz")).isEmpty();
  }
}
