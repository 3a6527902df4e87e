package de.poststelle.smtp.delivery;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts any server certificate. SMTP between MX hosts encrypts opportunistically without
 * authenticating the peer (RFC 7435): rejecting self-signed certificates would only push the
 * mail back to plain text. Since this is the one place that sees every handshake, it also logs
 * the negotiated protocol, so operators can tell which connections were encrypted and how.
 */
final class UnverifiedServerTrust extends X509ExtendedTrustManager {

    private static final Logger log = LoggerFactory.getLogger(UnverifiedServerTrust.class);

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() != null) {
            SSLSession handshake = ssl.getHandshakeSession();
            log.info("TLS to {} using {} {}, server certificate {} not verified (RFC 7435)",
                    socket.getRemoteSocketAddress(), handshake.getProtocol(), handshake.getCipherSuite(),
                    chain.length > 0 ? chain[0].getSubjectX500Principal().getName() : "(none)");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("used for outbound connections only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("used for outbound connections only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("used for outbound connections only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
