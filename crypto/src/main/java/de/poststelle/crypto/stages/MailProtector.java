package de.poststelle.crypto.stages;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.policy.SecureFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * One end-to-end format (S/MIME, OpenPGP) as the outbound stage uses it: which keys are there,
 * and encrypting or signing a whole message with them.
 */
public interface MailProtector {

    SecureFormat format();

    /** The trusted key(s) to encrypt to {@code recipient}, described for an admin; empty if there is none. */
    Optional<String> recipientKey(long tenantId, MailAddress recipient);

    /** The key that would sign mail from {@code sender}, described for an admin; empty if there is none. */
    Optional<String> signingKey(long tenantId, MailAddress sender);

    /**
     * Writes {@code message} encrypted to all {@code recipients} in one message (each has a key, see
     * {@link #recipientKey}); signed first with the sender's key when {@code sign} and a key exists.
     */
    void encrypt(long tenantId, MailAddress sender, List<MailAddress> recipients, boolean sign, MessageSource message,
                 OutputStream out) throws IOException, ProtectionException;

    /** Writes {@code message} signed with the sender's key (see {@link #signingKey}). */
    void sign(long tenantId, MailAddress sender, MessageSource message, OutputStream out)
            throws IOException, ProtectionException;
}
