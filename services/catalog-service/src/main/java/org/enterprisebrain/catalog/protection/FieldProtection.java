package org.enterprisebrain.catalog.protection;

import java.util.List;
import java.util.Map;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.catalog.scheme.ProtectionPolicy;
import org.enterprisebrain.catalog.standards.EffectiveField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Encryption at rest as the protection policy says (L3 and above by default): such fields are stored in
 * Elasticsearch encrypted and decrypted only on the read path, before masking by clearance. The keys come from
 * the settings only (a Secret, a KMS-fed variable), never from the database: {@code BRAIN_CATALOG_ENCRYPTION_KEY}
 * with its id encrypts, {@code BRAIN_CATALOG_ENCRYPTION_OLD_KEYS} are still read while {@link Reprotector}
 * re-encrypts what they sealed. A key an older version kept in PostgreSQL is read the same way, and deleted from
 * there once nothing it sealed is left.
 */
@Component
public class FieldProtection {

  /** The id under which the key an older version kept in PostgreSQL is read until rotated away. */
  public static final String DATABASE_KEY_ID = "database";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Logger LOG = LoggerFactory.getLogger(FieldProtection.class);
  private final FieldCipher cipher;
  private final JdbcClient jdbc;
  private final boolean databaseKey;
  private final int keys;

  public FieldProtection(JdbcClient jdbc, @Value("${brain.catalog.encryption-key}") String configured,
      @Value("${brain.catalog.encryption-key-id}") String keyId,
      @Value("${brain.catalog.encryption-old-keys}") String oldKeys) {
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException("BRAIN_CATALOG_ENCRYPTION_KEY is not set: the key that encrypts L3 fields at"
          + " rest (base64 of 32 bytes, e.g. openssl rand -base64 32) comes from a Secret, never the database");
    }
    this.jdbc = jdbc;
    FieldCipher.KeyRing ring = FieldCipher.KeyRing.parse(keyId, configured, oldKeys);
    java.util.Optional<byte[]> stored = jdbc.sql("select key_bytes from encryption_key where id = 1")
        .query(byte[].class).optional();
    this.databaseKey = stored.isPresent();
    if (databaseKey) {
      LOG.warn("a field key kept in PostgreSQL by an older version is read as '{}' until every value it sealed is"
          + " re-encrypted under '{}'; then it is deleted", DATABASE_KEY_ID, keyId);
      ring = ring.with(DATABASE_KEY_ID, stored.get());
    }
    this.keys = ring.keys().size();
    this.cipher = new FieldCipher(ring);
  }

  /** Whether any key besides the current one is held: then stored values are re-encrypted at start. */
  public boolean rotating() {
    return keys > 1;
  }

  public String currentKeyId() {
    return cipher.currentKeyId();
  }

  /** A copy of a payload with every value an old key sealed re-encrypted under the current one. */
  public Map<String, Object> rotated(Map<String, Object> payload, int[] unreadable) {
    ObjectNode tree = JSON.valueToTree(payload);
    FieldCipher.Rotated r = cipher.rotateAll(tree);
    unreadable[0] += r.unreadable();
    if (r.values() == 0) {
      return payload;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> next = JSON.convertValue(tree, Map.class);
    return next;
  }

  /** After a complete rotation: the database no longer holds a key (nor do its backups from now on). */
  public void forgetDatabaseKey() {
    if (databaseKey && jdbc.sql("delete from encryption_key where id = 1").update() > 0) {
      LOG.info("the field key kept in PostgreSQL is deleted: nothing it sealed is left");
    }
  }

  /** Encrypts, in place, the fields whose grade's policy asks for encryption at rest. */
  public void encrypt(ObjectNode payload, List<EffectiveField> fields, Map<Grade, ProtectionPolicy> policies) {
    for (EffectiveField field : fields) {
      ProtectionPolicy policy = policies.get(field.grade());
      if (policy != null && policy.encryptAtRest()) {
        Pointers.visit(payload, field.pointer(), (value, replace) -> {
          if (!(value.isString() && value.asString().startsWith(FieldCipher.PREFIX))) {
            replace.accept(StringNode.valueOf(cipher.encrypt(value)));
          }
        });
      }
    }
  }

  /** A copy of a payload (as the indices hold it) with the protected fields encrypted. */
  public Map<String, Object> encrypted(Map<String, Object> payload, List<EffectiveField> fields,
      Map<Grade, ProtectionPolicy> policies) {
    if (fields.stream().noneMatch(f -> policies.get(f.grade()) != null && policies.get(f.grade()).encryptAtRest())) {
      return payload; // most entities (telemetry, states, reports) carry nothing to encrypt
    }
    ObjectNode tree = JSON.valueToTree(payload);
    encrypt(tree, fields, policies);
    @SuppressWarnings("unchecked")
    Map<String, Object> encrypted = JSON.convertValue(tree, Map.class);
    return encrypted;
  }

  public void decrypt(ObjectNode payload) {
    int unreadable = cipher.decryptAll(payload);
    if (unreadable > 0) {
      LOG.warn("{} value(s) looked encrypted but did not decrypt with the catalog's key; shown as {}", unreadable,
          FieldCipher.UNREADABLE);
    }
  }
}
