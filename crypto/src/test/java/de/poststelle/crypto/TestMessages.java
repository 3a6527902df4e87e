package de.poststelle.crypto;

import de.poststelle.core.MessageSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample mail the S/MIME and PGP/MIME tests sign and encrypt, and message sources for tests. */
public final class TestMessages {

    /** The header fields that stay in clear. */
    public static final String OUTER = "Received: from mail.behoerde.example by gw.example; Mon, 23 Nov 2026 10:00:00 +0100\r\n"
            + "From: Amt <amt@behoerde.example>\r\n"
            + "To: buerger@extern.example\r\n"
            + "Subject: Bescheid\r\n"
            + "Date: Mon, 23 Nov 2026 10:00:00 +0100\r\n"
            + "Message-ID: <4711@behoerde.example>\r\n"
            + "MIME-Version: 1.0\r\n";
    /** The content fields and body: what gets signed or encrypted. */
    public static final String INNER = "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
            + "\r\n"
            + "--b1\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + "Sehr geehrte Damen und Herren,\r\n"
            + "anbei der Bescheid.\r\n"
            + "--b1\r\n"
            + "Content-Type: application/octet-stream; name=bescheid.bin\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "AAECAwQFBgcICQ==\r\n"
            + "--b1--\r\n";
    public static final String MESSAGE = OUTER + INNER;

    private TestMessages() {
    }

    public static MessageSource src(String s) {
        return MessageSource.ofBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static MessageSource src(byte[] b) {
        return MessageSource.ofBytes(b);
    }

    public static MessageSource file(Path p) {
        return new MessageSource() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(p);
            }

            @Override
            public long size() {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
