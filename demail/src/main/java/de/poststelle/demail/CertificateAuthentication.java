package de.poststelle.demail;

import de.poststelle.core.ClientInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Recognises a client by its TLS certificate: it must chain to the given trust store and be valid
 * for client authentication. The gateway knows the De-Mail provider's connection this way (its
 * trust store holds the provider's certificate or CA, nothing else), and the simulated provider
 * knows the gateway.
 */
public final class CertificateAuthentication implements Predicate<ClientInfo> {

    private final X509TrustManager trust;

    private CertificateAuthentication(X509TrustManager trust) {
        this.trust = trust;
    }

    public static CertificateAuthentication fromTrustStore(Path pkcs12File, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12File)) {
            store.load(in, password.toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        TrustManager[] managers = factory.getTrustManagers();
        return new CertificateAuthentication(Arrays.stream(managers)
                .filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast)
                .findFirst().orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager")));
    }

    @Override
    public boolean test(ClientInfo client) {
        List<X509Certificate> chain = client.certificateChain();
        if (!client.tls() || chain.isEmpty()) {
            return false;
        }
        try {
            trust.checkClientTrusted(chain.toArray(X509Certificate[]::new), chain.getFirst().getPublicKey().getAlgorithm());
            return true;
        } catch (CertificateException notTheProvider) {
            return false;
        }
    }
}
