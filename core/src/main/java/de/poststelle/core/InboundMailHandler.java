package de.poststelle.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** What the inbound SMTP server asks of the rest of the gateway. */
public interface InboundMailHandler {

    /**
     * Decides a {@code RCPT TO}: the reply is sent to the client as it is, and an accepted
     * recipient is put into the envelope as the verdict names it (a De-Mail address may be rewritten).
     */
    RecipientVerdict checkRecipient(ClientInfo client, Optional<MailAddress> sender, MailAddress recipient);

    /**
     * Stores the message durably (envelope and content in one transaction) and returns its queue id.
     * Only after this returns may the server answer {@code 250}. If reading {@code content} fails,
     * nothing is stored and the exception is passed on unchanged.
     */
    String store(Envelope envelope, InputStream content) throws IOException;
}
