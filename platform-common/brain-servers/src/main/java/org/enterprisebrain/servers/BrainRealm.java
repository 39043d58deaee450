package org.enterprisebrain.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's Keycloak realm {@code brain} (keycloak/brain-realm.json): roles, the console client,
 * integrator clients with their plant and source-system scope, and demo users. Demo secrets and
 * passwords are read from the realm file itself, so tests and {@code brain up} never drift from it.
 */
public final class BrainRealm {

  public static final String NAME = "brain";
  public static final String CONSOLE_CLIENT = "brain-console";
  private static final String RESOURCE = "keycloak/brain-realm.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private BrainRealm() {
  }

  private static final String JSON_TEXT = read();
  private static final JsonNode REALM = JSON.readTree(JSON_TEXT);

  public static String json() {
    return JSON_TEXT;
  }

  private static String read() {
    try (InputStream in = BrainRealm.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String demoSecret(String clientId) {
    for (JsonNode client : REALM.path("clients")) {
      if (clientId.equals(client.path("clientId").asString())) {
        return client.path("secret").asString();
      }
    }
    throw new IllegalArgumentException("no client " + clientId + " in the brain realm");
  }

  public static String demoPassword(String username) {
    for (JsonNode user : REALM.path("users")) {
      if (username.equals(user.path("username").asString())) {
        return user.path("credentials").path(0).path("value").asString();
      }
    }
    throw new IllegalArgumentException("no user " + username + " in the brain realm");
  }
}
