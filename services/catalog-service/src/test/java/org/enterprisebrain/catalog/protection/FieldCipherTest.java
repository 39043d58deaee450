package org.enterprisebrain.catalog.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class FieldCipherTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  final FieldCipher cipher = new FieldCipher(FieldCipher.KeyRing.of("k1", key((byte) 7)));

  static byte[] key(byte fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, fill);
    return key;
  }

  @Test
  void valuesComeBackAsWhatTheyWereAndNeverAppearInTheCiphertext() {
    ObjectNode payload = (ObjectNode) JSON.readTree(
        "{\"idNumber\":\"11010519491231002X\",\"level\":4,\"skills\":[{\"certificate\":\"T330100\"}]}");
    String id = cipher.encrypt(payload.get("idNumber"));
    assertThat(id).startsWith(FieldCipher.PREFIX).doesNotContain("1101051949");
    assertThat(cipher.encrypt(payload.get("idNumber"))).isNotEqualTo(id); // a fresh IV every time
    payload.put("idNumber", id);
    payload.put("level", cipher.encrypt(payload.get("level")));
    ((ObjectNode) payload.get("skills").get(0)).put("certificate", cipher.encrypt(JSON.readTree("\"T330100\"")));
    cipher.decryptAll(payload);
    assertThat(payload.toString()).isEqualTo(
        "{\"idNumber\":\"11010519491231002X\",\"level\":4,\"skills\":[{\"certificate\":\"T330100\"}]}");
  }

  @Test
  void aTamperedValueOrAnotherKeyDoesNotDecrypt() {
    String sealed = cipher.encrypt(JSON.readTree("\"13800000000\""));
    char[] chars = sealed.toCharArray();
    chars[chars.length - 3] = chars[chars.length - 3] == 'A' ? 'B' : 'A';
    assertThatThrownBy(() -> cipher.decrypt(new String(chars))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new FieldCipher(FieldCipher.KeyRing.of("k1", key((byte) 8))).decrypt(sealed)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> FieldCipher.KeyRing.of("k1", new byte[16])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FieldCipher.KeyRing.of("k 1", key((byte) 1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aValueSentLookingEncryptedIsHiddenNotAnError() {
    ObjectNode payload = (ObjectNode) JSON.readTree("{\"remark\":\"enc:v1:not-really\",\"ok\":\"x\"}");
    assertThat(cipher.decryptAll(payload)).isEqualTo(1);
    assertThat(payload.toString()).isEqualTo("{\"remark\":\"***\",\"ok\":\"x\"}");
  }

  @Test
  void aValueNamesItsKeyAndTheRingReadsOldKeysUntilRotationMovesThemToTheCurrentOne() {
    FieldCipher first = new FieldCipher(FieldCipher.KeyRing.of("k1", key((byte) 1)));
    ObjectNode payload = (ObjectNode) JSON.readTree("{\"idNumber\":\"11010519491231002X\",\"phones\":[\"138\"]}");
    payload.put("idNumber", first.encrypt(payload.get("idNumber")));
    ((tools.jackson.databind.node.ArrayNode) payload.get("phones")).set(0, first.encrypt(JSON.readTree("\"138\"")));
    assertThat(payload.get("idNumber").asString()).startsWith("enc:v2:k1:");

    // k2 made current, k1 kept for reading: every old value opens, and rotation seals it again under k2
    FieldCipher ring = new FieldCipher(FieldCipher.KeyRing.parse("k2", b64(key((byte) 2)), "k1:" + b64(key((byte) 1))));
    ObjectNode copy = payload.deepCopy();
    assertThat(ring.rotateAll(copy)).isEqualTo(new FieldCipher.Rotated(2, 0));
    assertThat(copy.get("idNumber").asString()).startsWith("enc:v2:k2:");
    assertThat(ring.rotateAll(copy)).as("a second pass finds nothing").isEqualTo(new FieldCipher.Rotated(0, 0));

    // k1 gone: the rotated payload reads whole; the unrotated one does not
    FieldCipher onlyK2 = new FieldCipher(FieldCipher.KeyRing.of("k2", key((byte) 2)));
    ObjectNode rotated = copy.deepCopy();
    assertThat(onlyK2.decryptAll(rotated)).isZero();
    assertThat(rotated.toString()).isEqualTo("{\"idNumber\":\"11010519491231002X\",\"phones\":[\"138\"]}");
    assertThat(onlyK2.decryptAll(payload.deepCopy())).isEqualTo(2);
    assertThatThrownBy(() -> onlyK2.decrypt(payload.get("idNumber").asString()))
        .hasMessageContaining("key 'k1', which this catalog does not hold");
    // a value no key of the ring opens is left for a key that might: rotation never destroys it
    ObjectNode foreign = payload.deepCopy();
    assertThat(onlyK2.rotateAll(foreign)).isEqualTo(new FieldCipher.Rotated(0, 2));
    assertThat(foreign).isEqualTo(payload);
  }

  /** Values of the first format name no key: any key of the ring that opens them is theirs. */
  @Test
  void aFirstFormatValueIsReadWithWhicheverKeyOpensItAndRotatedToTheNamedFormat() throws Exception {
    javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    byte[] iv = new byte[12];
    aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key((byte) 5), "AES"),
        new javax.crypto.spec.GCMParameterSpec(128, iv));
    byte[] sealed = aes.doFinal("\"13800000000\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String v1 = "enc:v1:" + b64(java.nio.ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
    FieldCipher ring = new FieldCipher(FieldCipher.KeyRing.parse("k2", b64(key((byte) 2)), "database:" + b64(key((byte) 5))));
    assertThat(ring.decrypt(v1).asString()).isEqualTo("13800000000");
    assertThat(ring.stale(v1)).isTrue();
    ObjectNode payload = JSON.createObjectNode().put("phone", v1);
    assertThat(ring.rotateAll(payload).values()).isEqualTo(1);
    assertThat(payload.get("phone").asString()).startsWith("enc:v2:k2:");
  }

  static String b64(byte[] bytes) {
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }
}
