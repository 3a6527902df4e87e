package de.poststelle.crypto.keys;

import de.poststelle.core.MailAddress;
import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.core.keys.PrivateKeyEntry;
import de.poststelle.core.keys.TrustVerdict;
import de.poststelle.store.keys.Approval;
import de.poststelle.store.keys.KeyKind;
import de.poststelle.store.keys.KeyRepository;
import de.poststelle.store.keys.KeySource;
import de.poststelle.store.keys.StoredKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The {@link KeyDirectory} on the key store: only what is usable now is handed out. */
public final class StoredKeyDirectory implements KeyDirectory {

    private static final Logger log = LoggerFactory.getLogger(StoredKeyDirectory.class);
    static final String HARVESTER = "system";

    private final KeyRepository keys;
    private final CertificateTrust trust;
    private final Clock clock;

    public StoredKeyDirectory(KeyRepository keys, CertificateTrust trust, Clock clock) {
        this.keys = keys;
        this.trust = trust;
        this.clock = clock;
    }

    @Override
    public List<X509Certificate> smimeRecipientCertificates(long tenantId, MailAddress recipient) {
        return keys.usableFor(tenantId, KeyKind.RECIPIENT_CERT, recipient.toString()).stream()
                .map(StoredKeyDirectory::chainOf)
                .filter(chain -> trust(tenantId, chain).trusted())
                .map(List::getFirst)
                .toList();
    }

    @Override
    public List<byte[]> approvedPgpPublicKeys(long tenantId, MailAddress recipient) {
        return keys.usableFor(tenantId, KeyKind.PGP_PUBLIC, recipient.toString()).stream()
                .filter(key -> key.approval().filter(Approval.APPROVED::equals).isPresent())
                .filter(key -> key.description().notAfter().map(clock.instant()::isBefore).orElse(true))
                .map(key -> key.publicData().orElseThrow())
                .toList();
    }

    @Override
    public Optional<PrivateKeyEntry> smimeSigningKey(long tenantId, MailAddress sender) {
        Instant now = clock.instant();
        return ownKeys(tenantId, KeyKind.SMIME_KEY, sender)
                .filter(key -> key.publicData().isPresent())
                .filter(key -> key.description().notAfter().map(now::isBefore).orElse(false)
                        && key.description().notBefore().map(start -> !now.isBefore(start)).orElse(false))
                .findFirst()
                .map(key -> entry(tenantId, key));
    }

    /** Expired certificates still open mail encrypted to them while they were valid. */
    @Override
    public List<PrivateKeyEntry> smimeDecryptionKeys(long tenantId, MailAddress recipient) {
        return ownKeys(tenantId, KeyKind.SMIME_KEY, recipient)
                .filter(key -> key.publicData().isPresent())
                .map(key -> entry(tenantId, key))
                .toList();
    }

    @Override
    public Optional<byte[]> pgpSigningKey(long tenantId, MailAddress sender) {
        return ownKeys(tenantId, KeyKind.PGP_SECRET, sender).findFirst()
                .flatMap(key -> keys.privateKey(tenantId, key.id()));
    }

    @Override
    public List<byte[]> pgpDecryptionKeys(long tenantId, MailAddress recipient) {
        return ownKeys(tenantId, KeyKind.PGP_SECRET, recipient)
                .flatMap(key -> keys.privateKey(tenantId, key.id()).stream())
                .toList();
    }

    @Override
    public TrustVerdict trust(long tenantId, List<X509Certificate> chain) {
        List<X509Certificate> cas = keys.usable(tenantId, KeyKind.TRUSTED_CA).stream()
                .flatMap(ca -> chainOf(ca).stream()).toList();
        return trust.verdict(chain, cas);
    }

    /** Keeps the certificate only if it is trusted and issued for the signer's address. */
    @Override
    public void harvest(long tenantId, MailAddress signer, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return;
        }
        X509Certificate certificate = chain.getFirst();
        String address = signer.toString().toLowerCase(Locale.ROOT);
        if (!Certificates.emails(certificate).contains(address)) {
            log.info("not harvesting the certificate of {}: it is issued for {}", signer, Certificates.emails(certificate));
            return;
        }
        if (keys.findByFingerprint(tenantId, KeyKind.RECIPIENT_CERT, Certificates.fingerprint(certificate)).isPresent()) {
            return;
        }
        TrustVerdict verdict = trust(tenantId, chain);
        if (!verdict.trusted()) {
            log.info("not harvesting the certificate of {}: {}", signer, verdict.reason());
            return;
        }
        try {
            keys.add(NewKeys.recipientCertificate(tenantId, chain, KeySource.HARVESTED,
                    HARVESTER), clock.instant());
            log.info("harvested the certificate of {} ({})", signer, Certificates.fingerprint(certificate));
        } catch (DuplicateKeyException raced) {
            log.debug("the certificate of {} was harvested by another mail at the same time", signer);
        }
    }

    /** The address's own keys first, then the tenant's. */
    private Stream<StoredKey> ownKeys(long tenantId, KeyKind kind, MailAddress address) {
        List<StoredKey> own = new ArrayList<>(keys.usableFor(tenantId, kind, address.toString()));
        own.addAll(keys.usableTenantWide(tenantId, kind));
        return own.stream();
    }

    private PrivateKeyEntry entry(long tenantId, StoredKey key) {
        byte[] pkcs8 = keys.privateKey(tenantId, key.id()).orElseThrow();
        return new PrivateKeyEntry(PrivateKeys.decode(pkcs8), chainOf(key));
    }

    static List<X509Certificate> chainOf(StoredKey key) {
        return key.publicData().map(Certificates::parse).orElse(List.of());
    }
}
