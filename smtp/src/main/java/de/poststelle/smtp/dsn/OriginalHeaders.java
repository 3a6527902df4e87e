package de.poststelle.smtp.dsn;

import de.poststelle.core.MessageSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.util.Optional;

/** The header section of the message a DSN is about, read up to the blank line; the body is never read. */
final class OriginalHeaders {

    private final InternetHeaders headers;

    private OriginalHeaders(InternetHeaders headers) {
        this.headers = headers;
    }

    static OriginalHeaders read(MessageSource message) throws IOException {
        try (InputStream in = message.open()) {
            return new OriginalHeaders(new InternetHeaders(in));
        } catch (MessagingException e) {
            throw new IOException("cannot read the original message's header", e);
        }
    }

    InternetHeaders all() {
        return headers;
    }

    Optional<String> messageId() {
        return first("Message-ID").map(String::strip);
    }

    /** The subject decoded from RFC 2047 encoded words, so the DSN can re-encode it as a whole. */
    Optional<String> subject() {
        return first("Subject").map(raw -> {
            String unfolded = MimeUtility.unfold(raw).strip();
            try {
                return MimeUtility.decodeText(unfolded);
            } catch (UnsupportedEncodingException e) {
                return unfolded;
            }
        });
    }

    private Optional<String> first(String name) {
        return Optional.ofNullable(headers.getHeader(name, null));
    }
}
