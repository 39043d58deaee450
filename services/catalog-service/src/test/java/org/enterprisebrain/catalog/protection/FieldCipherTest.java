package org.enterprisebrain.catalog.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class FieldCipherTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  final FieldCipher cipher = new FieldCipher(key((byte) 7));

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
    assertThatThrownBy(() -> new FieldCipher(key((byte) 8)).decrypt(sealed)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new FieldCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aValueSentLookingEncryptedIsHiddenNotAnError() {
    ObjectNode payload = (ObjectNode) JSON.readTree("{\"remark\":\"enc:v1:not-really\",\"ok\":\"x\"}");
    assertThat(cipher.decryptAll(payload)).isEqualTo(1);
    assertThat(payload.toString()).isEqualTo("{\"remark\":\"***\",\"ok\":\"x\"}");
  }
}
