package de.poststelle.core;

import java.util.Optional;

/** An SMTP server we deliver to. */
public record NextHop(String host, int port, TlsMode tls, Optional<ClientCertificate> clientCertificate) {

    public NextHop {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static NextHop of(String host, int port, TlsMode tls) {
        return new NextHop(host, port, tls, Optional.empty());
    }

    @Override
    public String toString() {
        return "[" + host + "]:" + port;
    }
}
