package de.poststelle.crypto.stages;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.crypto.pgp.PgpException;
import de.poststelle.crypto.pgp.PgpMimeDecryptor;
import de.poststelle.crypto.pgp.PgpMimeVerifier;
import de.poststelle.crypto.pgp.PgpVerification;
import de.poststelle.crypto.smime.MessageHeaders;
import de.poststelle.crypto.stages.InboundCryptoStage.Decryption;
import de.poststelle.crypto.stages.InboundCryptoStage.Signature;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The PGP/MIME half of {@link InboundCryptoStage}: decrypting with the secret keys the gateway
 * holds for the recipients, verifying against the OpenPGP keys an admin approved for the sender.
 * A signature by a key nobody approved is reported as untrusted, never as valid.
 */
final class PgpInbound {

    private static final Logger log = LoggerFactory.getLogger(PgpInbound.class);

    private final KeyDirectory keys;
    private final PgpMimeVerifier verifier;

    PgpInbound(KeyDirectory keys, Clock clock) {
        this.keys = keys;
        this.verifier = new PgpMimeVerifier(clock);
    }

    static boolean isSigned(MessageHeaders headers) {
        return headers.mediaType().equals("multipart/signed") && headers.contentTypeParameter("protocol")
                .orElse("").equalsIgnoreCase("application/pgp-signature");
    }

    Decryption decrypt(MailContext mail, long tenantId, List<MailAddress> recipients, MessageSource message)
            throws Exception {
        List<byte[]> secretKeys = new ArrayList<>();
        recipients.forEach(r -> secretKeys.addAll(keys.pgpDecryptionKeys(tenantId, r)));
        if (secretKeys.isEmpty()) {
            log.info("queueId={} PGP/MIME encrypted, but the gateway holds no OpenPGP key for {}", mail.queueId(),
                    recipients);
            return new Decryption(Optional.empty(), "failed; reason=" + HeaderText.of("no key for the recipients"));
        }
        try {
            PgpMimeDecryptor decryptor = new PgpMimeDecryptor(secretKeys);
            Spool plaintext = Spool.write(out -> decryptor.decrypt(message, out));
            log.info("queueId={} PGP/MIME decrypted", mail.queueId());
            return new Decryption(Optional.of(plaintext), "decrypted");
        } catch (PgpException e) {
            log.info("queueId={} PGP/MIME decryption failed: {}", mail.queueId(), e.getMessage());
            return new Decryption(Optional.empty(), "failed; reason=" + HeaderText.of(e.getMessage()));
        }
    }

    Signature verify(MailContext mail, long tenantId, MessageHeaders headers, MessageSource message) throws Exception {
        Set<MailAddress> senders = new LinkedHashSet<>();
        headers.value("From").flatMap(PgpInbound::address).ifPresent(senders::add);
        mail.envelope().sender().ifPresent(senders::add);
        List<byte[]> approved = new ArrayList<>();
        senders.forEach(s -> approved.addAll(keys.approvedPgpPublicKeys(tenantId, s)));
        if (approved.isEmpty()) {
            log.info("queueId={} PGP/MIME signed, but no OpenPGP key of {} is approved", mail.queueId(), senders);
            return new Signature(false, "untrusted; reason=" + HeaderText.of("no approved OpenPGP key of the sender"));
        }
        PgpVerification verification = verifier.verify(message, approved);
        if (!verification.valid()) {
            log.info("queueId={} PGP/MIME signature invalid: {}", mail.queueId(), verification.reason());
            return new Signature(false, "invalid; reason=" + HeaderText.of(verification.reason()));
        }
        String fingerprint = verification.signerFingerprint().orElse("");
        String who = verification.signerUserId().flatMap(PgpInbound::address).map(MailAddress::toString)
                .orElse(senders.iterator().next().toString());
        log.info("queueId={} PGP/MIME signature valid, signer {} ({})", mail.queueId(), who, fingerprint);
        return new Signature(true, "valid; signer=" + HeaderText.of(who) + "; key=" + HeaderText.of(fingerprint));
    }

    private static Optional<MailAddress> address(String text) {
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(text, false);
            return parsed.length == 0 ? Optional.empty() : InboundCryptoStage.parse(parsed[0].getAddress());
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
