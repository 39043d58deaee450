package org.enterprisebrain.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.enterprisebrain.servers.BrokerCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's side of Elasticsearch over TLS, against a real TLS server with a keytool-made certificate (the
 * Maven Central node has no security module, so ECK's https endpoint is stood in for by the JDK's HTTPS server,
 * which answers like the node's root). The node's side — TLS and the roles — is the chart's (HelmChartTest).
 */
class ElasticsearchConnectionTest {

  @TempDir
  static Path dir;
  static HttpsServer server;
  static BrokerCertificate certificate;
  static final AtomicReference<String> AUTHORIZATION = new AtomicReference<>();

  @BeforeAll
  static void serve() throws Exception {
    certificate = BrokerCertificate.selfSigned(dir.resolve("node"));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificate.keystore())) {
      keys.load(in, certificate.password().toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, certificate.password().toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      AUTHORIZATION.set(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = "{\"cluster_name\":\"brain\",\"tagline\":\"You Know, for Search\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  static String url() {
    return "https://localhost:" + server.getAddress().getPort();
  }

  @Test
  void anHttpsNodeSignedByTheGivenCaIsReachedWithTheClientsOwnLogin() throws Exception {
    var connection = ElasticsearchConnection.from(Map.of("BRAIN_ELASTICSEARCH_URL", url(),
        "BRAIN_ELASTICSEARCH_USERNAME", "brain-catalog", "BRAIN_ELASTICSEARCH_PASSWORD", "pä:ss",
        "BRAIN_ELASTICSEARCH_CA", certificate.certificate().toString())::get);
    try (RestClient client = connection.client(5000)) {
      var response = client.performRequest(new Request("GET", "/"));
      assertThat(response.getStatusLine().getStatusCode()).isEqualTo(200);
    }
    // a colon in the password is fine: only the first one splits
    assertThat(AUTHORIZATION.get()).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("brain-catalog:pä:ss".getBytes(StandardCharsets.UTF_8)));
    try (RestClient anonymous = new ElasticsearchConnection(url(), "", "ignored", certificate.certificate().toString())
        .client(5000)) {
      anonymous.performRequest(new Request("GET", "/"));
    }
    assertThat(AUTHORIZATION.get()).as("no user: no credentials").isNull();
  }

  @Test
  void aNodeWhoseCertificateAnotherCaSignedIsRefused() {
    BrokerCertificate stranger = BrokerCertificate.selfSigned(dir.resolve("stranger"));
    var connection = new ElasticsearchConnection(url(), "brain-catalog", "secret", stranger.certificate().toString());
    AUTHORIZATION.set(null);
    try (RestClient client = connection.client(5000)) {
      assertThatThrownBy(() -> client.performRequest(new Request("GET", "/"))).isInstanceOf(SSLException.class);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThat(AUTHORIZATION.get()).as("the password never left the client").isNull();
  }

  @Test
  void withoutACaTheJdksCasDecideAndDoNotKnowThisNode() throws Exception {
    try (RestClient client = new ElasticsearchConnection(url(), "", "", "").client(5000)) {
      assertThatThrownBy(() -> client.performRequest(new Request("GET", "/"))).isInstanceOf(SSLException.class);
    }
  }

  @Test
  void aCaForAPlaintextUrlIsAMistakeStoppedAtStart() {
    assertThatThrownBy(() -> new ElasticsearchConnection("http://brain-es-es-http:9200", "u", "p", "/etc/ca.crt"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BRAIN_ELASTICSEARCH_CA")
        .hasMessageContaining("not https");
  }

  @Test
  void aCaFileWithoutACertificateIsNamed() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
    var connection = new ElasticsearchConnection(url(), "", "", empty.toString());
    assertThatThrownBy(() -> connection.client(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(empty.toString());
  }

  @Test
  void defaultsAreTheLocalNodeAndThePasswordIsNeverShown() {
    var local = ElasticsearchConnection.from(Map.<String, String>of()::get);
    assertThat(local).isEqualTo(ElasticsearchConnection.open(ElasticsearchConnection.LOCAL));
    assertThat(new ElasticsearchConnection(url(), "u", "hunter2-secret", "").toString())
        .doesNotContain("hunter2-secret").contains("***");
  }
}
