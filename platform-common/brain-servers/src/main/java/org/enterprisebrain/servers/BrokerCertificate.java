package org.enterprisebrain.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A broker's TLS identity for a local server: a self-signed RSA key in a PKCS12 keystore (what the broker
 * presents) and its certificate as PEM (what clients trust, as they trust Strimzi's cluster CA in a cluster).
 * Made with the JDK's own {@code keytool}, valid for 127.0.0.1 and localhost so clients verify the host name.
 */
public record BrokerCertificate(Path keystore, String password, Path certificate) {

  public static BrokerCertificate selfSigned(Path dir) {
    try {
      Files.createDirectories(dir);
      Path keystore = dir.resolve("broker.p12");
      Path certificate = dir.resolve("broker.pem");
      Files.deleteIfExists(keystore);
      Files.deleteIfExists(certificate);
      String password = Secrets.randomHex(18);
      keytool(dir, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "3072", "-validity", "825",
          "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
          "-keystore", keystore.toString(), "-storepass", password);
      keytool(dir, "-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(),
          "-storepass", password, "-file", certificate.toString());
      return new BrokerCertificate(keystore, password, certificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void keytool(Path dir, String... args) {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    try (ManagedProcess tool = ManagedProcess.start("keytool", command, Map.of(), dir, dir.resolve("keytool.log"))) {
      tool.awaitReady(() -> !tool.isAlive(), Duration.ofMinutes(1));
      if (tool.exitValue() != 0) {
        throw new IllegalStateException("keytool " + args[0] + " failed: see " + dir.resolve("keytool.log"));
      }
    }
  }
}
