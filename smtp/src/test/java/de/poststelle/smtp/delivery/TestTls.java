package de.poststelle.smtp.delivery;

import de.poststelle.core.ClientCertificate;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** TLS material for tests: GreenMail's self-signed key pair serves as server and as client certificate. */
final class TestTls {

    private static final String KEY_STORE = "/greenmail.p12";
    private static final String PASSWORD = "changeit";

    private TestTls() {
    }

    /** A server context that accepts any client certificate, so tests can see whether one was sent. */
    static SSLContext serverContext() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TestTls.class.getResourceAsStream(KEY_STORE)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), new TrustManager[] {new AnyClient()}, null);
        return context;
    }

    static ClientCertificate clientCertificate(Path directory) throws Exception {
        Path file = directory.resolve("client.p12");
        try (InputStream in = TestTls.class.getResourceAsStream(KEY_STORE)) {
            Files.copy(in, file);
        }
        return new ClientCertificate(file, PASSWORD);
    }

    private static final class AnyClient implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
