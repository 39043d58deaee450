package org.enterprisebrain.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;

/**
 * How a service or an analytics job reaches Elasticsearch, from the settings both read:
 * {@code BRAIN_ELASTICSEARCH_URL} (default the local demo's loopback node), {@code BRAIN_ELASTICSEARCH_USERNAME} and
 * {@code BRAIN_ELASTICSEARCH_PASSWORD} (the client's own user: in the chart each service and job has one, whose role
 * names only its indices), {@code BRAIN_ELASTICSEARCH_CA} (a PEM file of the certificates an {@code https} node's
 * certificate must chain to: ECK's {@code <name>-es-http-certs-public}; empty: the JDK's CAs). One reading for all,
 * so a service and a job given the same settings connect the same way.
 *
 * @param url the node, http or https
 * @param username empty: no credentials (the local demo's node has no security module)
 * @param caFile empty: the JDK's trusted CAs
 */
public record ElasticsearchConnection(String url, String username, String password, String caFile)
    implements Serializable {

  public static final String LOCAL = "http://127.0.0.1:9200";

  public ElasticsearchConnection {
    url = url == null || url.isBlank() ? LOCAL : url.trim();
    username = username == null ? "" : username.trim();
    password = password == null ? "" : password;
    caFile = caFile == null ? "" : caFile.trim();
    if (!caFile.isEmpty() && !url.toLowerCase(Locale.ROOT).startsWith("https://")) {
      // a CA for a plaintext URL means the TLS the operator asked for is not there: stop rather than send in clear
      throw new IllegalArgumentException("BRAIN_ELASTICSEARCH_CA is set but BRAIN_ELASTICSEARCH_URL " + url
          + " is not https");
    }
  }

  /** From {@code BRAIN_ELASTICSEARCH_*}; a missing or blank setting takes its default. */
  public static ElasticsearchConnection from(Function<String, String> env) {
    return new ElasticsearchConnection(env.apply("BRAIN_ELASTICSEARCH_URL"), env.apply("BRAIN_ELASTICSEARCH_USERNAME"),
        env.apply("BRAIN_ELASTICSEARCH_PASSWORD"), env.apply("BRAIN_ELASTICSEARCH_CA"));
  }

  /** An unsecured node at {@code url} (tests, the local demo). */
  public static ElasticsearchConnection open(String url) {
    return new ElasticsearchConnection(url, "", "", "");
  }

  /**
   * A REST client of the node: basic credentials on every request when a user is given, and over https the node's
   * certificate checked against {@code caFile} (host name included). {@code timeoutMs} 0: the client's defaults.
   */
  public RestClient client(int timeoutMs) {
    var builder = RestClient.builder(HttpHost.create(url));
    if (timeoutMs > 0) {
      builder.setRequestConfigCallback(c -> c.setConnectTimeout(timeoutMs).setSocketTimeout(timeoutMs));
    }
    if (!username.isEmpty()) {
      String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
      builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + basic)});
    }
    if (!caFile.isEmpty()) {
      SSLContext tls = trusting(Path.of(caFile));
      builder.setHttpClientConfigCallback(http -> http.setSSLContext(tls));
    }
    return builder.build();
  }

  /** A TLS context that trusts exactly the certificates in the PEM file {@code pem}. */
  static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("BRAIN_ELASTICSEARCH_CA: " + pem + " holds no certificate");
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("BRAIN_ELASTICSEARCH_CA: cannot read " + pem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("BRAIN_ELASTICSEARCH_CA: " + pem + " is not a PEM certificate: "
          + e.getMessage(), e);
    }
  }

  /** Never the password: settings are logged at start. */
  @Override
  public String toString() {
    return "ElasticsearchConnection[url=" + url + ", username=" + username + ", password="
        + (password.isEmpty() ? "" : "***") + ", caFile=" + caFile + "]";
  }
}
