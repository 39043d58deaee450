package org.enterprisebrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** brain up's keys: made once per data directory, the same after a restart, readable by their owner only. */
class LocalKeysTest {

  @TempDir
  Path data;

  @Test
  void theKeysOfADataDirectoryOutliveARestartAndOnlyTheirOwnerReadsThem() throws Exception {
    Path keys = data.resolve("keys");
    FieldKey field = FieldKey.in(keys);
    assertThat(Base64.getDecoder().decode(field.base64())).hasSize(32);
    assertThat(FieldKey.in(keys)).isEqualTo(field);
    ModelSigningKeys signing = ModelSigningKeys.in(keys);
    assertThat(signing.privatePem()).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(ModelSigningKeys.in(keys)).isEqualTo(signing);
    for (String file : new String[] {"catalog-field.key", "model-signing.pem"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(file)))).isEqualTo("rw-------");
    }
    assertThat(FieldKey.in(data.resolve("other")).base64()).isNotEqualTo(field.base64());
  }
}
