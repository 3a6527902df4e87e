package de.poststelle.verify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Adds attachments to a message without touching the original: the message becomes the first part
 * of a new multipart/mixed, its body copied byte for byte (so an S/MIME signature over it stays
 * valid), and the attachments follow. The header fields stay at the top, except the MIME fields
 * that describe the original body, which move into the first part.
 */
final class ReportAttacher {

    /** One file to attach. */
    record Attachment(String fileName, String contentType, byte[] content) {
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** Writes the new message into {@code target}. */
    void attach(Path message, List<Attachment> attachments, Path target) throws IOException {
        String boundary = "=_poststelle_" + UUID.randomUUID();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(message));
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
            ByteArrayOutputStream contentFields = new ByteArrayOutputStream();
            copyHeader(in, out, contentFields);
            ascii(out, "MIME-Version: 1.0\r\nContent-Type: multipart/mixed;\r\n boundary=\"" + boundary + "\"\r\n\r\n");
            ascii(out, "--" + boundary + "\r\n");
            if (contentFields.size() == 0) {
                ascii(out, "Content-Type: text/plain; charset=us-ascii\r\n");
            }
            contentFields.writeTo(out);
            out.write(CRLF);
            in.transferTo(out);
            for (Attachment attachment : attachments) {
                ascii(out, "\r\n--" + boundary + "\r\n");
                ascii(out, "Content-Type: " + attachment.contentType() + "; name=\"" + attachment.fileName() + "\"\r\n"
                        + "Content-Disposition: attachment; filename=\"" + attachment.fileName() + "\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n");
                out.write(Base64.getMimeEncoder().encode(attachment.content()));
            }
            ascii(out, "\r\n--" + boundary + "--\r\n");
        }
    }

    /**
     * Copies the header section up to (not including) the empty line, field by field: MIME fields
     * go to {@code contentFields}, all others to {@code out}. Leaves {@code in} at the body.
     */
    private static void copyHeader(InputStream in, OutputStream out, ByteArrayOutputStream contentFields) throws IOException {
        OutputStream current = out;
        byte[] line;
        while ((line = readLine(in)).length > 0 && !isEmptyLine(line)) {
            boolean continuation = line[0] == ' ' || line[0] == '\t';
            if (!continuation) {
                String start = new String(line, 0, Math.min(line.length, 40), StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
                boolean mime = start.startsWith("content-") || start.startsWith("mime-version:");
                current = mime && !start.startsWith("mime-version:") ? contentFields : mime ? OutputStream.nullOutputStream() : out;
            }
            current.write(line);
        }
    }

    private static boolean isEmptyLine(byte[] line) {
        return (line.length == 1 && line[0] == '\n') || (line.length == 2 && line[0] == '\r' && line[1] == '\n');
    }

    /** One line including its line ending; empty at the end of the stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) >= 0) {
            line.write(c);
            if (c == '\n') {
                break;
            }
        }
        return line.toByteArray();
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
}
