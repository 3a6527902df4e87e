package de.poststelle.crypto.stages;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.core.keys.PrivateKeyEntry;
import de.poststelle.core.policy.SecureFormat;
import de.poststelle.crypto.smime.ContentCipherChoice;
import de.poststelle.crypto.smime.SmimeEncryptor;
import de.poststelle.crypto.smime.SmimeException;
import de.poststelle.crypto.smime.SmimeSigner;

import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** S/MIME 4.0 for the outbound stage: detached signature, then AuthEnvelopedData (or EnvelopedData). */
public final class SmimeProtector implements MailProtector {

    private final KeyDirectory keys;
    private final SmimeEncryptor encryptor = new SmimeEncryptor();

    public SmimeProtector(KeyDirectory keys) {
        this.keys = keys;
    }

    @Override
    public SecureFormat format() {
        return SecureFormat.SMIME;
    }

    @Override
    public Optional<String> recipientKey(long tenantId, MailAddress recipient) {
        List<X509Certificate> certificates = keys.smimeRecipientCertificates(tenantId, recipient);
        if (certificates.isEmpty()) {
            return Optional.empty();
        }
        String cipher = ContentCipherChoice.forRecipients(certificates) == SmimeEncryptor.ContentCipher.AES256_GCM
                ? "AES-256-GCM" : "AES-256-CBC";
        return Optional.of(certificates.stream().map(SmimeProtector::describe).collect(Collectors.joining("; "))
                + " (" + cipher + ")");
    }

    @Override
    public Optional<String> signingKey(long tenantId, MailAddress sender) {
        return keys.smimeSigningKey(tenantId, sender).map(entry -> describe(entry.certificate()));
    }

    @Override
    public void encrypt(long tenantId, MailAddress sender, List<MailAddress> recipients, boolean sign,
                        MessageSource message, OutputStream out) throws IOException, ProtectionException {
        List<X509Certificate> certificates = new ArrayList<>();
        recipients.forEach(r -> certificates.addAll(keys.smimeRecipientCertificates(tenantId, r)));
        Optional<PrivateKeyEntry> signingKey = sign ? keys.smimeSigningKey(tenantId, sender) : Optional.empty();
        try {
            SmimeEncryptor.ContentCipher cipher = ContentCipherChoice.forRecipients(certificates);
            if (signingKey.isEmpty()) {
                encryptor.encrypt(message, certificates, cipher, out);
                return;
            }
            try (Spool signed = Spool.write(o -> signer(signingKey.get()).sign(message, o))) {
                encryptor.encrypt(signed, certificates, cipher, out);
            }
        } catch (SmimeException e) {
            throw new ProtectionException("S/MIME encryption failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new ProtectionException("S/MIME signing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void sign(long tenantId, MailAddress sender, MessageSource message, OutputStream out)
            throws IOException, ProtectionException {
        PrivateKeyEntry key = keys.smimeSigningKey(tenantId, sender)
                .orElseThrow(() -> new ProtectionException("no S/MIME signing key for " + sender, null));
        try {
            signer(key).sign(message, out);
        } catch (SmimeException e) {
            throw new ProtectionException("S/MIME signing failed: " + e.getMessage(), e);
        }
    }

    private static SmimeSigner signer(PrivateKeyEntry key) {
        return new SmimeSigner(key.key(), key.chain());
    }

    private static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + ", serial " + certificate.getSerialNumber().toString(16)
                + ", valid until " + certificate.getNotAfter().toInstant();
    }
}
