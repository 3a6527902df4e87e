package de.poststelle.messenger.service;

import de.poststelle.core.MailAddress;
import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.core.keys.TrustVerdict;
import de.poststelle.core.tenant.AuditEntry;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.crypto.keys.Certificates;
import de.poststelle.crypto.keys.NewKeys;
import de.poststelle.messenger.store.Mailbox;
import de.poststelle.messenger.store.MailboxRepository;
import de.poststelle.messenger.store.MessageRepository;
import de.poststelle.messenger.store.MessengerAuditLog;
import de.poststelle.store.keys.Approval;
import de.poststelle.store.keys.KeyKind;
import de.poststelle.store.keys.KeyRepository;
import de.poststelle.store.keys.KeySource;
import de.poststelle.store.keys.NewKey;
import de.poststelle.store.keys.StoredKey;
import de.poststelle.store.tenant.AuditLogRepository;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.TenantRepository;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A citizen's own S/MIME certificate or OpenPGP key, uploaded in the Messenger so that the
 * authorities that wrote to the mailbox encrypt to it directly. It goes into the key store of each
 * of those authorities (tenants), where the usual rules decide: a certificate is used once it
 * chains to a CA the tenant trusts, an OpenPGP key once the tenant's admin approved it.
 */
public final class OwnKeys {

    /** What the key store records as the creator of an uploaded key; the key names the citizen's address. */
    private static final String UPLOADER = "messenger";

    /** How one authority treats an uploaded key. */
    public enum Status {
        /** A certificate the authority trusts: its mail is encrypted to it. */
        IN_USE,
        /** A certificate that does not chain to a CA the authority trusts (or is revoked, expired): not used. */
        UNTRUSTED,
        PENDING, APPROVED, REJECTED
    }

    public record AuthorityStatus(String authority, Status status, String reason) {
    }

    public record UploadedKey(KeyKind kind, String description, String fingerprint, Optional<Instant> notAfter,
                              List<AuthorityStatus> authorities) {
    }

    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final DomainRepository domains;
    private final TenantRepository tenants;
    private final KeyRepository keys;
    private final KeyDirectory directory;
    private final MessengerAuditLog audit;
    private final AuditLogRepository tenantAudit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public OwnKeys(MailboxRepository mailboxes, MessageRepository messages, DomainRepository domains,
                   TenantRepository tenants, KeyRepository keys, KeyDirectory directory, MessengerAuditLog audit,
                   AuditLogRepository tenantAudit, TransactionTemplate transactions, Clock clock) {
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.domains = domains;
        this.tenants = tenants;
        this.keys = keys;
        this.directory = directory;
        this.audit = audit;
        this.tenantAudit = tenantAudit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Stores the key for every authority that wrote to this mailbox; a key an authority has
     * already stays as it is. Throws {@link OwnKeyFile.Refused} if the key cannot be used.
     *
     * @return the names of the authorities
     */
    public List<String> upload(String address, byte[] file, String remote) {
        Instant now = clock.instant();
        OwnKeyFile key = OwnKeyFile.read(file, address, now);
        List<Tenant> authorities = authoritiesOf(mailboxes.find(address));
        if (authorities.isEmpty()) {
            throw new OwnKeyFile.Refused("no-authority", "");
        }
        transactions.executeWithoutResult(status -> {
            for (Tenant authority : authorities) {
                add(newKey(authority.id(), key).onlyFor(address), address, remote, now);
            }
            audit.record(address, "key.upload", describe(key), remote);
        });
        return authorities.stream().map(Tenant::name).toList();
    }

    /**
     * Gives an authority that has just written to the mailbox the keys its owner uploaded for the
     * others, so that its next mail is encrypted directly once the same rules as for an upload
     * allow it. Keys no longer valid are left out.
     */
    public void shareWithAuthorityOf(MailAddress internalSender, String address) {
        Optional<Long> writer = domains.find(internalSender.domain()).map(TenantDomain::tenantId);
        if (writer.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<OwnKeyFile> uploaded = new ArrayList<>();
        for (StoredKey key : keys.fromSourceFor(KeySource.MESSENGER, address)) {
            try {
                uploaded.add(OwnKeyFile.read(key.publicData().orElseThrow(), address, now));
            } catch (OwnKeyFile.Refused noLongerUsable) {
                // expired or revoked since the upload: nothing to share
            }
        }
        if (!uploaded.isEmpty()) {
            transactions.executeWithoutResult(status -> uploaded.forEach(key ->
                    add(newKey(writer.get(), key).onlyFor(address), address, "", now)));
        }
    }

    /** The keys this mailbox uploaded, newest first, each with how every authority that has it treats it. */
    public List<UploadedKey> list(String address) {
        List<StoredKey> stored = keys.fromSourceFor(KeySource.MESSENGER, address);
        Map<Long, Tenant> authorities = new LinkedHashMap<>();
        if (!stored.isEmpty()) {
            tenants.withIds(stored.stream().map(StoredKey::tenantId).distinct().toList())
                    .forEach(tenant -> authorities.put(tenant.id(), tenant));
        }
        Map<String, UploadedKey> uploaded = new LinkedHashMap<>();
        for (StoredKey key : stored) {
            String fingerprint = key.description().fingerprint().orElseThrow();
            uploaded.computeIfAbsent(fingerprint, fp -> new UploadedKey(key.kind(), key.description().subject(), fp,
                    key.description().notAfter(), new ArrayList<>()))
                    .authorities().add(status(authorities.get(key.tenantId()), key));
        }
        return List.copyOf(uploaded.values());
    }

    /**
     * Takes an uploaded key back from every authority that has it: their mail goes to the Messenger
     * again. A later upload of the same key starts afresh (an OpenPGP key needs approval again).
     *
     * @return whether there was such a key
     */
    public boolean withdraw(String address, String fingerprint, String remote) {
        Instant now = clock.instant();
        List<StoredKey> copies = keys.fromSourceFor(KeySource.MESSENGER, address).stream()
                .filter(key -> key.description().fingerprint().filter(fingerprint::equals).isPresent())
                .toList();
        if (copies.isEmpty()) {
            return false;
        }
        transactions.executeWithoutResult(status -> {
            for (StoredKey copy : copies) {
                keys.delete(copy.tenantId(), copy.id());
                tenantAudit.append(new AuditEntry(0, now, UPLOADER, remote, Optional.of(copy.tenantId()), "key.withdraw",
                        fingerprint, copy.kind() + " withdrawn in the Messenger by " + address, Optional.empty()));
            }
            audit.record(address, "key.withdraw", fingerprint, remote);
        });
        return true;
    }

    private AuthorityStatus status(Tenant authority, StoredKey key) {
        if (key.kind() == KeyKind.PGP_PUBLIC) {
            Status status = switch (key.approval().orElse(Approval.PENDING)) {
                case APPROVED -> Status.APPROVED;
                case REJECTED, REVOKED -> Status.REJECTED;
                case PENDING -> Status.PENDING;
            };
            return new AuthorityStatus(authority.name(), status, "");
        }
        TrustVerdict verdict = directory.trust(authority.id(), Certificates.parse(key.publicData().orElseThrow()));
        return new AuthorityStatus(authority.name(), verdict.trusted() ? Status.IN_USE : Status.UNTRUSTED,
                verdict.reason());
    }

    /** The tenants whose addresses wrote to the mailbox. */
    private List<Tenant> authoritiesOf(Optional<Mailbox> mailbox) {
        List<Long> ids = mailbox.map(box -> messages.correspondents(box.id())).orElse(List.of()).stream()
                .flatMap(counterpart -> domains.find(MailAddress.parse(counterpart).domain()).stream())
                .map(TenantDomain::tenantId)
                .distinct()
                .toList();
        return ids.isEmpty() ? List.of() : tenants.withIds(ids);
    }

    private static NewKey newKey(long tenantId, OwnKeyFile key) {
        return switch (key) {
            case OwnKeyFile.Certificate certificate ->
                    NewKeys.recipientCertificate(tenantId, certificate.chain(), KeySource.MESSENGER, UPLOADER);
            case OwnKeyFile.PgpKey pgp -> NewKeys.pgpPublicKey(tenantId, pgp.key(), KeySource.MESSENGER, UPLOADER);
        };
    }

    /** Uploading a key the authority has already (from the citizen or otherwise) changes nothing. */
    private void add(NewKey key, String address, String remote, Instant now) {
        String fingerprint = key.description().fingerprint().orElseThrow();
        if (keys.findByFingerprint(key.tenantId(), key.kind(), fingerprint).isPresent()) {
            return;
        }
        keys.add(key, now);
        tenantAudit.append(new AuditEntry(0, now, UPLOADER, remote, Optional.of(key.tenantId()), "key.upload",
                fingerprint, key.kind() + " uploaded in the Messenger by " + address + ": " + key.description().subject(),
                Optional.empty()));
    }

    private static String describe(OwnKeyFile key) {
        return switch (key) {
            case OwnKeyFile.Certificate certificate -> "S/MIME " + Certificates.fingerprint(certificate.chain().getFirst());
            case OwnKeyFile.PgpKey pgp -> "OpenPGP " + pgp.key().fingerprint();
        };
    }
}
