package org.enterprisebrain.registry.deployments;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signs what the registry tells the scoring job. The job runs the artifact a deployment carries: unsigned,
 * anybody who can write the topic would run code there. The signature is SHA256withRSA over the deployment id,
 * a newline and the record's value (nothing for an undeploy), base64 in the record header {@value #HEADER}; the
 * job verifies it with the public key or certificate it is given (BRAIN_ANALYTICS_DEPLOYMENT_KEY) and refuses
 * anything else.
 */
@Component
public class DeploymentSigner {

  public static final String HEADER = "brain-signature";
  static final String ALGORITHM = "SHA256withRSA";

  private final PrivateKey key;

  /**
   * @param pem BRAIN_REGISTRY_SIGNING_KEY: an RSA private key in PEM, PKCS#8 ({@code PRIVATE KEY}) or PKCS#1
   *            ({@code RSA PRIVATE KEY}, what Helm's genSelfSignedCert writes); no default ships
   */
  public DeploymentSigner(@Value("${brain.registry.signing-key:}") String pem) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalStateException("BRAIN_REGISTRY_SIGNING_KEY is not set: the RSA key deployments are signed "
          + "with has no default (the Helm chart generates one per install; brain up keeps one in its data)");
    }
    this.key = privateKey(pem);
  }

  /** The header value for the record {@code id → value} ({@code value} null: an undeploy). */
  public byte[] sign(String id, byte[] value) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(key);
      signature.update(id.getBytes(StandardCharsets.UTF_8));
      signature.update((byte) '\n');
      if (value != null) {
        signature.update(value);
      }
      return Base64.getEncoder().encode(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing deployment " + id + ": " + e.getMessage(), e);
    }
  }

  static PrivateKey privateKey(String pem) {
    boolean pkcs1 = pem.contains("-----BEGIN RSA PRIVATE KEY-----");
    if (!pkcs1 && !pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalStateException("BRAIN_REGISTRY_SIGNING_KEY is not a PEM RSA private key "
          + "(BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("BRAIN_REGISTRY_SIGNING_KEY cannot be read as an RSA key: " + e.getMessage(), e);
    }
  }

  /**
   * A PKCS#1 RSAPrivateKey wrapped as the PKCS#8 PrivateKeyInfo the JDK reads (RFC 5208): version 0, the
   * rsaEncryption algorithm with NULL parameters, the PKCS#1 bytes as an OCTET STRING.
   */
  static byte[] pkcs8(byte[] pkcs1) {
    byte[] version = {0x02, 0x01, 0x00};
    byte[] rsaEncryption = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
        0x01, 0x05, 0x00};
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(version);
    body.writeBytes(rsaEncryption);
    body.writeBytes(der(0x04, pkcs1));
    return der(0x30, body.toByteArray());
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
