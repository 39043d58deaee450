package org.enterprisebrain.analytics.score;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The registry's signature on a deployment record (its DeploymentSigner): SHA256withRSA over the deployment id,
 * a newline and the record's value (nothing for an undeploy), base64 in the header {@value #HEADER}. The job
 * runs the artifact a deployment carries, so a record it cannot verify is refused, never loaded.
 */
public final class DeploymentSignature {

  public static final String HEADER = "brain-signature";
  static final String ALGORITHM = "SHA256withRSA";

  private DeploymentSignature() {
  }

  /**
   * @param pem BRAIN_ANALYTICS_DEPLOYMENT_KEY: the registry's certificate ({@code CERTIFICATE}, what the Helm
   *            chart generates) or public key ({@code PUBLIC KEY}) in PEM
   */
  public static PublicKey publicKey(String pem) {
    try {
      if (pem.contains("-----BEGIN CERTIFICATE-----")) {
        return CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)))
            .getPublicKey();
      }
      if (pem.contains("-----BEGIN PUBLIC KEY-----")) {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
            Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip())));
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("BRAIN_ANALYTICS_DEPLOYMENT_KEY cannot be read: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("BRAIN_ANALYTICS_DEPLOYMENT_KEY is neither a PEM certificate nor a PEM "
        + "public key");
  }

  /** True when {@code header} is the registry's signature of {@code id → value}. */
  public static boolean verify(PublicKey key, String id, byte[] value, byte[] header) {
    if (header == null) {
      return false;
    }
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initVerify(key);
      update(signature, id, value);
      return signature.verify(Base64.getDecoder().decode(header));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** What the registry does, for the tests and the benchmark that publish deployments without it. */
  public static byte[] sign(PrivateKey key, String id, byte[] value) throws GeneralSecurityException {
    Signature signature = Signature.getInstance(ALGORITHM);
    signature.initSign(key);
    update(signature, id, value);
    return Base64.getEncoder().encode(signature.sign());
  }

  private static void update(Signature signature, String id, byte[] value) throws GeneralSecurityException {
    signature.update(id.getBytes(StandardCharsets.UTF_8));
    signature.update((byte) '\n');
    if (value != null) {
      signature.update(value);
    }
  }
}
