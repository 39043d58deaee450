package org.enterprisebrain.analytics.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeploymentSignatureTest {

  static String resource(String name) throws IOException {
    try (InputStream in = DeploymentSignatureTest.class.getResourceAsStream("/model-signing/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /** The test's stand-in for the registry's key (PKCS#8 PEM). */
  static PrivateKey privateKey(String name) throws Exception {
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder()
        .decode(resource(name).replaceAll("-----[A-Z ]+-----", "").strip())));
  }

  @Test
  void onlyTheRegistrysSignatureOfThisIdAndValueVerifies() throws Exception {
    PublicKey registry = DeploymentSignature.publicKey(resource("cert.pem"));
    byte[] value = "{\"id\":\"spindle\"}".getBytes(StandardCharsets.UTF_8);
    byte[] signed = DeploymentSignature.sign(privateKey("key.pem"), "spindle", value);
    assertThat(DeploymentSignature.verify(registry, "spindle", value, signed)).isTrue();
    assertThat(DeploymentSignature.verify(registry, "spindle", "{\"id\":\"spindle\" }".getBytes(StandardCharsets.UTF_8),
        signed)).as("a changed value").isFalse();
    assertThat(DeploymentSignature.verify(registry, "marker", value, signed)).as("another id").isFalse();
    assertThat(DeploymentSignature.verify(registry, "spindle", value, null)).as("unsigned").isFalse();
    assertThat(DeploymentSignature.verify(registry, "spindle", value, "not base64!".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(DeploymentSignature.verify(registry, "spindle", value,
        DeploymentSignature.sign(privateKey("other-key.pem"), "spindle", value))).as("someone else's key").isFalse();
    // an undeploy is signed too: a forged tombstone would silently stop a model
    assertThat(DeploymentSignature.verify(registry, "spindle", null,
        DeploymentSignature.sign(privateKey("key.pem"), "spindle", null))).isTrue();
  }

  @Test
  void theKeyIsACertificateOrAPublicKeyInPem() throws Exception {
    PublicKey fromCertificate = DeploymentSignature.publicKey(resource("cert.pem"));
    String publicPem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(fromCertificate.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    assertThat(DeploymentSignature.publicKey(publicPem)).isEqualTo(fromCertificate);
    assertThatThrownBy(() -> DeploymentSignature.publicKey(resource("key.pem")))
        .hasMessageContaining("neither a PEM certificate nor a PEM public key");
  }
}
