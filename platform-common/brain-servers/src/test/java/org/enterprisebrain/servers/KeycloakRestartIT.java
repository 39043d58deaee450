package org.enterprisebrain.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code brain up} twice on the same data: the second Keycloak start must still administer its realm. */
class KeycloakRestartIT {

  @Test
  void aRestartOnTheSameDataKeepsTheAdminAndTheRealm() throws Exception {
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "keycloak-restart");
    int port = ManagedProcess.freePort();
    try (KeycloakServer first = KeycloakServer.start(port, dir.resolve("data"), dir.resolve("first.log"))) {
      first.importRealm(BrainRealm.json());
    }
    try (KeycloakServer second = KeycloakServer.start(port, dir.resolve("data"), dir.resolve("second.log"))) {
      assertThat(second.adminToken()).isNotBlank();
      second.importRealm(BrainRealm.json());
      assertThat(KeycloakServer.tokenFrom(second.baseUrl(), BrainRealm.NAME, "mes-a", BrainRealm.demoSecret("mes-a")))
          .isNotBlank();
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve("data/admin-password")))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }
}
