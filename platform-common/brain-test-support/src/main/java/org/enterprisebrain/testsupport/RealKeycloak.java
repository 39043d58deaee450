package org.enterprisebrain.testsupport;

import java.nio.file.Path;
import org.enterprisebrain.servers.BrainRealm;
import org.enterprisebrain.servers.KeycloakServer;
import org.enterprisebrain.servers.ManagedProcess;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real Keycloak with the platform's {@code brain} realm, started once per test JVM (its own
 * process, fresh database under target/) and stopped when the JVM ends.
 */
public final class RealKeycloak implements BeforeAllCallback {

  private static KeycloakServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server();
  }

  public static synchronized KeycloakServer server() {
    if (server == null) {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "keycloak-" + ProcessHandle.current().pid());
      KeycloakServer started = KeycloakServer.start(ManagedProcess.freePort(), dir.resolve("data"),
          dir.resolve("keycloak.log"));
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "real-keycloak-stop"));
      started.importRealm(BrainRealm.json());
      server = started;
    }
    return server;
  }

  public static String issuer() {
    return server().issuer(BrainRealm.NAME);
  }

  /** Token of a confidential integrator client of the brain realm (client-credentials grant). */
  public static String clientToken(String clientId) {
    return server().clientToken(BrainRealm.NAME, clientId, BrainRealm.demoSecret(clientId));
  }

  /** Token of a demo user of the brain realm (password grant through the public console client). */
  public static String userToken(String user) {
    return server().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, user, BrainRealm.demoPassword(user));
  }

  /** Lets the console client log a browser in on a page served at a port chosen at run time. */
  public static void allowConsoleRedirect(String redirectUri) {
    server().allowRedirect(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, redirectUri);
  }

  /** A service under test validates tokens of this realm (issuer and keys). */
  public static void resourceServer(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", RealKeycloak::issuer);
    registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
        () -> issuer() + "/protocol/openid-connect/certs");
  }
}
