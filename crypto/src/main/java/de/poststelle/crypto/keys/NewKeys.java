package de.poststelle.crypto.keys;

import de.poststelle.core.keys.PrivateKeyEntry;
import de.poststelle.crypto.pgp.PgpException;
import de.poststelle.crypto.pgp.PgpPublicKeyInfo;
import de.poststelle.crypto.pgp.PgpSecretKeyImport;
import de.poststelle.store.keys.Approval;
import de.poststelle.store.keys.KeyDescription;
import de.poststelle.store.keys.KeyKind;
import de.poststelle.store.keys.KeySource;
import de.poststelle.store.keys.NewKey;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Turns parsed key material into what the key store keeps, with the description admins see. */
public final class NewKeys {

    private NewKeys() {
    }

    /** The tenant's own key with its chain; {@code owner}: the one sender it belongs to, else the whole tenant. */
    public static NewKey smimeKey(long tenantId, PrivateKeyEntry entry, Optional<String> owner, String by) {
        return new NewKey(tenantId, KeyKind.SMIME_KEY, owner.stream().toList(),
                Optional.of(Certificates.pemBytes(entry.chain())), Optional.empty(),
                Optional.of(PrivateKeys.encode(entry.key())), Certificates.describe(entry.certificate()),
                KeySource.IMPORTED, Optional.empty(), by);
    }

    /** A key generated here; its certificate is installed once the CA issued it. */
    public static NewKey generatedKey(long tenantId, CsrGenerator.GeneratedKey generated, Optional<String> owner,
                                      String by) {
        return new NewKey(tenantId, KeyKind.SMIME_KEY, owner.stream().toList(), Optional.empty(),
                Optional.of(generated.csr()), Optional.of(PrivateKeys.encode(generated.keys().getPrivate())),
                KeyDescription.awaitingCertificate(generated.subject()), KeySource.GENERATED, Optional.empty(), by);
    }

    public static NewKey trustedCa(long tenantId, X509Certificate ca, String by) {
        if (!Certificates.isCa(ca)) {
            throw new KeyMaterialException("not-ca", "not a CA certificate (basic constraints): "
                    + ca.getSubjectX500Principal().getName());
        }
        return new NewKey(tenantId, KeyKind.TRUSTED_CA, List.of(), Optional.of(Certificates.pemBytes(List.of(ca))),
                Optional.empty(), Optional.empty(), Certificates.describe(ca), KeySource.IMPORTED, Optional.empty(), by);
    }

    /** A recipient's certificate (first) with the CA certificates that came with it. */
    public static NewKey recipientCertificate(long tenantId, List<X509Certificate> chain, KeySource source, String by) {
        X509Certificate certificate = chain.getFirst();
        List<String> emails = List.copyOf(Certificates.emails(certificate));
        if (emails.isEmpty()) {
            throw new KeyMaterialException("no-email", "the certificate names no e-mail address: "
                    + certificate.getSubjectX500Principal().getName());
        }
        return new NewKey(tenantId, KeyKind.RECIPIENT_CERT, emails, Optional.of(Certificates.pemBytes(chain)),
                Optional.empty(), Optional.empty(), Certificates.describe(certificate), source, Optional.empty(), by);
    }

    /**
     * The tenant's own OpenPGP secret key (armored or binary), unlocked with {@code passphrase} and
     * stored without it; {@code owner}: the one sender it belongs to, else the whole tenant.
     */
    public static NewKey pgpSecretKey(long tenantId, byte[] file, char[] passphrase, Optional<String> owner, Instant at,
                                      String by) {
        PgpSecretKeyImport unlocked;
        try {
            unlocked = PgpSecretKeyImport.unlock(file, passphrase, at);
        } catch (PgpSecretKeyImport.WrongPassphrase e) {
            throw new KeyMaterialException("pgp-passphrase", e.getMessage(), e);
        } catch (PgpException e) {
            throw new KeyMaterialException("not-pgp-secret", "the file holds no OpenPGP secret key", e);
        }
        PgpPublicKeyInfo key = unlocked.key();
        return new NewKey(tenantId, KeyKind.PGP_SECRET, owner.stream().toList(), Optional.of(key.publicKey()),
                Optional.empty(), Optional.of(unlocked.secretKey()), description(key), KeySource.IMPORTED,
                Optional.empty(), by);
    }

    /** An uploaded OpenPGP public key (armored or binary), read at {@code at}; see {@link #pgpPublicKey(long, PgpPublicKeyInfo, KeySource, String)}. */
    public static NewKey pgpPublicKey(long tenantId, byte[] file, Instant at, String by) {
        List<PgpPublicKeyInfo> keys;
        try {
            keys = PgpPublicKeyInfo.readAll(file, at);
        } catch (PgpException e) {
            throw new KeyMaterialException("not-pgp", "the file holds no OpenPGP public key (armored or binary)", e);
        }
        if (keys.size() > 1) {
            throw new KeyMaterialException("pgp-several", "the file holds more than one OpenPGP key; import them one by one");
        }
        return pgpPublicKey(tenantId, keys.getFirst(), KeySource.IMPORTED, by);
    }

    /** An OpenPGP public key; it waits for an admin's approval before it is used. */
    public static NewKey pgpPublicKey(long tenantId, PgpPublicKeyInfo key, KeySource source, String by) {
        if (key.addresses().isEmpty()) {
            throw new KeyMaterialException("no-email", "the OpenPGP key's user ids name no e-mail address");
        }
        return new NewKey(tenantId, KeyKind.PGP_PUBLIC, key.addresses(), Optional.of(key.publicKey()),
                Optional.empty(), Optional.empty(), description(key), source, Optional.of(Approval.PENDING), by);
    }

    private static KeyDescription description(PgpPublicKeyInfo key) {
        return new KeyDescription(String.join("\n", key.userIds()), "", "", Optional.of(key.created()), key.expires(),
                Optional.of(key.fingerprint()));
    }
}
