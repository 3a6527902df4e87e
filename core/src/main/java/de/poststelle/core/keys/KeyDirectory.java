package de.poststelle.core.keys;

import de.poststelle.core.MailAddress;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The keys and certificates the pipeline may use, always within one tenant. Implemented by the key
 * store; the crypto stages only ask. Everything returned is usable now: a certificate offered for
 * encryption is trusted and not revoked, a PGP key has been approved by an admin.
 */
public interface KeyDirectory {

    /** Certificates to encrypt to {@code recipient} with S/MIME; empty when none is trusted. */
    List<X509Certificate> smimeRecipientCertificates(long tenantId, MailAddress recipient);

    /** OpenPGP public keys of {@code recipient} that an admin approved, each a binary transferable public key. */
    List<byte[]> approvedPgpPublicKeys(long tenantId, MailAddress recipient);

    /** The key that signs mail from {@code sender} with S/MIME: the sender's own if held, else the tenant's. */
    Optional<PrivateKeyEntry> smimeSigningKey(long tenantId, MailAddress sender);

    /** Private keys that may open S/MIME mail to {@code recipient}: the recipient's own and the tenant's. */
    List<PrivateKeyEntry> smimeDecryptionKeys(long tenantId, MailAddress recipient);

    /** OpenPGP secret keys for signing mail from {@code sender}, binary transferable secret keys without passphrase. */
    Optional<byte[]> pgpSigningKey(long tenantId, MailAddress sender);

    /** OpenPGP secret keys that may open mail to {@code recipient}, binary transferable secret keys without passphrase. */
    List<byte[]> pgpDecryptionKeys(long tenantId, MailAddress recipient);

    /** Whether {@code chain} (signer's certificate first) is trusted by the tenant now. */
    TrustVerdict trust(long tenantId, List<X509Certificate> chain);

    /**
     * Offers the certificate of a validly signed incoming mail; it is kept for later encryption to
     * {@code signer} only if {@link #trust} says so.
     */
    void harvest(long tenantId, MailAddress signer, List<X509Certificate> chain);
}
