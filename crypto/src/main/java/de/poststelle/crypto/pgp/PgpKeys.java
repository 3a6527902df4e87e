package de.poststelle.crypto.pgp;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPImplementation;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPImplementation;

/** Reading keys in the forms the key store hands out, and the BouncyCastle implementation this package uses. */
final class PgpKeys {

    /** BouncyCastle's lightweight implementation: no JCA provider to register. */
    static final OpenPGPImplementation IMPLEMENTATION = new BcOpenPGPImplementation();

    private static final SecureRandom RANDOM = new SecureRandom();

    private PgpKeys() {
    }

    /** A transferable public key (a secret key is reduced to its public part), armored or binary. */
    static OpenPGPCertificate certificate(byte[] encoded) throws PgpException {
        try {
            OpenPGPCertificate cert = new OpenPGPKeyReader(IMPLEMENTATION).parseCertificateOrKey(encoded);
            if (cert == null) {
                throw new PgpException("no OpenPGP key found");
            }
            return cert instanceof OpenPGPKey key ? key.toCertificate() : cert;
        } catch (IOException | RuntimeException e) {
            throw new PgpException("not a readable OpenPGP public key: " + e.getMessage(), e);
        }
    }

    /** All transferable public keys (secret keys reduced) in a sequence of keys, armored or binary. */
    static List<OpenPGPCertificate> certificates(byte[] encoded) throws PgpException {
        try {
            List<OpenPGPCertificate> certs = new ArrayList<>();
            for (OpenPGPCertificate cert : new OpenPGPKeyReader(IMPLEMENTATION).parseKeysOrCertificates(encoded)) {
                certs.add(cert instanceof OpenPGPKey key ? key.toCertificate() : cert);
            }
            if (certs.isEmpty()) {
                throw new PgpException("no OpenPGP key found");
            }
            return certs;
        } catch (IOException | RuntimeException e) {
            throw new PgpException("not readable OpenPGP public keys: " + e.getMessage(), e);
        }
    }

    /** A transferable secret key without passphrase, armored or binary. */
    static OpenPGPKey secretKey(byte[] encoded) throws PgpException {
        try {
            OpenPGPKey key = new OpenPGPKeyReader(IMPLEMENTATION).parseKey(encoded);
            if (key == null) {
                throw new PgpException("no OpenPGP secret key found");
            }
            return key;
        } catch (IOException | RuntimeException e) {
            throw new PgpException("not a readable OpenPGP secret key: " + e.getMessage(), e);
        }
    }

    /** Upper-case hex without spaces, as gpg prints it with {@code --with-colons}. */
    static String hex(byte[] fingerprint) {
        return HexFormat.of().formatHex(fingerprint).toUpperCase(Locale.ROOT);
    }

    /**
     * ASCII armor without headers but with the CRC line RFC 9580 made optional: GnuPG 2.2 does not
     * find the end of the armor without it when the last line has no base64 padding.
     */
    static ArmoredOutputStream armor(OutputStream out) {
        return ArmoredOutputStream.builder().clearHeaders().enableCRC(true).build(out);
    }

    /** A fresh MIME boundary. */
    static String boundary(String prefix) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return prefix + HexFormat.of().formatHex(random);
    }
}
