package org.enterprisebrain.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tokens an attacker would try, each refused with 401 by every service and the gateway: no signature (alg none),
 * another key under the realm's key id, the realm's public key used as an HMAC secret (algorithm confusion), a
 * payload changed after signing, another realm's genuine token (wrong issuer), a genuine token of this realm
 * minted for another application (wrong audience), an expired one, a malformed one; an oversized header is
 * refused as a client error, never a 5xx. A genuine token on the same operation passes: the refusals are the
 * forgeries', not the operation's.
 *
 * <p>Not yet valid ({@code nbf} ahead) is not among them: Keycloak never issues {@code nbf}, so the only such
 * token is one signed by another key, refused for its signature first.
 */
public final class ForgedTokens {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private ForgedTokens() {
  }

  /** Every forgery against one URL that a genuine admin token may GET. */
  public static void assertRefusedAt(String url, Duration clockSkew) throws Exception {
    String expiring = RealKeycloak.clientToken("short-lived");
    Instant expires = Instant.ofEpochSecond(payload(expiring).path("exp").asLong());
    String genuine = RealKeycloak.clientToken("plant-admin");
    assertThat(get(url, genuine).statusCode()).as("a genuine admin token on " + url).isNotIn(401, 403);

    String[] parts = genuine.split("\\.");
    Map<String, String> forged = new LinkedHashMap<>();
    forged.put("alg none", B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + parts[1] + ".");
    forged.put("another key under the realm's kid", signedByAnotherKey(parts[0], parts[1]));
    forged.put("the realm's public key as an HMAC secret", hmacWithPublicKey(parts[0], parts[1]));
    ObjectNode changed = payload(genuine);
    changed.putArray("plants").add("*").add("nb-02");
    changed.withObject("realm_access").putArray("roles").add("admin").add("auditor").add("data-engineer");
    forged.put("payload changed after signing", parts[0] + "." + B64.encodeToString(
        ServiceCalls.JSON.writeValueAsBytes(changed)) + "." + parts[2]);
    forged.put("another realm's token (wrong issuer)", RealKeycloak.server().adminToken());
    forged.put("this realm's token for another application (wrong audience)", RealKeycloak.clientToken("other-app"));
    forged.put("malformed", "not.a.jwt");

    List<String> accepted = new ArrayList<>();
    for (Map.Entry<String, String> f : forged.entrySet()) {
      HttpResponse<String> answer = get(url, f.getValue());
      if (answer.statusCode() != 401 || !answer.headers().firstValue("Content-Type").orElse("")
          .startsWith("application/problem+json")) {
        accepted.add(f.getKey() + ": " + answer.statusCode() + " " + answer.body());
      }
      if (f.getKey().contains("audience")) {
        assertThat(answer.body()).as("the refusal names the audience").contains("audience");
      }
    }
    int oversized = oversizedHeaderStatus(url, genuine + "A".repeat(64 * 1024));
    if (oversized < 400 || oversized >= 500) {
      accepted.add("64 KiB Authorization header: " + oversized);
    }
    Duration wait = Duration.between(Instant.now(), expires.plus(clockSkew).plusSeconds(1));
    if (!wait.isNegative()) {
      Thread.sleep(wait.toMillis());
    }
    HttpResponse<String> expired = get(url, expiring);
    if (expired.statusCode() != 401 || !expired.body().toLowerCase().contains("expired")) {
      accepted.add("expired: " + expired.statusCode() + " " + expired.body());
    }
    assertThat(accepted).as("forged tokens not refused with 401 by " + url).isEmpty();
  }

  static ObjectNode payload(String token) {
    return (ObjectNode) ServiceCalls.JSON.readTree(B64D.decode(token.split("\\.")[1]));
  }

  private static String signedByAnotherKey(String header, String payload) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(generator.generateKeyPair().getPrivate());
    rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
    return header + "." + payload + "." + B64.encodeToString(rsa.sign());
  }

  /** The classic confusion: HS256 keyed with the realm's published certificate, under the realm's kid. */
  private static String hmacWithPublicKey(String genuineHeader, String payload) throws Exception {
    JsonNode header = ServiceCalls.JSON.readTree(B64D.decode(genuineHeader));
    JsonNode keys = ServiceCalls.JSON.readTree(HTTP.send(HttpRequest.newBuilder(
        URI.create(RealKeycloak.issuer() + "/protocol/openid-connect/certs")).build(),
        HttpResponse.BodyHandlers.ofString()).body()).path("keys");
    String certificate = keys.valueStream().filter(k -> k.path("kid").asString().equals(header.path("kid").asString()))
        .findFirst().orElseThrow().path("x5c").get(0).asString();
    String hs = B64.encodeToString(("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + header.path("kid").asString()
        + "\"}").getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(certificate.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    return hs + "." + payload + "." + B64.encodeToString(
        mac.doFinal((hs + "." + payload).getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * The status a server answers a request whose header is over its limit. Netty answers 431 and closes the
   * connection while the client may still be writing the rest of the header; the unread bytes make the close a
   * reset, which can reach the client before the answer does (seen once in a few runs as a request that never
   * completed). So each attempt is a new connection with its own client, and a reset or a silence is tried again,
   * up to three times; a server that never answers fails the check.
   */
  private static int oversizedHeaderStatus(String url, String token) throws Exception {
    java.io.IOException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      try {
        return fresh.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding())
            .statusCode();
      } catch (java.io.IOException resetOrSilence) {
        last = resetOrSilence;
      }
    }
    throw new AssertionError("no answer to a 64 KiB Authorization header from " + url + " in 3 attempts", last);
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
