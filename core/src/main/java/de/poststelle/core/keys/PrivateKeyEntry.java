package de.poststelle.core.keys;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A private key the gateway holds, with its certificate first and the chain up to (not always including) the root. */
public record PrivateKeyEntry(PrivateKey key, List<X509Certificate> chain) {

    public PrivateKeyEntry {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a private key entry needs its certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.getFirst();
    }
}
