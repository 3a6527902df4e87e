package de.poststelle.demail;

import de.poststelle.core.MessageSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.function.Consumer;

/**
 * A message whose header section is rewritten and whose body is streamed unchanged from the
 * original, so a large De-Mail is never held in memory for a changed Subject or From.
 */
final class HeaderRewrite implements MessageSource {

    private final MessageSource original;
    private final int originalHeaderLength;
    private final byte[] newHeader;

    private HeaderRewrite(MessageSource original, int originalHeaderLength, byte[] newHeader) {
        this.original = original;
        this.originalHeaderLength = originalHeaderLength;
        this.newHeader = newHeader;
    }

    /** Reads the header section of {@code original}, lets {@code change} edit it and returns the result. */
    static HeaderRewrite of(MessageSource original, Consumer<InternetHeaders> change) throws IOException {
        byte[] header;
        try (InputStream in = original.open()) {
            header = readHeaderSection(in);
        }
        InternetHeaders headers = parse(header);
        change.accept(headers);
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        for (String line : Collections.list(headers.getAllHeaderLines())) {
            // ISO-8859-1 gives back exactly the bytes InternetHeaders read, 8-bit headers included.
            rewritten.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        rewritten.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return new HeaderRewrite(original, header.length, rewritten.toByteArray());
    }

    /** The header section of {@code message}, read without its body. */
    static InternetHeaders read(MessageSource message) throws IOException {
        try (InputStream in = message.open()) {
            return parse(readHeaderSection(in));
        }
    }

    private static InternetHeaders parse(byte[] header) throws IOException {
        try {
            return new InternetHeaders(new ByteArrayInputStream(header));
        } catch (MessagingException e) {
            throw new IOException("unreadable header section", e);
        }
    }

    /** The bytes up to and including the empty line that ends the header section (or all, if none). */
    private static byte[] readHeaderSection(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (int b = in.read(); b >= 0; b = in.read()) {
            header.write(b);
            if (b == '\n') {
                if (lineStart) {
                    break;
                }
                lineStart = true;
            } else if (!(b == '\r' && lineStart)) {
                lineStart = false;
            }
        }
        return header.toByteArray();
    }

    @Override
    public InputStream open() throws IOException {
        InputStream body = original.open();
        try {
            body.skipNBytes(originalHeaderLength);
        } catch (IOException | RuntimeException e) {
            body.close();
            throw e;
        }
        return new SequenceInputStream(new ByteArrayInputStream(newHeader), body);
    }

    @Override
    public long size() {
        return newHeader.length + original.size() - originalHeaderLength;
    }
}
