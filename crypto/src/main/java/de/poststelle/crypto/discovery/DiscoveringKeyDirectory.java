package de.poststelle.crypto.discovery;

import de.poststelle.core.MailAddress;
import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.core.keys.PrivateKeyEntry;
import de.poststelle.core.keys.TrustVerdict;
import de.poststelle.crypto.keys.Certificates;
import de.poststelle.crypto.keys.KeyMaterialException;
import de.poststelle.crypto.keys.NewKeys;
import de.poststelle.crypto.pgp.PgpPublicKeyInfo;
import de.poststelle.store.keys.KeyKind;
import de.poststelle.store.keys.KeyRepository;
import de.poststelle.store.keys.KeySource;
import de.poststelle.store.keys.NewKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The key store, asking key discovery when it holds nothing usable for a recipient. What discovery
 * finds is stored with source {@link KeySource#DISCOVERED} and then goes through the store's own
 * checks: a certificate is used only if it chains to one of the tenant's trusted CAs, an OpenPGP key
 * is stored as pending and used only after an admin approved it. Discovery remembers its answers
 * (also "nothing found"), so a recipient without keys costs one directory lookup per cache period.
 */
public final class DiscoveringKeyDirectory implements KeyDirectory {

    private static final Logger log = LoggerFactory.getLogger(DiscoveringKeyDirectory.class);
    static final String DISCOVERER = "discovery";

    private final KeyDirectory store;
    private final KeyRepository keys;
    private final KeyDiscovery discovery;
    private final Clock clock;

    public DiscoveringKeyDirectory(KeyDirectory store, KeyRepository keys, KeyDiscovery discovery, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.discovery = discovery;
        this.clock = clock;
    }

    @Override
    public List<X509Certificate> smimeRecipientCertificates(long tenantId, MailAddress recipient) {
        List<X509Certificate> stored = store.smimeRecipientCertificates(tenantId, recipient);
        if (!stored.isEmpty()) {
            return stored;
        }
        String address = recipient.toString().toLowerCase(Locale.ROOT);
        boolean added = false;
        for (X509Certificate candidate : discovery.certificates(recipient)) {
            if (Certificates.emails(candidate).contains(address) && keys.findByFingerprint(tenantId,
                    KeyKind.RECIPIENT_CERT, Certificates.fingerprint(candidate)).isEmpty()) {
                added |= add(NewKeys.recipientCertificate(tenantId, List.of(candidate), KeySource.DISCOVERED,
                        DISCOVERER), recipient);
            }
        }
        return added ? store.smimeRecipientCertificates(tenantId, recipient) : stored;
    }

    /** Found keys are stored as pending; none of them is returned before an admin approved it. */
    @Override
    public List<byte[]> approvedPgpPublicKeys(long tenantId, MailAddress recipient) {
        List<byte[]> approved = store.approvedPgpPublicKeys(tenantId, recipient);
        if (approved.isEmpty()) {
            for (PgpPublicKeyInfo candidate : discovery.pgpKeys(recipient)) {
                pendingKey(tenantId, candidate).ifPresent(key -> add(key, recipient));
            }
        }
        return approved;
    }

    private Optional<NewKey> pendingKey(long tenantId, PgpPublicKeyInfo candidate) {
        try {
            if (keys.findByFingerprint(tenantId, KeyKind.PGP_PUBLIC, candidate.fingerprint()).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(NewKeys.pgpPublicKey(tenantId, candidate, KeySource.DISCOVERED, DISCOVERER));
        } catch (KeyMaterialException e) {
            log.info("not keeping the discovered OpenPGP key {}: {}", candidate.fingerprint(), e.getMessage());
            return Optional.empty();
        }
    }

    private boolean add(NewKey key, MailAddress recipient) {
        try {
            keys.add(key, clock.instant());
            log.info("stored a discovered {} for {} ({})", key.kind(), recipient,
                    key.description().fingerprint().orElse(""));
            return true;
        } catch (DuplicateKeyException raced) {
            log.debug("the discovered {} for {} was stored by another mail at the same time", key.kind(), recipient);
            return true;
        }
    }

    @Override
    public Optional<PrivateKeyEntry> smimeSigningKey(long tenantId, MailAddress sender) {
        return store.smimeSigningKey(tenantId, sender);
    }

    @Override
    public List<PrivateKeyEntry> smimeDecryptionKeys(long tenantId, MailAddress recipient) {
        return store.smimeDecryptionKeys(tenantId, recipient);
    }

    @Override
    public Optional<byte[]> pgpSigningKey(long tenantId, MailAddress sender) {
        return store.pgpSigningKey(tenantId, sender);
    }

    @Override
    public List<byte[]> pgpDecryptionKeys(long tenantId, MailAddress recipient) {
        return store.pgpDecryptionKeys(tenantId, recipient);
    }

    @Override
    public TrustVerdict trust(long tenantId, List<X509Certificate> chain) {
        return store.trust(tenantId, chain);
    }

    @Override
    public void harvest(long tenantId, MailAddress signer, List<X509Certificate> chain) {
        store.harvest(tenantId, signer, chain);
    }
}
