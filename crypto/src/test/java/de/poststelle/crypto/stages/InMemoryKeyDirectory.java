package de.poststelle.crypto.stages;

import de.poststelle.core.MailAddress;
import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.core.keys.PrivateKeyEntry;
import de.poststelle.core.keys.TrustVerdict;
import de.poststelle.crypto.smime.TestPki;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A key store for tests, holding keys of a {@link TestPki} and OpenPGP keys: a chain is trusted when its leaf was
 * issued by one of the trusted CAs. Tenants are not told apart: one test, one tenant.
 */
public final class InMemoryKeyDirectory implements KeyDirectory {

    private final List<X509Certificate> trustedCas = new CopyOnWriteArrayList<>();
    private final Map<String, List<X509Certificate>> recipientCertificates = new ConcurrentHashMap<>();
    private final Map<String, PrivateKeyEntry> signingKeys = new ConcurrentHashMap<>();
    private final Map<String, List<PrivateKeyEntry>> decryptionKeys = new ConcurrentHashMap<>();
    private final List<X509Certificate> harvested = new CopyOnWriteArrayList<>();
    private final Map<String, List<byte[]>> pgpPublicKeys = new ConcurrentHashMap<>();
    private final Map<String, byte[]> pgpSecretKeys = new ConcurrentHashMap<>();

    public InMemoryKeyDirectory trust(X509Certificate ca) {
        trustedCas.add(ca);
        return this;
    }

    /** The certificate of an external recipient we may encrypt to. */
    public InMemoryKeyDirectory recipient(TestPki.Identity identity) {
        recipientCertificates.computeIfAbsent(key(identity.email()), k -> new CopyOnWriteArrayList<>()).add(identity.cert());
        return this;
    }

    /** A key of our own, for signing mail from and decrypting mail to {@code identity}'s address. */
    public InMemoryKeyDirectory own(TestPki.Identity identity) {
        PrivateKeyEntry entry = new PrivateKeyEntry(identity.key(), identity.chain());
        signingKeys.put(key(identity.email()), entry);
        decryptionKeys.computeIfAbsent(key(identity.email()), k -> new CopyOnWriteArrayList<>()).add(entry);
        return this;
    }

    /** An approved OpenPGP key of {@code address}, outside or (for verifying) our own. */
    public InMemoryKeyDirectory approvedPgp(String address, byte[] publicKey) {
        pgpPublicKeys.computeIfAbsent(key(address), k -> new CopyOnWriteArrayList<>()).add(publicKey);
        return this;
    }

    /** An OpenPGP secret key of our own, for signing mail from and decrypting mail to {@code address}. */
    public InMemoryKeyDirectory ownPgp(String address, byte[] secretKey) {
        pgpSecretKeys.put(key(address), secretKey);
        return this;
    }

    public List<X509Certificate> harvested() {
        return List.copyOf(harvested);
    }

    @Override
    public List<X509Certificate> smimeRecipientCertificates(long tenantId, MailAddress recipient) {
        return recipientCertificates.getOrDefault(key(recipient.toString()), List.of());
    }

    @Override
    public List<byte[]> approvedPgpPublicKeys(long tenantId, MailAddress recipient) {
        return pgpPublicKeys.getOrDefault(key(recipient.toString()), List.of());
    }

    @Override
    public Optional<PrivateKeyEntry> smimeSigningKey(long tenantId, MailAddress sender) {
        return Optional.ofNullable(signingKeys.get(key(sender.toString())));
    }

    @Override
    public List<PrivateKeyEntry> smimeDecryptionKeys(long tenantId, MailAddress recipient) {
        return decryptionKeys.getOrDefault(key(recipient.toString()), List.of());
    }

    @Override
    public Optional<byte[]> pgpSigningKey(long tenantId, MailAddress sender) {
        return Optional.ofNullable(pgpSecretKeys.get(key(sender.toString())));
    }

    @Override
    public List<byte[]> pgpDecryptionKeys(long tenantId, MailAddress recipient) {
        return Optional.ofNullable(pgpSecretKeys.get(key(recipient.toString()))).stream().toList();
    }

    @Override
    public TrustVerdict trust(long tenantId, List<X509Certificate> chain) {
        X509Certificate leaf = chain.getFirst();
        for (X509Certificate ca : trustedCas) {
            try {
                leaf.verify(ca.getPublicKey());
                return TrustVerdict.trusted("issued by " + ca.getSubjectX500Principal().getName());
            } catch (Exception notThisCa) {
                // try the next
            }
        }
        return TrustVerdict.untrusted("not issued by a trusted CA");
    }

    @Override
    public void harvest(long tenantId, MailAddress signer, List<X509Certificate> chain) {
        if (trust(tenantId, chain).trusted()) {
            harvested.add(chain.getFirst());
        }
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
