package de.poststelle.core;

/** How a connection to a next hop uses TLS. */
public enum TlsMode {
    /** STARTTLS must succeed, otherwise the attempt fails temporarily. */
    REQUIRED,
    /** STARTTLS is used when the server offers it; certificates are not verified (RFC 7435). */
    OPPORTUNISTIC,
    /** Plain SMTP, for hops on a trusted network only. */
    NONE
}
