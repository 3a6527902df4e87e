package de.poststelle.crypto.pgp;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;

/**
 * What an admin needs to see about an OpenPGP public key before approving it, and what the key
 * store keeps: read from an armored or binary transferable public key (v4, RFC 4880, or v6, RFC
 * 9580). Nothing here says the key is trustworthy; that is the approving admin's decision.
 *
 * @param fingerprint of the primary key, upper-case hex without spaces (40 digits for v4, 64 for v6)
 * @param version key version, 4 or 6
 * @param algorithm primary key algorithm and size, e.g. {@code RSA-3072}, {@code ECDSA-256}, {@code Ed25519}
 * @param userIds all user ids as they stand in the key, validly bound or not
 * @param addresses the e-mail addresses of the validly bound user ids, lower case
 * @param created creation time of the primary key
 * @param expires when the key expires, if it does
 * @param revoked whether the primary key carries a revocation
 * @param canEncrypt whether a subkey (or the primary key) can encrypt at the time asked
 * @param publicKey the binary transferable public key, without secret parts; what encryption takes
 */
public record PgpPublicKeyInfo(String fingerprint, int version, String algorithm, List<String> userIds,
        List<String> addresses, Instant created, Optional<Instant> expires, boolean revoked, boolean canEncrypt,
        byte[] publicKey) {

    public PgpPublicKeyInfo {
        userIds = List.copyOf(userIds);
        addresses = List.copyOf(addresses);
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * Reads a key as uploaded by an admin or found by discovery.
     *
     * @param encoded armored or binary; a secret key is accepted and reduced to its public part
     * @param at the time for validity questions (expiry, can encrypt), usually now
     */
    public static PgpPublicKeyInfo read(byte[] encoded, Instant at) throws PgpException {
        return of(PgpKeys.certificate(encoded), at);
    }

    /** Reads every key of a key ring collection, such as a WKD response may hold. */
    public static List<PgpPublicKeyInfo> readAll(byte[] encoded, Instant at) throws PgpException {
        List<PgpPublicKeyInfo> keys = new ArrayList<>();
        for (OpenPGPCertificate cert : PgpKeys.certificates(encoded)) {
            keys.add(of(cert, at));
        }
        return keys;
    }

    private static PgpPublicKeyInfo of(OpenPGPCertificate cert, Instant at) throws PgpException {
        Date when = Date.from(at);
        if (cert.getPrimaryKey().getLatestSelfSignature(when) == null) {
            throw new PgpException("the key has no self-signature valid at " + at + "; is the sender's clock ahead?");
        }
        PGPPublicKey primary = cert.getPrimaryKey().getPGPPublicKey();
        List<String> userIds = cert.getAllUserIds().stream().map(OpenPGPCertificate.OpenPGPUserId::getUserId).toList();
        Set<String> addresses = new LinkedHashSet<>();
        for (OpenPGPCertificate.OpenPGPUserId id : cert.getValidUserIds(when)) {
            address(id.getUserId()).ifPresent(addresses::add);
        }
        Date expires = cert.getExpirationTime(when);
        try {
            return new PgpPublicKeyInfo(PgpKeys.hex(cert.getFingerprint()), primary.getVersion(), algorithm(primary),
                    userIds, List.copyOf(addresses), primary.getCreationTime().toInstant(),
                    Optional.ofNullable(expires).map(Date::toInstant), cert.getRevocation(when) != null,
                    !cert.getEncryptionKeys(when).isEmpty(), cert.getEncoded());
        } catch (IOException e) {
            throw new PgpException("cannot encode key: " + e.getMessage(), e);
        }
    }

    /** A binary transferable key as ASCII armor, for export. */
    public static String armor(byte[] binary) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = PgpKeys.armor(text)) {
            armored.write(binary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString(StandardCharsets.US_ASCII);
    }

    /** The address in a user id such as {@code Erika Muster <erika@example.org>} or {@code erika@example.org}. */
    static Optional<String> address(String userId) {
        try {
            InternetAddress a = new InternetAddress(userId, false);
            String address = a.getAddress();
            return address != null && address.contains("@")
                    ? Optional.of(address.toLowerCase(Locale.ROOT)) : Optional.empty();
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    private static String algorithm(PGPPublicKey key) {
        return switch (key.getAlgorithm()) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN,
                    PublicKeyAlgorithmTags.RSA_ENCRYPT -> "RSA-" + key.getBitStrength();
            case PublicKeyAlgorithmTags.ECDSA -> "ECDSA-" + key.getBitStrength();
            case PublicKeyAlgorithmTags.ECDH -> "ECDH-" + key.getBitStrength();
            case PublicKeyAlgorithmTags.EDDSA_LEGACY -> "EdDSA-" + key.getBitStrength();
            case PublicKeyAlgorithmTags.Ed25519 -> "Ed25519";
            case PublicKeyAlgorithmTags.Ed448 -> "Ed448";
            case PublicKeyAlgorithmTags.X25519 -> "X25519";
            case PublicKeyAlgorithmTags.X448 -> "X448";
            case PublicKeyAlgorithmTags.DSA -> "DSA-" + key.getBitStrength();
            default -> "algorithm " + key.getAlgorithm();
        };
    }
}
