package de.poststelle.crypto.smime;

import static org.assertj.core.api.Assertions.assertThat;

import de.poststelle.core.MessageSource;
import de.poststelle.crypto.smime.SmimeEncryptor.ContentCipher;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 MB through encryption, decryption and signing in a test JVM with -Xmx128m (see the crypto
 * pom's surefire argLine): only works if nothing holds the message in memory. Results are compared
 * by SHA-256 digest, never held.
 */
class SmimeStreamingTest {

    static final long BODY_OCTETS = 50L * 1024 * 1024;
    static final String OUTER = "From: amt@behoerde.example\r\nTo: buerger@extern.example\r\nSubject: gross\r\n"
            + "MIME-Version: 1.0\r\n";
    static final String CONTENT_HEADER = "Content-Type: application/octet-stream; name=big.bin\r\n"
            + "Content-Transfer-Encoding: base64\r\n";

    @TempDir
    static Path dir;
    static Path message;
    static String innerDigest;
    static TestPki pki;
    static TestPki.Identity rsa;
    static TestPki.Identity ec;

    @BeforeAll
    static void generate() throws Exception {
        pki = new TestPki();
        rsa = pki.rsaUser("rsa.big@extern.example");
        ec = pki.ecUser("ec.big@extern.example");
        message = dir.resolve("big.eml");
        MessageDigest inner = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(message), 1 << 16)) {
            out.write(OUTER.getBytes(StandardCharsets.US_ASCII));
            OutputStream both = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    inner.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    inner.update(b, off, len);
                }
            };
            both.write((CONTENT_HEADER + "\r\n").getBytes(StandardCharsets.US_ASCII));
            Random random = new Random(42);
            byte[] raw = new byte[57];
            byte[] line = new byte[78];
            for (long written = 0; written < BODY_OCTETS; written += line.length) {
                random.nextBytes(raw);
                byte[] b64 = java.util.Base64.getEncoder().encode(raw);
                System.arraycopy(b64, 0, line, 0, 76);
                line[76] = '\r';
                line[77] = '\n';
                both.write(line);
            }
        }
        innerDigest = HexFormat.of().formatHex(inner.digest());
    }

    static MessageSource file(Path p) {
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

    @Test
    void heapIsSmall() {
        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(200L * 1024 * 1024);
    }

    @Test
    void encryptsAndDecrypts50MbWithAesGcmForRsa() throws Exception {
        roundTrip(ContentCipher.AES256_GCM, rsa);
    }

    @Test
    void encryptsAndDecrypts50MbWithAesCbcForEc() throws Exception {
        roundTrip(ContentCipher.AES256_CBC, ec);
    }

    private void roundTrip(ContentCipher cipher, TestPki.Identity to) throws Exception {
        Path encrypted = dir.resolve("big-" + cipher + ".p7m.eml");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(encrypted))) {
            new SmimeEncryptor().encrypt(file(message), List.of(to.cert()), cipher, out);
        }
        assertThat(Files.size(encrypted)).isGreaterThan(BODY_OCTETS * 4 / 3);

        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            new SmimeDecryptor(to.key(), to.cert()).decryptContent(file(encrypted), sink);
        }
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(innerDigest);
        Files.delete(encrypted);
    }

    @Test
    void signs50MbStreamingAndOpensslVerifies() throws Exception {
        Path signed = dir.resolve("big-signed.eml");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(signed))) {
            new SmimeSigner(ec.key(), ec.chain()).sign(file(message), out);
        }
        assertThat(Files.size(signed)).isGreaterThan(BODY_OCTETS);
        OpenSsl.assumeAvailable();
        Path ca = pki.writeCaPem(dir);
        OpenSsl.Result r = OpenSsl.run("cms", "-verify", "-in", signed.toString(), "-CAfile", ca.toString(),
                "-out", "/dev/null");
        assertThat(r.ok()).as(r.output()).isTrue();
        Files.delete(signed);
    }
}
