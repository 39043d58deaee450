package org.enterprisebrain.cli;

import java.nio.file.Path;
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
    return new FieldKey("local-1", KeyFiles.readOrMake(dir.resolve("catalog-field.key"), () -> {
      return Base64.getEncoder().encodeToString(org.enterprisebrain.servers.Secrets.randomBytes(32)) + "\n";
    }).strip());
  }
}
