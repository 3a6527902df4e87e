package de.poststelle.crypto.pgp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Date;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyGenerator;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;

/** OpenPGP keys generated with BouncyCastle for tests, in the binary form the key store hands out. */
public record TestKeys(String fingerprint, byte[] secret, byte[] publicKey) {

    public enum Kind { RSA, P256, CURVE25519_LEGACY, V6_ED25519 }

    public static TestKeys generate(Kind kind, String userId) throws PGPException {
        OpenPGPKey key = switch (kind) {
            case RSA -> generator(PublicKeyPacket.VERSION_4)
                    .withPrimaryKey(g -> g.generateRsaKeyPair(2048)).addUserId(userId)
                    .addSigningSubkey(g -> g.generateRsaKeyPair(2048))
                    .addEncryptionSubkey(g -> g.generateRsaKeyPair(2048)).build();
            case P256 -> generator(PublicKeyPacket.VERSION_4)
                    .withPrimaryKey(g -> g.generateNistP256ECDSAKeyPair()).addUserId(userId)
                    .addSigningSubkey(g -> g.generateNistP256ECDSAKeyPair())
                    .addEncryptionSubkey(g -> g.generateNistP256ECDHKeyPair()).build();
            case CURVE25519_LEGACY -> generator(PublicKeyPacket.VERSION_4)
                    .withPrimaryKey(g -> g.generateLegacyEd25519KeyPair()).addUserId(userId)
                    .addSigningSubkey(g -> g.generateLegacyEd25519KeyPair())
                    .addEncryptionSubkey(g -> g.generateLegacyX25519KeyPair()).build();
            case V6_ED25519 -> generator(PublicKeyPacket.VERSION_6).ed25519x25519Key(userId).build();
        };
        try {
            return new TestKeys(PgpKeys.hex(key.getFingerprint()), key.getEncoded(),
                    key.toCertificate().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OpenPGPKeyGenerator generator(int version) throws PGPException {
        return new BcOpenPGPApi(PgpKeys.IMPLEMENTATION).generateKey(version, new Date(), false);
    }
}
