package de.poststelle.crypto.pgp;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * The tenant's own OpenPGP secret key as an admin uploads it: protected by a passphrase, which is
 * asked for once to unlock it. The gateway needs the key without passphrase at every mail; the key
 * store protects it at rest with its master key instead.
 *
 * @param key what the key is, for the admin and the key store
 * @param secretKey the binary transferable secret key, every secret part without passphrase
 */
public record PgpSecretKeyImport(PgpPublicKeyInfo key, byte[] secretKey) {

    /** The key was read, but the passphrase does not unlock it. */
    public static final class WrongPassphrase extends PgpException {
        WrongPassphrase(Throwable cause) {
            super("the passphrase does not unlock the OpenPGP secret key", cause);
        }
    }

    public PgpSecretKeyImport {
        secretKey = secretKey.clone();
    }

    @Override
    public byte[] secretKey() {
        return secretKey.clone();
    }

    /**
     * @param encoded an armored or binary transferable secret key (as {@code gpg --export-secret-keys} writes it)
     * @param passphrase its passphrase; empty for a key without one
     * @param at the time for validity questions, usually now
     * @throws WrongPassphrase if the passphrase does not unlock the key
     * @throws PgpException if {@code encoded} holds no secret key
     */
    public static PgpSecretKeyImport unlock(byte[] encoded, char[] passphrase, Instant at) throws PgpException {
        PGPSecretKeyRing ring = PgpKeys.secretKey(encoded).getPGPSecretKeyRing();
        PBESecretKeyDecryptor decryptor = new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                .build(passphrase);
        List<PGPSecretKey> unlocked = new ArrayList<>();
        try {
            for (PGPSecretKey secret : ring) {
                // A stub without secret part (gpg's offline primary key) has nothing to unlock.
                unlocked.add(secret.isPrivateKeyEmpty() ? secret
                        : PGPSecretKey.copyWithNewPassword(secret, decryptor, null));
            }
            byte[] plain = new PGPSecretKeyRing(unlocked).getEncoded();
            return new PgpSecretKeyImport(PgpPublicKeyInfo.read(plain, at), plain);
        } catch (PGPException | RuntimeException e) {
            throw new WrongPassphrase(e);
        } catch (IOException e) {
            throw new PgpException("cannot encode key: " + e.getMessage(), e);
        }
    }
}
