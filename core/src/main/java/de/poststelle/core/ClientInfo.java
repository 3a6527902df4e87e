package de.poststelle.core;

import java.net.InetAddress;
import java.time.Instant;

/** What the inbound SMTP session knows about the peer that handed a mail to us. */
public record ClientInfo(InetAddress address, String heloName, boolean tls, String tlsProtocol, Instant connectedAt) {

    /** The gateway itself, as the client of a mail it writes (a bounce, a notice). */
    public static ClientInfo local(String hostname, Instant now) {
        return new ClientInfo(InetAddress.getLoopbackAddress(), hostname, false, null, now);
    }
}
