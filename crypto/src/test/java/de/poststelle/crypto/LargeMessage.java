package de.poststelle.crypto;

import de.poststelle.core.MessageSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/**
 * A 50 MB mail (a base64 attachment) on disk, for the streaming tests that run with a small heap.
 * Results are compared by SHA-256 digest, never held in memory.
 *
 * @param innerDigest SHA-256 of the inner entity: the content header fields, the blank line and the body
 */
public record LargeMessage(Path path, String innerDigest) {

    public static final long BODY_OCTETS = 50L * 1024 * 1024;
    public static final String OUTER = "From: amt@behoerde.example\r\nTo: buerger@extern.example\r\nSubject: gross\r\n"
            + "MIME-Version: 1.0\r\n";
    static final String CONTENT_HEADER = "Content-Type: application/octet-stream; name=big.bin\r\n"
            + "Content-Transfer-Encoding: base64\r\n";

    public static LargeMessage write(Path file) throws IOException {
        MessageDigest inner = sha256();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(OUTER.getBytes(StandardCharsets.US_ASCII));
            OutputStream both = new DigestOutputStream(out, inner);
            both.write((CONTENT_HEADER + "\r\n").getBytes(StandardCharsets.US_ASCII));
            Random random = new Random(42);
            byte[] raw = new byte[57];
            byte[] line = new byte[78];
            for (long written = 0; written < BODY_OCTETS; written += line.length) {
                random.nextBytes(raw);
                System.arraycopy(Base64.getEncoder().encode(raw), 0, line, 0, 76);
                line[76] = '\r';
                line[77] = '\n';
                both.write(line);
            }
        }
        return new LargeMessage(file, HexFormat.of().formatHex(inner.digest()));
    }

    public MessageSource source() {
        return TestMessages.file(path);
    }

    /** A sink that only digests what it is given; {@link #hex()} after closing. */
    public static final class DigestSink extends DigestOutputStream {
        public DigestSink() {
            super(OutputStream.nullOutputStream(), sha256());
        }

        public String hex() {
            return HexFormat.of().formatHex(getMessageDigest().digest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
