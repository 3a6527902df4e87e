package de.poststelle.crypto.stages;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.core.policy.SecureFormat;
import de.poststelle.crypto.pgp.PgpException;
import de.poststelle.crypto.pgp.PgpMimeEncryptor;
import de.poststelle.crypto.pgp.PgpMimeSigner;
import de.poststelle.crypto.pgp.PgpPublicKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * PGP/MIME (RFC 3156) for the outbound stage: to the OpenPGP keys an admin approved for a
 * recipient, signed (then encrypted) with the tenant's or sender's OpenPGP secret key. An approved
 * key that cannot encrypt now (expired, revoked, no encryption subkey) counts as no key.
 */
public final class PgpProtector implements MailProtector {

    private static final Logger log = LoggerFactory.getLogger(PgpProtector.class);

    private final KeyDirectory keys;
    private final Clock clock;
    private final PgpMimeEncryptor encryptor = new PgpMimeEncryptor();

    public PgpProtector(KeyDirectory keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public SecureFormat format() {
        return SecureFormat.PGP;
    }

    @Override
    public Optional<String> recipientKey(long tenantId, MailAddress recipient) {
        List<PgpPublicKeyInfo> usable = usableKeys(tenantId, recipient);
        return usable.isEmpty() ? Optional.empty()
                : Optional.of(usable.stream().map(PgpProtector::describe).collect(Collectors.joining("; ")));
    }

    @Override
    public Optional<String> signingKey(long tenantId, MailAddress sender) {
        return keys.pgpSigningKey(tenantId, sender).flatMap(this::read).map(PgpProtector::describe);
    }

    @Override
    public void encrypt(long tenantId, MailAddress sender, List<MailAddress> recipients, boolean sign,
                        MessageSource message, OutputStream out) throws IOException, ProtectionException {
        List<byte[]> publicKeys = new ArrayList<>();
        recipients.forEach(r -> usableKeys(tenantId, r).forEach(key -> publicKeys.add(key.publicKey())));
        Optional<byte[]> signingKey = sign ? keys.pgpSigningKey(tenantId, sender) : Optional.empty();
        try {
            if (signingKey.isPresent()) {
                encryptor.signAndEncrypt(message, publicKeys, new PgpMimeSigner(signingKey.get()), out);
            } else {
                encryptor.encrypt(message, publicKeys, out);
            }
        } catch (PgpException e) {
            throw new ProtectionException("PGP/MIME encryption failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void sign(long tenantId, MailAddress sender, MessageSource message, OutputStream out)
            throws IOException, ProtectionException {
        byte[] key = keys.pgpSigningKey(tenantId, sender)
                .orElseThrow(() -> new ProtectionException("no OpenPGP signing key for " + sender, null));
        try {
            new PgpMimeSigner(key).sign(message, out);
        } catch (PgpException e) {
            throw new ProtectionException("PGP/MIME signing failed: " + e.getMessage(), e);
        }
    }

    private List<PgpPublicKeyInfo> usableKeys(long tenantId, MailAddress recipient) {
        return keys.approvedPgpPublicKeys(tenantId, recipient).stream()
                .flatMap(key -> read(key).stream())
                .filter(key -> key.canEncrypt() && !key.revoked())
                .toList();
    }

    /** A stored key that no longer reads (a newer BouncyCastle may be stricter) is skipped, not fatal. */
    private Optional<PgpPublicKeyInfo> read(byte[] key) {
        try {
            return Optional.of(PgpPublicKeyInfo.read(key, clock.instant()));
        } catch (PgpException e) {
            log.warn("an OpenPGP key of the key store cannot be read: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static String describe(PgpPublicKeyInfo key) {
        return "OpenPGP " + key.fingerprint() + " " + key.algorithm() + " " + String.join(", ", key.addresses())
                + key.expires().map(at -> ", valid until " + at).orElse("");
    }
}
