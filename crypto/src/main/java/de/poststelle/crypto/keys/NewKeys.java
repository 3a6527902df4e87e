package de.poststelle.crypto.keys;

import de.poststelle.core.keys.PrivateKeyEntry;
import de.poststelle.store.keys.Approval;
import de.poststelle.store.keys.KeyDescription;
import de.poststelle.store.keys.KeyKind;
import de.poststelle.store.keys.KeySource;
import de.poststelle.store.keys.NewKey;

import java.security.cert.X509Certificate;
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

    /** An OpenPGP public key; it waits for an admin's approval before it is used. */
    public static NewKey pgpPublicKey(long tenantId, PgpPublicKeyInfo key, KeySource source, String by) {
        if (key.emails().isEmpty()) {
            throw new KeyMaterialException("no-email", "the OpenPGP key's user ids name no e-mail address");
        }
        return new NewKey(tenantId, KeyKind.PGP_PUBLIC, List.copyOf(key.emails()), Optional.of(key.binary()),
                Optional.empty(), Optional.empty(),
                new KeyDescription(String.join("\n", key.userIds()), "", "", Optional.of(key.created()), key.expires(),
                        Optional.of(key.fingerprint())),
                source, Optional.of(Approval.PENDING), by);
    }
}
