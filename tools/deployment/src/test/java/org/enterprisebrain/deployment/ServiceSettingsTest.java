package org.enterprisebrain.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No service ships a credential: a setting naming a user, password, secret or key has no default, or an empty one
 * the service then requires at start (ClientSecrets, the signing and encryption keys). A default such as
 * postgres/postgres is a secret every install shares.
 */
class ServiceSettingsTest {

  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(BRAIN_[A-Z0-9_]*(USER|USERNAME|PASSWORD|SECRET|KEY))"
      + "(:([^}]*))?}");

  static final Pattern OTHER_CREDENTIAL = Pattern.compile("\\$\\{BRAIN_[A-Z0-9_]*(USER|USERNAME|PASSWORD|SECRET|KEY)");

  @Test
  void noServiceSettingDefaultsToACredential() throws IOException {
    List<String> defaults = new ArrayList<>();
    int credentials = 0;
    try (Stream<Path> files = Files.list(Manifests.ROOT.resolve("services"))) {
      for (Path settings : files.map(s -> s.resolve("src/main/resources/application.yml")).filter(Files::exists)
          .toList()) {
        Matcher m = PLACEHOLDER.matcher(Files.readString(settings));
        while (m.find()) {
          credentials++;
          // a default naming another credential setting (the migrator's user: the runtime user's) ships nothing
          if (m.group(4) != null && !m.group(4).isEmpty() && !OTHER_CREDENTIAL.matcher(m.group(4)).matches()) {
            defaults.add(Manifests.ROOT.relativize(settings) + ": " + m.group(1) + " defaults to '" + m.group(4) + "'");
          }
        }
      }
    }
    assertThat(credentials).as("credential settings found").isGreaterThan(10);
    assertThat(defaults).isEmpty();
  }
}
