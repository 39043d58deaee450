package org.enterprisebrain.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientSecretsTest {

  @Test
  void anUnsetSecretStopsTheServiceNamingTheVariable() {
    for (String unset : new String[] {null, "", "  "}) {
      assertThatThrownBy(() -> ClientSecrets.required(unset, "BRAIN_REGISTRY_CLIENT_SECRET"))
          .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("BRAIN_REGISTRY_CLIENT_SECRET is not set");
    }
    assertThat(ClientSecrets.required("s3cret-of-this-plant", "X")).isEqualTo("s3cret-of-this-plant");
  }
}
