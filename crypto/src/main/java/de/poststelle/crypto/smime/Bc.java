package de.poststelle.crypto.smime;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider instance used by this package. It is passed explicitly to every JCA
 * builder instead of being registered globally. BC's AES-GCM also decrypts in a streaming way
 * (the JDK's SunJCE buffers the whole ciphertext until the tag is checked).
 */
final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();

    private Bc() {
    }
}
