package de.poststelle.crypto.keys;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.security.PrivateKey;

/** The stored form of S/MIME private keys: PKCS#8 DER. */
final class PrivateKeys {

    private PrivateKeys() {
    }

    static byte[] encode(PrivateKey key) {
        return key.getEncoded();
    }

    static PrivateKey decode(byte[] pkcs8) {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(PrivateKeyInfo.getInstance(pkcs8));
        } catch (PEMException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored private key is not PKCS#8", e);
        }
    }
}
