package de.poststelle.smtp.delivery;

import de.poststelle.core.ClientCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * SSL socket factories for STARTTLS, one per client certificate, built once because loading a
 * PKCS#12 file and initialising an {@link SSLContext} is too slow to do per connection.
 */
final class TlsSocketFactories {

    private final Map<Optional<ClientCertificate>, SSLSocketFactory> factories = new ConcurrentHashMap<>();

    SSLSocketFactory forClientCertificate(Optional<ClientCertificate> certificate)
            throws GeneralSecurityException, IOException {
        SSLSocketFactory factory = factories.get(certificate);
        if (factory == null) {
            factory = create(certificate);
            factories.putIfAbsent(certificate, factory);
        }
        return factory;
    }

    private static SSLSocketFactory create(Optional<ClientCertificate> certificate)
            throws GeneralSecurityException, IOException {
        KeyManager[] keyManagers = certificate.isPresent() ? keyManagers(certificate.get()) : null;
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, new TrustManager[] {new UnverifiedServerTrust()}, null);
        return context.getSocketFactory();
    }

    private static KeyManager[] keyManagers(ClientCertificate certificate)
            throws GeneralSecurityException, IOException {
        char[] password = certificate.password().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificate.pkcs12File())) {
            store.load(in, password);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }
}
