package de.poststelle.smtp.dsn;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import org.eclipse.angus.mail.dsn.MessageHeaders;

/**
 * The original header section as the {@code text/rfc822-headers} part. Saving the DSN saves
 * nested messages too, which would give the quoted headers a new Message-ID, Date and
 * MIME-Version; the quote must show them exactly as received, so updating is switched off.
 */
final class QuotedHeaders extends MessageHeaders {

    QuotedHeaders(InternetHeaders headers) throws MessagingException {
        super(headers);
    }

    @Override
    protected void updateHeaders() {
        // Quoted as received; see class comment.
    }
}
