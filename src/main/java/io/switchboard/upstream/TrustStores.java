package io.switchboard.upstream;

import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust material for HTTPS upstreams: the system's CAs plus a connector's own, so a private CA adds to the public ones
 * instead of replacing them.
 */
final class TrustStores {
    private TrustStores() {}

    static TrustOptions systemPlus(Path pemFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (X509Certificate ca : systemAuthorities()) {
                store.setCertificateEntry("system-" + index++, ca);
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            try (InputStream in = Files.newInputStream(pemFile)) {
                for (Certificate certificate : factory.generateCertificates(in)) {
                    store.setCertificateEntry("custom-" + index++, certificate);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return TrustOptions.wrap(trust);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CA file " + pemFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "CA file " + pemFile + " holds no usable certificate: " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] systemAuthorities() throws GeneralSecurityException {
        TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        for (TrustManager manager : defaults.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
