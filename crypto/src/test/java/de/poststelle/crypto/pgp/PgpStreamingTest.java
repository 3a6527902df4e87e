package de.poststelle.crypto.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import de.poststelle.crypto.LargeMessage;
import de.poststelle.crypto.TestMessages;
import de.poststelle.crypto.pgp.TestKeys.Kind;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 50 MB through PGP/MIME encryption, decryption, signing and verification in a test JVM with
 * -Xmx128m (the crypto pom's surefire argLine): only works if nothing holds the message in memory.
 */
class PgpStreamingTest {

    @TempDir
    static Path dir;
    static LargeMessage message;
    static String messageDigest;

    @BeforeAll
    static void generate() throws Exception {
        message = LargeMessage.write(dir.resolve("big.eml"));
        LargeMessage.DigestSink sink = new LargeMessage.DigestSink();
        try (sink) {
            Files.copy(message.path(), sink);
        }
        messageDigest = sink.hex();
    }

    @Test
    void heapIsSmall() {
        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(200L * 1024 * 1024);
    }

    /** RSA: SEIPD v1 with MDC; v6 Ed25519/X25519: SEIPD v2 with AEAD chunks. */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"RSA", "V6_ED25519"})
    void encryptsAndDecrypts50Mb(Kind kind) throws Exception {
        TestKeys to = TestKeys.generate(kind, "big@extern.example");
        Path encrypted = dir.resolve("big-" + kind + ".pgp.eml");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(encrypted))) {
            new PgpMimeEncryptor().encrypt(message.source(), List.of(to.publicKey()), out);
        }
        assertThat(Files.size(encrypted)).isGreaterThan(LargeMessage.BODY_OCTETS * 4 / 3);

        LargeMessage.DigestSink sink = new LargeMessage.DigestSink();
        try (sink) {
            new PgpMimeDecryptor(List.of(to.secret())).decrypt(TestMessages.file(encrypted), sink);
        }
        assertThat(sink.hex()).isEqualTo(messageDigest);
        Files.delete(encrypted);
    }

    @Test
    void signsAndVerifies50Mb() throws Exception {
        TestKeys as = TestKeys.generate(Kind.P256, "amt@behoerde.example");
        Path signed = dir.resolve("big-signed.eml");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(signed))) {
            new PgpMimeSigner(as.secret()).sign(message.source(), out);
        }
        assertThat(Files.size(signed)).isGreaterThan(LargeMessage.BODY_OCTETS);

        PgpVerification v = new PgpMimeVerifier(Clock.systemUTC())
                .verify(TestMessages.file(signed), List.of(as.publicKey()));
        assertThat(v.valid()).as(v.reason()).isTrue();
        Files.delete(signed);
    }
}
