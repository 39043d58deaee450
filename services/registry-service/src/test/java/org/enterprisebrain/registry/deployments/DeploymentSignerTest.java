package org.enterprisebrain.registry.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import org.junit.jupiter.api.Test;

public class DeploymentSignerTest {

  public static String resource(String name) {
    try (InputStream in = DeploymentSignerTest.class.getResourceAsStream("/model-signing/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PublicKey certificateKey() throws Exception {
    return CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(resource("cert.pem").getBytes(StandardCharsets.US_ASCII))).getPublicKey();
  }

  /** What the scoring job checks: SHA256withRSA over id, newline, value, with the certificate's key. */
  public static boolean verifies(byte[] header, String id, byte[] value) throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(certificateKey());
    s.update((id + "\n").getBytes(StandardCharsets.UTF_8));
    if (value != null) {
      s.update(value);
    }
    return s.verify(Base64.getDecoder().decode(header));
  }

  @Test
  void theKeyHelmWritesAndThePkcs8FormSignTheSameAndTheCertificateVerifies() throws Exception {
    byte[] value = "{\"id\":\"spindle\",\"kind\":\"onnx\"}".getBytes(StandardCharsets.UTF_8);
    byte[] fromPkcs1 = new DeploymentSigner(resource("pkcs1.pem")).sign("spindle", value);
    byte[] fromPkcs8 = new DeploymentSigner(resource("key.pem")).sign("spindle", value);
    assertThat(fromPkcs1).as("PKCS#1 v1.5 signatures are deterministic: the same key").isEqualTo(fromPkcs8);
    assertThat(verifies(fromPkcs1, "spindle", value)).isTrue();
    // bound to the id and the value, and an undeploy (no value) is signed too
    assertThat(verifies(fromPkcs1, "other", value)).isFalse();
    assertThat(verifies(fromPkcs1, "spindle", "{}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(verifies(new DeploymentSigner(resource("pkcs1.pem")).sign("spindle", null), "spindle", null)).isTrue();
  }

  @Test
  void noKeyOrNotAKeyStopsTheRegistryNamingTheVariable() {
    assertThatThrownBy(() -> new DeploymentSigner("")).hasMessageStartingWith("BRAIN_REGISTRY_SIGNING_KEY is not set");
    assertThatThrownBy(() -> new DeploymentSigner("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
        .hasMessageContaining("not a PEM RSA private key");
    assertThatThrownBy(() -> new DeploymentSigner("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
        .hasMessageContaining("cannot be read as an RSA key");
  }
}
