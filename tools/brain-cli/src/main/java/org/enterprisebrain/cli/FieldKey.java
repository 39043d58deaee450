package org.enterprisebrain.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local platform's key for L3 fields at rest (the catalog's AES-256 key), made once per data directory and
 * kept there owner-only, apart from the database it protects. A cluster gets its key from the Helm chart.
 *
 * @param id     the key's id, written into every value it seals
 * @param base64 for BRAIN_CATALOG_ENCRYPTION_KEY
 */
record FieldKey(String id, String base64) {

  static FieldKey in(Path dir) {
    Path file = dir.resolve("catalog-field.key");
    try {
      if (!Files.isRegularFile(file)) {
        Files.createDirectories(dir);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
      }
      return new FieldKey("local-1", Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
