package org.enterprisebrain.servers;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** The secrets the platform makes for itself (passwords, keys), all from the system's strong random source. */
public final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {
  }

  public static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** {@code n} random bytes as hex: a password every config file, command line and URL takes as it is. */
  public static String randomHex(int n) {
    return HexFormat.of().formatHex(randomBytes(n));
  }

  /** {@code n} random bytes as unpadded base64url ([A-Za-z0-9_-]): nothing in it can end a quoted literal. */
  public static String randomUrlSafe(int n) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(n));
  }
}
