package de.poststelle.core;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What the inbound SMTP session knows about the peer that handed a mail to us.
 * {@code certificateChain} is what the client presented in the TLS handshake, leaf first, and is
 * NOT verified: whoever trusts a particular client checks the chain against its own trust anchors.
 */
public record ClientInfo(InetAddress address, String heloName, boolean tls, String tlsProtocol, Instant connectedAt,
                         List<X509Certificate> certificateChain) {

    public ClientInfo {
        certificateChain = List.copyOf(certificateChain);
    }

    /** A client that presented no certificate. */
    public ClientInfo(InetAddress address, String heloName, boolean tls, String tlsProtocol, Instant connectedAt) {
        this(address, heloName, tls, tlsProtocol, connectedAt, List.of());
    }

    /** The gateway itself, as the client of a mail it writes (a bounce, a notice). */
    public static ClientInfo local(String hostname, Instant now) {
        return new ClientInfo(InetAddress.getLoopbackAddress(), hostname, false, null, now);
    }
}
