package de.poststelle.core;

import java.util.Optional;

/**
 * An SMTP server we deliver to. Without {@code serverTrust} its certificate is not verified
 * (opportunistic TLS between MX hosts); with it, the server must present a certificate it anchors.
 */
public record NextHop(String host, int port, TlsMode tls, Optional<ClientCertificate> clientCertificate,
                      Optional<ServerTrust> serverTrust) {

    public NextHop {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public NextHop(String host, int port, TlsMode tls, Optional<ClientCertificate> clientCertificate) {
        this(host, port, tls, clientCertificate, Optional.empty());
    }

    public static NextHop of(String host, int port, TlsMode tls) {
        return new NextHop(host, port, tls, Optional.empty());
    }

    @Override
    public String toString() {
        return "[" + host + "]:" + port;
    }
}
