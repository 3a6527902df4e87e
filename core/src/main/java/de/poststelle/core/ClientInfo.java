package de.poststelle.core;

import java.net.InetAddress;
import java.time.Instant;

/** What the inbound SMTP session knows about the peer that handed a mail to us. */
public record ClientInfo(InetAddress address, String heloName, boolean tls, String tlsProtocol, Instant connectedAt) {
}
