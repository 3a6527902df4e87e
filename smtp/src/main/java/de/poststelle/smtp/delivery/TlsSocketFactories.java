package de.poststelle.smtp.delivery;

import de.poststelle.core.ClientCertificate;
import de.poststelle.core.ServerTrust;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import javax.net.ssl.TrustManagerFactory;

/**
 * SSL socket factories for STARTTLS, one per client certificate and server trust, built once
 * because loading a PKCS#12 file and initialising an {@link SSLContext} is too slow to do per connection.
 */
final class TlsSocketFactories {

    private record Key(Optional<ClientCertificate> certificate, Optional<ServerTrust> trust) {
    }

    private final Map<Key, SSLSocketFactory> factories = new ConcurrentHashMap<>();

    SSLSocketFactory forHop(Optional<ClientCertificate> certificate, Optional<ServerTrust> trust)
            throws GeneralSecurityException, IOException {
        Key key = new Key(certificate, trust);
        SSLSocketFactory factory = factories.get(key);
        if (factory == null) {
            factory = create(certificate, trust);
            factories.putIfAbsent(key, factory);
        }
        return factory;
    }

    private static SSLSocketFactory create(Optional<ClientCertificate> certificate, Optional<ServerTrust> trust)
            throws GeneralSecurityException, IOException {
        KeyManager[] keyManagers = certificate.isPresent() ? keyManagers(certificate.get()) : null;
        TrustManager[] trustManagers = trust.isPresent()
                ? trustManagers(trust.get())
                : new TrustManager[] {new UnverifiedServerTrust()};
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trustManagers, null);
        return context.getSocketFactory();
    }

    private static KeyManager[] keyManagers(ClientCertificate certificate)
            throws GeneralSecurityException, IOException {
        char[] password = certificate.password().toCharArray();
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(load(certificate.pkcs12File(), password), password);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(ServerTrust trust) throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(load(trust.pkcs12File(), trust.password().toCharArray()));
        return factory.getTrustManagers();
    }

    private static KeyStore load(Path pkcs12File, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12File)) {
            store.load(in, password);
        }
        return store;
    }
}
