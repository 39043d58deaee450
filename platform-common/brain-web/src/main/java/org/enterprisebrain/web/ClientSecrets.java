package org.enterprisebrain.web;

/**
 * A service's Keycloak client secret is configuration without a default: a default baked into an image is the
 * same secret in every plant that runs it. The chart generates one per install; {@code brain up} passes the local
 * demo realm's.
 */
public final class ClientSecrets {

  private ClientSecrets() {
  }

  /**
   * @param variable the environment variable that sets it, named in the refusal
   * @return the secret, when it is set
   * @throws IllegalStateException naming the variable, when it is empty
   */
  public static String required(String secret, String variable) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException(variable + " is not set: the service's Keycloak client secret has no default "
          + "(the Helm chart generates one per install into its Secret; brain up sets the local demo realm's)");
    }
    return secret;
  }
}
