package de.poststelle.smtp.delivery;

import de.poststelle.core.MessageSource;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message Angus Mail sends exactly as it is stored: {@link #writeTo} copies the source stream
 * byte for byte and nothing is parsed, so signatures stay valid and 50 MB messages never sit on
 * the heap. Only the SMTP envelope (MAIL FROM, its parameters) is set on this object.
 */
final class StreamedMessage extends SMTPMessage {

    private final MessageSource source;

    StreamedMessage(Session session, MessageSource source) {
        super(session);
        this.source = source;
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreHeaders) throws IOException {
        try (InputStream in = source.open()) {
            in.transferTo(out);
        }
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        writeTo(out, null);
    }
}
