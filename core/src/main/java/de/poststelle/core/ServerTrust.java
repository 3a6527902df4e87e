package de.poststelle.core;

import java.nio.file.Path;

/** A PKCS#12 trust store with the certificates (or their CAs) a next hop's server must present. */
public record ServerTrust(Path pkcs12File, String password) {
}
