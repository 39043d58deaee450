package org.enterprisebrain.catalog.protection;

import java.security.SecureRandom;
import java.util.Base64;
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
 * Elasticsearch encrypted and decrypted only on the read path, before masking by clearance. The key is
 * {@code BRAIN_CATALOG_ENCRYPTION_KEY} (base64, 32 bytes) or, if unset, one generated once and kept in
 * PostgreSQL, apart from the indices.
 */
@Component
public class FieldProtection {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Logger LOG = LoggerFactory.getLogger(FieldProtection.class);
  private final FieldCipher cipher;

  public FieldProtection(JdbcClient jdbc, @Value("${brain.catalog.encryption-key}") String configured) {
    this.cipher = new FieldCipher(configured == null || configured.isBlank() ? storedKey(jdbc)
        : Base64.getDecoder().decode(configured.trim()));
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

  private static byte[] storedKey(JdbcClient jdbc) {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    jdbc.sql("insert into encryption_key (id, key_bytes) values (1, ?) on conflict (id) do nothing").param(fresh)
        .update();
    return jdbc.sql("select key_bytes from encryption_key where id = 1").query(byte[].class).single();
  }
}
