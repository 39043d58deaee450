package org.enterprisebrain.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The security every service's API test asserts on its running service: the published authorization matrix of its
 * spec and the forged tokens. Last in classes that order their tests: the matrix calls every operation.
 */
public interface SecuredApi {

  /**
   * The running service under test.
   *
   * @param baseUrl e.g. {@code http://127.0.0.1:<port>}
   * @param spec the spec it serves, e.g. {@code catalog} for api-specs/catalog.yaml
   * @param clockSkew its tolerance on expiry: the expired forged token is used once it has passed
   */
  record Service(String baseUrl, String spec, Duration clockSkew) {
  }

  Service securedService();

  /**
   * Every operation of the spec × one caller per realm role and no token, answered as its x-roles says (and never
   * a 5xx for an admitted caller's bad request).
   */
  @Test
  @Order(100)
  default void everyOperationAdmitsExactlyTheRolesItsSpecNames() throws Exception {
    Service s = securedService();
    assertThat(AuthorizationMatrix.assertOn(s.baseUrl(), s.spec())).isGreaterThan(10);
  }

  /** Tokens an attacker would try, each refused with 401 by the service itself (not only by the gateway). */
  @Test
  @Order(101)
  default void forgedTokensAreRefused() throws Exception {
    Service s = securedService();
    ForgedTokens.assertRefusedAt(s.baseUrl() + AuthorizationMatrix.adminGet(s.spec()), s.clockSkew());
  }
}
