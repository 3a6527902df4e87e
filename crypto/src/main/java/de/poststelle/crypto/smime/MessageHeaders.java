package de.poststelle.crypto.smime;

import de.poststelle.core.MessageSource;
import de.poststelle.crypto.mime.MimeHeader;
import jakarta.mail.internet.MimeUtility;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The top-level header block of a message, read without touching the body, and edits of it: drop
 * fields, change the Subject. An edited message is a {@link MessageSource} that rewrites the header
 * on every read and streams the body through unchanged, so even a large message is never copied.
 */
public final class MessageHeaders {

    private final MimeHeader header;

    private MessageHeaders(MimeHeader header) {
        this.header = header;
    }

    public static MessageHeaders read(MessageSource message) throws IOException {
        try (InputStream in = new BufferedInputStream(message.open(), 8192)) {
            return new MessageHeaders(MimeHeader.read(in));
        }
    }

    /** The unfolded value of the first field called {@code name}, RFC 2047 encoded words decoded. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(header.get(name)).map(MessageHeaders::decode);
    }

    public boolean contains(String name) {
        return header.get(name) != null;
    }

    /** The media type of the Content-Type, lower case, {@code text/plain} if there is none. */
    public String mediaType() {
        String type = MimeHeader.mediaType(header.get("Content-Type"));
        return type == null ? "text/plain" : type;
    }

    /** A parameter of the Content-Type field, e.g. {@code smime-type}. */
    public Optional<String> contentTypeParameter(String parameter) {
        return Optional.ofNullable(MimeHeader.parameter(header.get("Content-Type"), parameter));
    }

    /**
     * {@code message} (whose header this is) without the fields named in {@code remove} and with the
     * Subject changed by {@code subject} (which gets the decoded text; a missing Subject stays
     * missing). The result is closed with {@code message} if that is a spool.
     */
    public MessageSource edit(MessageSource message, Collection<String> remove, UnaryOperator<String> subject) {
        Set<String> removed = remove.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        ByteArrayOutputStream edited = new ByteArrayOutputStream();
        try {
            for (MimeHeader.Field field : header.fields()) {
                String name = field.name().toLowerCase(Locale.ROOT);
                if (removed.contains(name)) {
                    continue;
                }
                if (name.equals("subject")) {
                    String text = subject.apply(decode(field.value()));
                    edited.writeBytes(MimeUtility.fold(9, "Subject: " + MimeUtility.encodeText(text,
                            StandardCharsets.UTF_8.name(), null)).replaceAll("\r?\n", "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    edited.writeBytes(new byte[] {'\r', '\n'});
                } else {
                    field.writeTo(edited);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        edited.writeBytes(new byte[] {'\r', '\n'});
        return new EditedMessage(message, edited.toByteArray(), header.octets());
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }

    /** A message with a new header block in front of the body of {@code original}. */
    private record EditedMessage(MessageSource original, byte[] header, long originalHeaderOctets)
            implements MessageSource, AutoCloseable {

        @Override
        public InputStream open() throws IOException {
            InputStream body = original.open();
            try {
                body.skipNBytes(originalHeaderOctets);
            } catch (IOException e) {
                body.close();
                throw e;
            }
            return new SequenceInputStream(new ByteArrayInputStream(header), body);
        }

        @Override
        public long size() {
            return original.size() - originalHeaderOctets + header.length;
        }

        @Override
        public void close() throws Exception {
            if (original instanceof AutoCloseable spool) {
                spool.close();
            }
        }
    }
}
