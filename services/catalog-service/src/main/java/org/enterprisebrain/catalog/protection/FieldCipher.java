package org.enterprisebrain.catalog.protection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
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
 * come back as what they were) into {@code enc:v2:<key id>:<base64 of IV and ciphertext>}. GCM authenticates:
 * a tampered value does not decrypt. A key ring: the current key encrypts, every key of the ring decrypts, so a
 * key is rotated by making a new one current and re-encrypting ({@link #rotateAll}) before the old one goes.
 * Values of the first format ({@code enc:v1:}, no key id) are read with whichever key of the ring opens them.
 */
public final class FieldCipher {

  /** Every encrypted value starts so, whatever its format. */
  public static final String PREFIX = "enc:";
  static final String V1 = "enc:v1:";
  static final String V2 = "enc:v2:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The keys by id: {@code current} encrypts. Ids are short names an operator chooses (k1, 2026-12, …).
   */
  public record KeyRing(String current, Map<String, byte[]> keys) {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

    public KeyRing {
      keys = Map.copyOf(keys);
      keys.forEach((id, key) -> {
        if (!ID.matcher(id).matches()) {
          throw new IllegalArgumentException("a key id is 1 to 40 letters, digits, '.', '_' or '-': '" + id + "'");
        }
        if (key.length != 32) {
          throw new IllegalArgumentException("key " + id + " must be 32 bytes (AES-256), not " + key.length);
        }
      });
      if (!keys.containsKey(current)) {
        throw new IllegalArgumentException("the current key " + current + " is not in the ring");
      }
    }

    public static KeyRing of(String id, byte[] key) {
      return new KeyRing(id, Map.of(id, key));
    }

    /**
     * The ring the settings give: the current key (base64 of 32 bytes) and its id, and the old ones still to be
     * read as {@code id:base64} separated by commas.
     */
    public static KeyRing parse(String currentId, String currentKey, String oldKeys) {
      Map<String, byte[]> keys = new LinkedHashMap<>();
      if (oldKeys != null) {
        for (String entry : oldKeys.split(",")) {
          if (entry.isBlank()) {
            continue;
          }
          int colon = entry.indexOf(':');
          if (colon < 1) {
            throw new IllegalArgumentException("an old key is id:base64, not '" + entry.strip() + "'");
          }
          keys.put(entry.substring(0, colon).strip(), decode(entry.substring(colon + 1)));
        }
      }
      keys.put(currentId, decode(currentKey));
      return new KeyRing(currentId, keys);
    }

    static byte[] decode(String base64) {
      try {
        return Base64.getDecoder().decode(base64.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a key is the base64 of 32 bytes: " + e.getMessage(), e);
      }
    }

    public KeyRing with(String id, byte[] key) {
      Map<String, byte[]> more = new LinkedHashMap<>(keys);
      more.putIfAbsent(id, key);
      return new KeyRing(current, more);
    }
  }

  /** What a rotation pass did to one payload. */
  public record Rotated(int values, int unreadable) {
  }

  private final String current;
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();

  public FieldCipher(KeyRing ring) {
    this.current = ring.current();
    ring.keys().forEach((id, key) -> keys.put(id, new SecretKeySpec(key.clone(), "AES")));
  }

  public String currentKeyId() {
    return current;
  }

  public String encrypt(JsonNode value) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(value));
      return V2 + current + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
          .put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  public JsonNode decrypt(String text) {
    if (text.startsWith(V2)) {
      int colon = text.indexOf(':', V2.length());
      String id = colon < 0 ? "" : text.substring(V2.length(), colon);
      SecretKeySpec key = keys.get(id);
      if (key == null) {
        throw new IllegalStateException("a field value is encrypted under key '" + id + "', which this catalog does"
            + " not hold (keys: " + keys.keySet() + ")");
      }
      return open(key, text.substring(colon + 1));
    }
    if (text.startsWith(V1)) {
      for (SecretKeySpec key : keys.values()) {
        try {
          return open(key, text.substring(V1.length()));
        } catch (IllegalStateException anotherKey) {
          // v1 values name no key: the next key of the ring may be theirs
        }
      }
      throw new IllegalStateException("an encrypted field value does not decrypt with any key of the ring "
          + keys.keySet() + " (tampered, or encrypted under another key)");
    }
    throw new IllegalArgumentException("not an encrypted field value");
  }

  private static JsonNode open(SecretKeySpec key, String base64) {
    try {
      byte[] all = Base64.getDecoder().decode(base64);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      return JSON.readTree(new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("an encrypted field value does not decrypt with this key (tampered, or"
          + " encrypted under another key)", e);
    }
  }

  /** Whether the value was sealed by a key other than the current one (a v1 value names none: always). */
  public boolean stale(String text) {
    return text.startsWith(PREFIX) && !text.startsWith(V2 + current + ":");
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
    int[] unreadable = {0};
    walk(node, text -> {
      JsonNode plain = tryDecrypt(text);
      if (plain == null) {
        unreadable[0]++;
        return StringNode.valueOf(UNREADABLE);
      }
      return plain;
    });
    return unreadable[0];
  }

  /**
   * Re-encrypts, in place, under the current key every value another key of the ring sealed; a value no key opens
   * stays as it is (counted: rotation must not destroy what a missing key could still open).
   */
  public Rotated rotateAll(JsonNode node) {
    int[] counts = {0, 0};
    walk(node, text -> {
      if (!stale(text)) {
        return null;
      }
      JsonNode plain = tryDecrypt(text);
      if (plain == null) {
        counts[1]++;
        return null;
      }
      counts[0]++;
      return StringNode.valueOf(encrypt(plain));
    });
    return new Rotated(counts[0], counts[1]);
  }

  /** Every encrypted string anywhere in the tree, replaced by what {@code replace} answers (null: kept). */
  private static void walk(JsonNode node, Function<String, JsonNode> replace) {
    if (node instanceof ObjectNode object) {
      // a copy: values are replaced while walking
      for (Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
        JsonNode value = field.getValue();
        if (value.isString() && value.asString().startsWith(PREFIX)) {
          JsonNode next = replace.apply(value.asString());
          if (next != null) {
            object.set(field.getKey(), next);
          }
        } else {
          walk(value, replace);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode value = array.get(i);
        if (value.isString() && value.asString().startsWith(PREFIX)) {
          JsonNode next = replace.apply(value.asString());
          if (next != null) {
            array.set(i, next);
          }
        } else {
          walk(value, replace);
        }
      }
    }
  }

  private JsonNode tryDecrypt(String text) {
    try {
      return decrypt(text);
    } catch (IllegalStateException | IllegalArgumentException e) {
      return null;
    }
  }
}
