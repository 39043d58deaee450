package org.enterprisebrain.connector.mqtt;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;

/** The certificates an mqtts:// connection trusts instead of the Java trust store: a plant's CA, or a broker's own. */
public final class BrokerTrust {

  private BrokerTrust() {
  }

  /** The X.509 certificates of a PEM text; what is no certificate is refused, saying why. */
  public static List<Certificate> certificates(String pem) {
    try {
      List<Certificate> found = new ArrayList<>(CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
      if (found.isEmpty()) {
        throw new IllegalArgumentException("holds no certificate");
      }
      return found;
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM X.509 certificate: " + e.getMessage());
    }
  }

  /** A trust manager factory that trusts exactly the PEM's certificates. */
  public static TrustManagerFactory trusting(String pem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      List<Certificate> certificates = certificates(pem);
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("trusted-" + i, certificates.get(i));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("the trusted certificates cannot be loaded: " + e.getMessage(), e);
    }
  }
}
