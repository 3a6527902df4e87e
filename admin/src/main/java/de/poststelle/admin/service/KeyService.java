package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.admin.access.ConflictException;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.core.MailAddress;
import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.core.keys.TrustVerdict;
import de.poststelle.core.tenant.Permission;
import de.poststelle.crypto.keys.Certificates;
import de.poststelle.crypto.keys.CsrGenerator;
import de.poststelle.crypto.keys.KeyMaterialException;
import de.poststelle.crypto.keys.NewKeys;
import de.poststelle.crypto.keys.Pkcs12;
import de.poststelle.crypto.pgp.PgpPublicKeyInfo;
import de.poststelle.store.keys.Approval;
import de.poststelle.store.keys.Decision;
import de.poststelle.store.keys.KeyKind;
import de.poststelle.store.keys.KeyRepository;
import de.poststelle.store.keys.KeySource;
import de.poststelle.store.keys.NewKey;
import de.poststelle.store.keys.StoredKey;
import de.poststelle.store.tenant.DomainRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's keys and certificates: every admin of the tenant sees them with their trust verdict,
 * the technical admin (or an operator) imports, generates, approves and revokes. Private keys are
 * never shown or exported.
 */
@Transactional
public class KeyService {

    /** What an upload holds. */
    public enum FileType {
        /** The tenant's own key and certificate chain (.p12/.pfx, password protected). */
        PKCS12,
        /** CA certificates the tenant trusts (PEM with one or more, or DER). */
        CA_BUNDLE,
        /** A recipient's certificate, optionally followed by its CA certificates. */
        RECIPIENT_CERTIFICATE,
        /** A recipient's OpenPGP public key, armored or binary; stored as pending. */
        PGP_PUBLIC_KEY,
        /**
         * The tenant's (or one sender's) own OpenPGP secret key, armored or binary; the password is
         * its passphrase, used once to unlock it. Stored sealed by the master key, like every private key.
         */
        PGP_SECRET_KEY
    }

    /** A key with the verdict on its certificate chain, where it has one. */
    public record KeyView(StoredKey key, Optional<TrustVerdict> trust) {
    }

    /** A file to download. */
    public record Export(String fileName, String contentType, byte[] content) {
    }

    private final KeyRepository keys;
    private final KeyDirectory directory;
    private final DomainRepository domains;
    private final AccessControl access;
    private final AuditTrail audit;
    private final Clock clock;

    public KeyService(KeyRepository keys, KeyDirectory directory, DomainRepository domains, AccessControl access,
                      AuditTrail audit, Clock clock) {
        this.keys = keys;
        this.directory = directory;
        this.domains = domains;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<KeyView> list(Actor actor, long tenantId) {
        access.require(actor, Permission.VIEW_TENANT, tenantId);
        return keys.ofTenant(tenantId).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public KeyView get(Actor actor, long tenantId, long id) {
        access.require(actor, Permission.VIEW_TENANT, tenantId);
        return view(find(tenantId, id));
    }

    /** Stores what the file holds; a CA bundle may add several certificates (those not trusted yet). */
    public List<StoredKey> importFile(Actor actor, long tenantId, FileType type, byte[] content, Optional<String> password,
                                      Optional<MailAddress> owner) {
        access.require(actor, Permission.MANAGE_KEYS, tenantId);
        if (content == null || content.length == 0) {
            throw new KeyMaterialException("empty", "the file is empty");
        }
        owner.ifPresent(address -> requireOwnAddress(tenantId, address));
        String by = actor.username();
        List<NewKey> found = switch (type) {
            case PKCS12 -> List.of(NewKeys.smimeKey(tenantId, Pkcs12.read(content,
                    password.orElse("").toCharArray()), owner.map(MailAddress::toString), by));
            case CA_BUNDLE -> Certificates.parse(content).stream()
                    .map(ca -> NewKeys.trustedCa(tenantId, ca, by))
                    .filter(ca -> keys.findByFingerprint(tenantId, KeyKind.TRUSTED_CA,
                            ca.description().fingerprint().orElseThrow()).isEmpty())
                    .toList();
            case RECIPIENT_CERTIFICATE -> List.of(NewKeys.recipientCertificate(tenantId, recipientChain(content),
                    KeySource.IMPORTED, by));
            case PGP_PUBLIC_KEY -> List.of(NewKeys.pgpPublicKey(tenantId, content, clock.instant(), by));
            case PGP_SECRET_KEY -> List.of(NewKeys.pgpSecretKey(tenantId, content, password.orElse("").toCharArray(),
                    owner.map(MailAddress::toString), clock.instant(), by));
        };
        if (found.isEmpty()) {
            throw new ConflictException("every certificate of the file is trusted already");
        }
        List<StoredKey> added = new ArrayList<>();
        for (NewKey key : found) {
            StoredKey stored = add(key);
            audit.record(actor, tenantId, Permission.MANAGE_KEYS, "key.import", target(stored),
                    stored.kind() + " " + stored.description().subject() + " " + stored.addresses());
            added.add(stored);
        }
        return added;
    }

    /** A new key pair whose request (CSR) the admin takes to a CA; see {@link #installCertificate}. */
    public StoredKey generate(Actor actor, long tenantId, CsrGenerator.Algorithm algorithm, String commonName,
                              Optional<MailAddress> owner) {
        access.require(actor, Permission.MANAGE_KEYS, tenantId);
        owner.ifPresent(address -> requireOwnAddress(tenantId, address));
        CsrGenerator.GeneratedKey generated = CsrGenerator.generate(algorithm, commonName,
                owner.map(MailAddress::toString));
        StoredKey stored = add(NewKeys.generatedKey(tenantId, generated, owner.map(MailAddress::toString),
                actor.username()));
        audit.record(actor, tenantId, Permission.MANAGE_KEYS, "key.generate", target(stored),
                algorithm + " " + generated.subject() + " " + stored.addresses());
        return stored;
    }

    @Transactional(readOnly = true)
    public Export csr(Actor actor, long tenantId, long id) {
        access.require(actor, Permission.VIEW_TENANT, tenantId);
        byte[] csr = find(tenantId, id).csr().orElseThrow(() -> new NotFoundException("key " + id + " has no request"));
        return new Export("schluessel-" + id + ".csr", "application/pkcs10",
                CsrGenerator.pem(csr).getBytes(StandardCharsets.US_ASCII));
    }

    /** The certificate the CA issued for a generated key, optionally followed by the CA's certificates. */
    public StoredKey installCertificate(Actor actor, long tenantId, long id, byte[] content) {
        access.require(actor, Permission.MANAGE_KEYS, tenantId);
        StoredKey key = find(tenantId, id);
        byte[] csr = key.csr().filter(request -> key.publicData().isEmpty()).orElseThrow(() ->
                new ConflictException("key " + id + " is not a generated key waiting for its certificate"));
        List<X509Certificate> chain = Certificates.parse(content);
        if (!CsrGenerator.certifies(csr, chain.getFirst())) {
            throw new KeyMaterialException("wrong-certificate", "the certificate is not issued for this key's request: "
                    + chain.getFirst().getSubjectX500Principal().getName());
        }
        keys.installCertificate(tenantId, id, Certificates.pemBytes(chain), Certificates.describe(chain.getFirst()));
        StoredKey installed = find(tenantId, id);
        audit.record(actor, tenantId, Permission.MANAGE_KEYS, "key.certificate", target(installed),
                installed.description().subject() + " issued by " + installed.description().issuer());
        return installed;
    }

    /** Approves or rejects a pending OpenPGP key, recording who and when. */
    public StoredKey decide(Actor actor, long tenantId, long id, Approval decision) {
        access.require(actor, Permission.MANAGE_KEYS, tenantId);
        if (decision != Approval.APPROVED && decision != Approval.REJECTED) {
            throw new IllegalArgumentException("the decision is APPROVED or REJECTED");
        }
        StoredKey key = find(tenantId, id);
        if (key.approval().filter(Approval.PENDING::equals).isEmpty()) {
            throw new ConflictException("key " + id + " is not an OpenPGP key waiting for approval");
        }
        keys.decide(tenantId, id, decision, new Decision(actor.username(), clock.instant()));
        StoredKey decided = find(tenantId, id);
        audit.record(actor, tenantId, Permission.MANAGE_KEYS, decision == Approval.APPROVED ? "key.approve"
                : "key.reject", target(decided), decided.description().subject() + " " + decided.addresses());
        return decided;
    }

    public StoredKey revoke(Actor actor, long tenantId, long id) {
        access.require(actor, Permission.MANAGE_KEYS, tenantId);
        StoredKey key = find(tenantId, id);
        if (!keys.revoke(tenantId, id, new Decision(actor.username(), clock.instant()))) {
            throw new ConflictException("key " + id + " is revoked already");
        }
        audit.record(actor, tenantId, Permission.MANAGE_KEYS, "key.revoke", target(key),
                key.kind() + " " + key.description().subject() + " " + key.addresses());
        return find(tenantId, id);
    }

    /**
     * The public part: certificate chain as PEM, or the OpenPGP public key armored (of the tenant's
     * own secret key too, for partners to encrypt to).
     */
    @Transactional(readOnly = true)
    public Export exportPublic(Actor actor, long tenantId, long id) {
        access.require(actor, Permission.VIEW_TENANT, tenantId);
        StoredKey key = find(tenantId, id);
        byte[] data = key.publicData()
                .orElseThrow(() -> new NotFoundException("key " + id + " has no public part to export"));
        if (key.kind().isPgp()) {
            return new Export("schluessel-" + id + ".asc", "application/pgp-keys",
                    PgpPublicKeyInfo.armor(data).getBytes(StandardCharsets.US_ASCII));
        }
        return new Export("zertifikat-" + id + ".pem", "application/pem-certificate-chain", data);
    }

    private KeyView view(StoredKey key) {
        if (key.kind() == KeyKind.TRUSTED_CA || key.kind().isPgp() || key.publicData().isEmpty()) {
            return new KeyView(key, Optional.empty());
        }
        if (key.revoked()) {
            return new KeyView(key, Optional.of(TrustVerdict.untrusted("revoked by " + key.revocation().orElseThrow().by())));
        }
        return new KeyView(key, Optional.of(directory.trust(key.tenantId(),
                Certificates.parse(key.publicData().orElseThrow()))));
    }

    private StoredKey add(NewKey key) {
        try {
            return find(key.tenantId(), keys.add(key, clock.instant()));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("the tenant has this " + describe(key.kind()) + " already");
        }
    }

    private StoredKey find(long tenantId, long id) {
        return keys.find(tenantId, id).orElseThrow(() -> new NotFoundException("key " + id + " not found"));
    }

    /** The recipient's own certificate must come first; CA certificates may follow it. */
    private static List<X509Certificate> recipientChain(byte[] content) {
        List<X509Certificate> chain = Certificates.parse(content);
        if (Certificates.isCa(chain.getFirst())) {
            throw new KeyMaterialException("not-recipient", "the first certificate is a CA certificate, not a "
                    + "recipient's: " + chain.getFirst().getSubjectX500Principal().getName());
        }
        return chain;
    }

    private void requireOwnAddress(long tenantId, MailAddress address) {
        boolean own = domains.find(address.domain()).filter(domain -> domain.tenantId() == tenantId).isPresent();
        if (!own) {
            throw new KeyMaterialException("owner-domain", address + " is not in one of the tenant's domains");
        }
    }

    private static String target(StoredKey key) {
        return key.description().fingerprint().orElse("key " + key.id());
    }

    private static String describe(KeyKind kind) {
        return switch (kind) {
            case SMIME_KEY -> "key";
            case PGP_SECRET -> "OpenPGP secret key";
            case TRUSTED_CA -> "CA certificate";
            case RECIPIENT_CERT -> "recipient certificate";
            case PGP_PUBLIC -> "OpenPGP key";
        };
    }
}
