package de.poststelle.crypto.smime;

import static org.assertj.core.api.Assertions.assertThat;

import de.poststelle.crypto.LargeMessage;
import de.poststelle.crypto.TestMessages;
import de.poststelle.crypto.smime.SmimeEncryptor.ContentCipher;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 MB through encryption, decryption and signing in a test JVM with -Xmx128m (see the crypto
 * pom's surefire argLine): only works if nothing holds the message in memory. Results are compared
 * by SHA-256 digest, never held.
 */
class SmimeStreamingTest {

    @TempDir
    static Path dir;
    static LargeMessage message;
    static TestPki pki;
    static TestPki.Identity rsa;
    static TestPki.Identity ec;

    @BeforeAll
    static void generate() throws Exception {
        pki = new TestPki();
        rsa = pki.rsaUser("rsa.big@extern.example");
        ec = pki.ecUser("ec.big@extern.example");
        message = LargeMessage.write(dir.resolve("big.eml"));
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
            new SmimeEncryptor().encrypt(message.source(), List.of(to.cert()), cipher, out);
        }
        assertThat(Files.size(encrypted)).isGreaterThan(LargeMessage.BODY_OCTETS * 4 / 3);

        LargeMessage.DigestSink sink = new LargeMessage.DigestSink();
        try (sink) {
            new SmimeDecryptor(to.key(), to.cert()).decryptContent(TestMessages.file(encrypted), sink);
        }
        assertThat(sink.hex()).isEqualTo(message.innerDigest());
        Files.delete(encrypted);
    }

    @Test
    void signs50MbStreamingAndOpensslVerifies() throws Exception {
        Path signed = dir.resolve("big-signed.eml");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(signed))) {
            new SmimeSigner(ec.key(), ec.chain()).sign(message.source(), out);
        }
        assertThat(Files.size(signed)).isGreaterThan(LargeMessage.BODY_OCTETS);
        OpenSsl.assumeAvailable();
        Path ca = pki.writeCaPem(dir);
        OpenSsl.Result r = OpenSsl.run("cms", "-verify", "-in", signed.toString(), "-CAfile", ca.toString(),
                "-out", "/dev/null");
        assertThat(r.ok()).as(r.output()).isTrue();
        Files.delete(signed);
    }
}
