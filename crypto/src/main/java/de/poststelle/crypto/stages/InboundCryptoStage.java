package de.poststelle.crypto.stages;

import de.poststelle.core.DomainDirectory;
import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.core.keys.PrivateKeyEntry;
import de.poststelle.core.keys.TrustVerdict;
import de.poststelle.core.policy.CryptoSettings;
import de.poststelle.core.policy.PolicySource;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.Stage;
import de.poststelle.core.pipeline.StageResult;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.crypto.pgp.PgpMimeDecryptor;
import de.poststelle.crypto.smime.MessageHeaders;
import de.poststelle.crypto.smime.SmimeDecryptor;
import de.poststelle.crypto.smime.SmimeException;
import de.poststelle.crypto.smime.SmimeVerification;
import de.poststelle.crypto.smime.SmimeVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens and checks S/MIME and PGP/MIME mail for a tenant's recipients and tells them what it found, in header
 * fields they can trust: {@code X-Poststelle-Encryption} and {@code X-Poststelle-Signature}.
 * Fields of those names that arrive from outside are removed first, whether or not the mail is
 * signed, so a sender cannot fake them. Runs before the virus scan, which must see plaintext.
 *
 * <p>Mail that cannot be decrypted is delivered as it is, marked {@code failed}: the recipient may
 * hold the key in their own mail client, and neither losing nor bouncing the mail would help them.
 * The certificate of a valid, trusted signature is offered to the key store for later replies.
 */
public final class InboundCryptoStage implements Stage {

    public static final String ENCRYPTION_HEADER = "X-Poststelle-Encryption";
    public static final String SIGNATURE_HEADER = "X-Poststelle-Signature";

    private static final Logger log = LoggerFactory.getLogger(InboundCryptoStage.class);

    private final DomainDirectory domains;
    private final PolicySource policies;
    private final KeyDirectory keys;
    private final SmimeVerifier verifier = new SmimeVerifier();
    private final PgpInbound pgp;

    public InboundCryptoStage(DomainDirectory domains, PolicySource policies, KeyDirectory keys, Clock clock) {
        this.domains = domains;
        this.policies = policies;
        this.keys = keys;
        this.pgp = new PgpInbound(keys, clock);
    }

    @Override
    public StageResult process(MailContext mail) throws Exception {
        List<MailAddress> recipients = mail.activeRecipients();
        List<Optional<TenantDomain>> recipientDomains = recipients.stream().map(r -> domains.find(r.domain())).toList();
        if (recipients.isEmpty() || recipientDomains.stream().anyMatch(Optional::isEmpty)) {
            return StageResult.CONTINUE;
        }
        long tenantId = recipientDomains.getFirst().orElseThrow().tenantId();
        CryptoSettings settings = policies.policyOf(tenantId).settings();
        MessageSource message = mail.body();
        MessageHeaders headers = MessageHeaders.read(message);
        Optional<String> encryption = Optional.empty();
        boolean smimeEncrypted = SmimeDecryptor.isEncrypted(message);
        if (smimeEncrypted || PgpMimeDecryptor.isEncrypted(message)) {
            Decryption decryption = smimeEncrypted ? decrypt(mail, tenantId, recipients, message)
                    : pgp.decrypt(mail, tenantId, recipients, message);
            encryption = Optional.of(decryption.mark());
            if (decryption.plaintext().isPresent()) {
                message = decryption.plaintext().get();
                headers = MessageHeaders.read(message);
            }
        }
        Optional<Signature> signature = PgpInbound.isSigned(headers)
                ? Optional.of(pgp.verify(mail, tenantId, headers, message))
                : isSigned(headers) ? Optional.of(verify(mail, tenantId, message)) : Optional.empty();

        boolean spoofed = headers.contains(ENCRYPTION_HEADER) || headers.contains(SIGNATURE_HEADER);
        boolean tag = settings.subjectTag() && signature.map(Signature::trusted).orElse(false);
        if (spoofed || tag) {
            message = headers.edit(message, List.of(ENCRYPTION_HEADER, SIGNATURE_HEADER),
                    subject -> tag ? settings.subjectTagText() + " " + subject : subject);
        }
        if (message != mail.body()) {
            mail.replaceBody(message);
        }
        if (settings.signatureHeader()) {
            encryption.ifPresent(mark -> mail.prependHeader(ENCRYPTION_HEADER, mark));
            signature.ifPresent(s -> mail.prependHeader(SIGNATURE_HEADER, s.mark()));
        }
        return StageResult.CONTINUE;
    }

    record Decryption(Optional<MessageSource> plaintext, String mark) {
    }

    /** Tries every key that may open mail to these recipients; the first that fits wins. */
    private Decryption decrypt(MailContext mail, long tenantId, List<MailAddress> recipients, MessageSource message)
            throws Exception {
        Map<java.security.cert.X509Certificate, PrivateKeyEntry> candidates = new LinkedHashMap<>();
        recipients.forEach(r -> keys.smimeDecryptionKeys(tenantId, r).forEach(k -> candidates.putIfAbsent(k.certificate(), k)));
        if (candidates.isEmpty()) {
            log.info("queueId={} S/MIME encrypted, but the gateway holds no key for {}", mail.queueId(), recipients);
            return new Decryption(Optional.empty(), "failed; reason=" + HeaderText.of("no key for the recipients"));
        }
        List<String> failures = new ArrayList<>();
        for (PrivateKeyEntry key : candidates.values()) {
            SmimeDecryptor decryptor = new SmimeDecryptor(key.key(), key.certificate());
            try {
                Spool plaintext = Spool.write(out -> decryptor.decrypt(message, out));
                log.info("queueId={} S/MIME decrypted with {}", mail.queueId(), key.certificate().getSubjectX500Principal());
                return new Decryption(Optional.of(plaintext), "decrypted");
            } catch (SmimeException e) {
                failures.add(e.getMessage());
            }
        }
        log.info("queueId={} S/MIME decryption failed: {}", mail.queueId(), failures);
        return new Decryption(Optional.empty(), "failed; reason=" + HeaderText.of(failures.getLast()));
    }

    private static boolean isSigned(MessageHeaders headers) {
        String type = headers.mediaType();
        return type.equals("multipart/signed")
                || (type.equals("application/pkcs7-mime") || type.equals("application/x-pkcs7-mime"))
                && headers.contentTypeParameter("smime-type").orElse("").equalsIgnoreCase("signed-data");
    }

    record Signature(boolean trusted, String mark) {
    }

    private Signature verify(MailContext mail, long tenantId, MessageSource message) throws Exception {
        SmimeVerification verification = verifier.verify(message);
        Optional<SmimeVerification.Signer> signer = verification.signer();
        if (!verification.valid() || signer.isEmpty()) {
            log.info("queueId={} signature invalid: {}", mail.queueId(), verification.reason());
            return new Signature(false, "invalid; reason=" + HeaderText.of(verification.reason()));
        }
        TrustVerdict trust = keys.trust(tenantId, signer.get().chain());
        if (!trust.trusted()) {
            log.info("queueId={} signature valid but not trusted: {}", mail.queueId(), trust.reason());
            return new Signature(false, "untrusted; reason=" + HeaderText.of(trust.reason()));
        }
        Optional<MailAddress> address = signer.get().emails().stream().findFirst().flatMap(InboundCryptoStage::parse);
        address.ifPresent(a -> keys.harvest(tenantId, a, signer.get().chain()));
        String who = address.map(MailAddress::toString).orElse(signer.get().subject());
        log.info("queueId={} signature valid, signer {}", mail.queueId(), who);
        return new Signature(true, "valid; signer=" + HeaderText.of(who));
    }

    static Optional<MailAddress> parse(String address) {
        try {
            return Optional.of(MailAddress.parse(address));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
