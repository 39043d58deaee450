package org.enterprisebrain.cli;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The local platform's model-signing key pair (the registry signs every deployment, the score job loads only
 * what verifies), made once per data directory and kept there owner-only, so deployments signed before a
 * restart still verify after it. A cluster gets its pair from the Helm chart instead.
 *
 * @param privatePem PKCS#8 PEM, for BRAIN_REGISTRY_SIGNING_KEY
 * @param publicPem  X.509 SubjectPublicKeyInfo PEM, for BRAIN_ANALYTICS_DEPLOYMENT_KEY
 */
record ModelSigningKeys(String privatePem, String publicPem) {

  static ModelSigningKeys in(Path dir) {
    Path file = dir.resolve("model-signing.pem");
    String privatePem = KeyFiles.readOrMake(file, () -> {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        return pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("RSA unavailable", e);
      }
    });
    try {
      RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
          Base64.getMimeDecoder().decode(privatePem.replaceAll("-----[A-Z ]+-----", "").strip())));
      byte[] publicKey = KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded();
      return new ModelSigningKeys(privatePem, pem("PUBLIC KEY", publicKey));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the model-signing key in " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
