package de.poststelle.crypto.keys;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

import java.util.Date;

/** OpenPGP keys made in the test: an ECDSA P-256 primary key with one user id. */
final class TestPgpKeys {

    record Generated(byte[] publicKey, byte[] secretKey) {
    }

    private TestPgpKeys() {
    }

    static Generated generate(String userId) throws Exception {
        JcaPGPKeyPair primary = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PGPPublicKey.ECDSA,
                RevocationTestPki.ecKeys(), new Date());
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId,
                new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1), null, null,
                new JcaPGPContentSignerBuilder(PGPPublicKey.ECDSA, HashAlgorithmTags.SHA256), null);
        return new Generated(rings.generatePublicKeyRing().getEncoded(), rings.generateSecretKeyRing().getEncoded());
    }
}
