package org.enterprisebrain.catalog.protection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * AES-256-GCM for single field values at rest: the value's JSON text is encrypted (so numbers and objects
 * come back as what they were) into {@code enc:v1:<base64 of IV and ciphertext>}. GCM authenticates:
 * a tampered value does not decrypt.
 */
public final class FieldCipher {

  public static final String PREFIX = "enc:v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  public FieldCipher(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the field encryption key must be 32 bytes (AES-256), not " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  public String encrypt(JsonNode value) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(value));
      return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
          .put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  public JsonNode decrypt(String text) {
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not an encrypted field value");
    }
    try {
      byte[] all = Base64.getDecoder().decode(text.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      return JSON.readTree(new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("an encrypted field value does not decrypt with this key (tampered, or"
          + " encrypted under another key)", e);
    }
  }

  /** Shown for a value that looks encrypted but does not decrypt (sent that way, or under another key). */
  public static final String UNREADABLE = "***";

  /**
   * Decrypts, in place, every encrypted value anywhere in the payload, whatever label encrypted it; one that
   * does not decrypt is replaced by {@link #UNREADABLE}, never shown as it is.
   *
   * @return how many values did not decrypt
   */
  public int decryptAll(JsonNode node) {
    int unreadable = 0;
    if (node instanceof ObjectNode object) {
      // a copy: values are replaced while walking
      for (Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
        JsonNode value = field.getValue();
        if (value.isString() && value.asString().startsWith(PREFIX)) {
          JsonNode plain = tryDecrypt(value.asString());
          unreadable += plain == null ? 1 : 0;
          object.set(field.getKey(), plain == null ? StringNode.valueOf(UNREADABLE) : plain);
        } else {
          unreadable += decryptAll(value);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode value = array.get(i);
        if (value.isString() && value.asString().startsWith(PREFIX)) {
          JsonNode plain = tryDecrypt(value.asString());
          unreadable += plain == null ? 1 : 0;
          array.set(i, plain == null ? StringNode.valueOf(UNREADABLE) : plain);
        } else {
          unreadable += decryptAll(value);
        }
      }
    }
    return unreadable;
  }

  private JsonNode tryDecrypt(String text) {
    try {
      return decrypt(text);
    } catch (IllegalStateException e) {
      return null;
    }
  }
}
