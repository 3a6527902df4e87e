package de.poststelle.core;

import java.nio.file.Path;

/** A PKCS#12 key store whose key and certificate we present when a next hop asks for one. */
public record ClientCertificate(Path pkcs12File, String password) {
}
