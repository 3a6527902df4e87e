package de.poststelle.crypto.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header block of a MIME entity, read from a stream that is then left at the first body
 * octet. Fields keep their raw octets (ISO-8859-1 string, folding kept, line ends normalised to
 * CRLF) so that they can be written back unchanged. Only header <em>parsing</em> lives here; the
 * body is never read into memory.
 */
public final class MimeHeader {

    /** Guard against a "header" that never ends. */
    public static final int MAX_HEADER_OCTETS = 1 << 20;

    /** One field: name and raw text including name, colon and continuation lines, ending in CRLF. */
    public record Field(String name, String raw) {
        public boolean isContentField() {
            return name.toLowerCase(Locale.ROOT).startsWith("content-");
        }

        /** Unfolded value after the colon, trimmed. */
        public String value() {
            String v = raw.substring(raw.indexOf(':') + 1);
            return v.replace("\r\n", "").replace("\n", "").trim();
        }

        public void writeTo(OutputStream out) throws IOException {
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private final List<Field> fields;
    private final long octets;

    private MimeHeader(List<Field> fields, long octets) {
        this.fields = fields;
        this.octets = octets;
    }

    /** How many octets of the stream the header took, its ending empty line included. */
    public long octets() {
        return octets;
    }

    public List<Field> fields() {
        return fields;
    }

    public String get(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /**
     * Writes the fields other than {@code Content-*} (From, To, Subject, ...) and a
     * {@code MIME-Version} if there was none: the outer header of a message whose content a
     * security wrapper replaces.
     */
    public void writeOuterFields(OutputStream out) throws IOException {
        boolean mimeVersion = false;
        for (Field f : fields) {
            if (!f.isContentField()) {
                f.writeTo(out);
                mimeVersion |= f.name().equalsIgnoreCase("MIME-Version");
            }
        }
        if (!mimeVersion) {
            out.write("MIME-Version: 1.0\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Writes the {@code Content-*} fields, or a {@code text/plain} Content-Type if the message has
     * none (RFC 2045 default): the header of the inner entity that is signed or encrypted.
     */
    public void writeContentFields(OutputStream out) throws IOException {
        boolean contentType = false;
        for (Field f : fields) {
            if (f.isContentField()) {
                f.writeTo(out);
                contentType |= f.name().equalsIgnoreCase("Content-Type");
            }
        }
        if (!contentType) {
            out.write("Content-Type: text/plain; charset=us-ascii\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Reads up to and including the empty line that ends the header (or to end of stream). */
    public static MimeHeader read(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() > 0) {
                    lines.add(stripCr(line));
                }
                break;
            }
            if (++total > MAX_HEADER_OCTETS) {
                throw new IOException("MIME header longer than " + MAX_HEADER_OCTETS + " octets");
            }
            if (b == '\n') {
                String l = stripCr(line);
                line.reset();
                if (l.isEmpty()) {
                    break;
                }
                lines.add(l);
            } else {
                line.write(b);
            }
        }
        List<Field> fields = new ArrayList<>();
        StringBuilder current = null;
        String currentName = null;
        for (String l : lines) {
            if ((l.startsWith(" ") || l.startsWith("\t")) && current != null) {
                current.append(l).append("\r\n");
                continue;
            }
            if (current != null) {
                fields.add(new Field(currentName, current.toString()));
            }
            int colon = l.indexOf(':');
            currentName = colon > 0 ? l.substring(0, colon).trim() : l.trim();
            current = new StringBuilder(l).append("\r\n");
        }
        if (current != null) {
            fields.add(new Field(currentName, current.toString()));
        }
        return new MimeHeader(fields, total);
    }

    private static String stripCr(ByteArrayOutputStream line) {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Value of a parameter of a structured field such as Content-Type, or null. Not a full RFC 2045 parser. */
    public static String parameter(String fieldValue, String parameter) {
        if (fieldValue == null) {
            return null;
        }
        for (String part : fieldValue.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(parameter)) {
                String v = part.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    /** The media type of a Content-Type value ("type/subtype", lower case), or null. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
