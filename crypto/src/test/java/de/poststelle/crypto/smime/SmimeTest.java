package de.poststelle.crypto.smime;

import static de.poststelle.crypto.TestMessages.INNER;
import static de.poststelle.crypto.TestMessages.MESSAGE;
import static de.poststelle.crypto.TestMessages.OUTER;
import static de.poststelle.crypto.TestMessages.file;
import static de.poststelle.crypto.TestMessages.src;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.poststelle.crypto.smime.SmimeEncryptor.ContentCipher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmimeTest {

    enum Kind { RSA, EC }

    @TempDir
    static Path dir;

    static TestPki pki;
    static TestPki.Identity rsa;
    static TestPki.Identity ec;
    static TestPki.Identity other;
    static Path caPem;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki();
        rsa = pki.rsaUser("rsa.user@extern.example");
        ec = pki.ecUser("ec.user@extern.example");
        other = pki.ecUser("other@extern.example");
        caPem = pki.writeCaPem(dir);
    }

    static TestPki.Identity id(Kind k) {
        return k == Kind.RSA ? rsa : ec;
    }

    static byte[] encrypt(String message, ContentCipher cipher, TestPki.Identity... to) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SmimeEncryptor().encrypt(src(message), List.of(java.util.Arrays.stream(to).map(TestPki.Identity::cert)
                .toArray(java.security.cert.X509Certificate[]::new)), cipher, out);
        return out.toByteArray();
    }

    static String decrypt(byte[] message, TestPki.Identity as) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SmimeDecryptor(as.key(), as.cert()).decrypt(src(message), out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    static byte[] sign(String message, TestPki.Identity as) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SmimeSigner(as.key(), as.chain()).sign(src(message), out);
        return out.toByteArray();
    }

    static Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    // ---------------------------------------------------------------- encryption, own round trip

    @ParameterizedTest
    @EnumSource(ContentCipher.class)
    void encryptsForSeveralRecipientsAndEachCanDecrypt(ContentCipher cipher) throws Exception {
        byte[] encrypted = encrypt(MESSAGE, cipher, rsa, ec);
        String text = new String(encrypted, StandardCharsets.ISO_8859_1);

        assertThat(text).startsWith(OUTER)
                .contains("Content-Type: application/pkcs7-mime; smime-type="
                        + (cipher == ContentCipher.AES256_GCM ? "authEnveloped-data" : "enveloped-data")
                        + "; name=smime.p7m\r\n")
                .contains("Content-Transfer-Encoding: base64\r\n")
                .contains("Content-Disposition: attachment; filename=smime.p7m\r\n")
                .doesNotContain("anbei der Bescheid")
                .doesNotContain("multipart/mixed");
        assertThat(SmimeDecryptor.isEncrypted(src(encrypted))).isTrue();

        assertThat(decrypt(encrypted, rsa)).isEqualTo(MESSAGE);
        assertThat(decrypt(encrypted, ec)).isEqualTo(MESSAGE);
    }

    @Test
    void messageWithoutContentFieldsAndBareLineFeedsIsCanonicalised() throws Exception {
        String lf = "From: a@b.example\nTo: c@d.example\nSubject: x\n\nline 1\nline 2\n";
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        byte[] encrypted = encrypt(lf, ContentCipher.AES256_GCM, ec);
        new SmimeDecryptor(ec.key(), ec.cert()).decryptContent(src(encrypted), inner);
        assertThat(inner.toString(StandardCharsets.US_ASCII))
                .isEqualTo("Content-Type: text/plain; charset=us-ascii\r\n\r\nline 1\r\nline 2\r\n");
        // The encryptor added MIME-Version to the outer header; decrypting keeps it.
        assertThat(decrypt(encrypted, ec)).isEqualTo("From: a@b.example\r\nTo: c@d.example\r\nSubject: x\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nline 1\r\nline 2\r\n");
    }

    @Test
    void wrongKeyIsRejected() throws Exception {
        byte[] encrypted = encrypt(MESSAGE, ContentCipher.AES256_GCM, rsa);
        assertThatThrownBy(() -> decrypt(encrypted, other)).isInstanceOf(SmimeException.class)
                .hasMessageContaining("not encrypted for");
    }

    @Test
    void tamperedGcmCiphertextIsRejected() throws Exception {
        byte[] encrypted = encrypt(MESSAGE, ContentCipher.AES256_GCM, rsa);
        String text = new String(encrypted, StandardCharsets.US_ASCII);
        int body = text.indexOf("\r\n\r\n") + 4;
        byte[] der = java.util.Base64.getMimeDecoder().decode(text.substring(body));
        der[der.length - 40] ^= 1; // inside the encrypted content or the MAC, near the end
        String tampered = text.substring(0, body) + java.util.Base64.getMimeEncoder().encodeToString(der) + "\r\n";
        assertThatThrownBy(() -> decrypt(tampered.getBytes(StandardCharsets.US_ASCII), rsa))
                .isInstanceOf(SmimeException.class);
    }

    @Test
    void notEncryptedIsRejected() {
        assertThatThrownBy(() -> decrypt(MESSAGE.getBytes(StandardCharsets.US_ASCII), rsa))
                .isInstanceOf(SmimeException.class).hasMessageContaining("not an S/MIME encrypted message");
    }

    // ---------------------------------------------------------------- signing, own round trip

    @ParameterizedTest
    @EnumSource(Kind.class)
    void signsAndVerifies(Kind kind) throws Exception {
        TestPki.Identity signer = id(kind);
        byte[] signed = sign(MESSAGE, signer);
        String text = new String(signed, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith(OUTER).contains("Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256;")
                .contains(INNER);

        SmimeVerification v = new SmimeVerifier().verify(src(signed));
        assertThat(v.valid()).as(v.reason()).isTrue();
        SmimeVerification.Signer s = v.signer().orElseThrow();
        assertThat(s.certificate()).isEqualTo(signer.cert());
        assertThat(s.chain()).containsExactly(signer.cert(), pki.caCert);
        assertThat(s.emails()).containsExactly(signer.email());
        assertThat(s.subject()).contains("CN=" + signer.email());
        assertThat(s.signingTime()).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void tamperedSignedMessageFailsVerification(Kind kind) throws Exception {
        String signed = new String(sign(MESSAGE, id(kind)), StandardCharsets.ISO_8859_1);
        byte[] tampered = signed.replace("anbei der Bescheid", "anbei der Bescheix").getBytes(StandardCharsets.ISO_8859_1);
        SmimeVerification v = new SmimeVerifier().verify(src(tampered));
        assertThat(v.valid()).isFalse();
        assertThat(v.signer().orElseThrow().certificate()).isEqualTo(id(kind).cert());
    }

    @Test
    void unsignedMessageIsReportedAsNotSigned() throws Exception {
        SmimeVerification v = new SmimeVerifier().verify(src(MESSAGE));
        assertThat(v.valid()).isFalse();
        assertThat(v.reason()).contains("not an S/MIME signed message");
    }

    // ---------------------------------------------------------------- openssl interop

    @ParameterizedTest(name = "openssl decrypts our {0} message for an {1} recipient")
    @org.junit.jupiter.params.provider.CsvSource({"AES256_GCM, RSA", "AES256_GCM, EC", "AES256_CBC, RSA", "AES256_CBC, EC"})
    void opensslDecryptsWhatWeEncrypt(ContentCipher cipher, Kind kind) throws Exception {
        OpenSsl.assumeAvailable();
        TestPki.Identity to = id(kind);
        Path[] pem = to.writePem(dir, "dec-" + kind);
        Path in = write("ours-" + cipher + "-" + kind + ".eml", encrypt(MESSAGE, cipher, rsa, ec));
        Path out = dir.resolve("ours-" + cipher + "-" + kind + ".out");
        OpenSsl.Result r = OpenSsl.run("cms", "-decrypt", "-in", in.toString(), "-recip", pem[0].toString(),
                "-inkey", pem[1].toString(), "-out", out.toString());
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(Files.readString(out, StandardCharsets.ISO_8859_1)).isEqualTo(INNER);
    }

    @ParameterizedTest(name = "we decrypt openssl {0} for an {1} recipient")
    @org.junit.jupiter.params.provider.CsvSource({"-aes256, RSA", "-aes256, EC", "-aes-256-gcm, RSA", "-aes-256-gcm, EC"})
    void weDecryptWhatOpensslEncrypts(String cipher, Kind kind) throws Exception {
        OpenSsl.assumeAvailable();
        TestPki.Identity to = id(kind);
        Path[] pem = to.writePem(dir, "enc-" + kind);
        Path plain = write("plain.txt", INNER.getBytes(StandardCharsets.US_ASCII));
        Path out = dir.resolve("openssl" + cipher + "-" + kind + ".eml");
        OpenSsl.Result r = OpenSsl.run("cms", "-encrypt", cipher, "-in", plain.toString(), "-out", out.toString(),
                "-from", "amt@behoerde.example", "-to", to.email(), "-subject", "Bescheid", pem[0].toString());
        assertThat(r.ok()).as(r.output()).isTrue();

        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        new SmimeDecryptor(to.key(), to.cert()).decryptContent(file(out), inner);
        assertThat(inner.toString(StandardCharsets.ISO_8859_1)).isEqualTo(INNER);

        String whole = decrypt(Files.readAllBytes(out), to);
        assertThat(whole).contains("Subject: Bescheid\r\n").contains("To: " + to.email() + "\r\n").endsWith(INNER);
    }

    @Test
    void weDecryptOpensslRsaOaep() throws Exception {
        OpenSsl.assumeAvailable();
        Path[] pem = rsa.writePem(dir, "oaep");
        Path plain = write("plain-oaep.txt", INNER.getBytes(StandardCharsets.US_ASCII));
        Path out = dir.resolve("openssl-oaep.eml");
        OpenSsl.Result r = OpenSsl.run("cms", "-encrypt", "-aes-256-gcm", "-in", plain.toString(), "-out",
                out.toString(), "-recip", pem[0].toString(), "-keyopt", "rsa_padding_mode:oaep",
                "-keyopt", "rsa_oaep_md:sha256", "-keyopt", "rsa_mgf1_md:sha256");
        assertThat(r.ok()).as(r.output()).isTrue();
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        new SmimeDecryptor(rsa.key(), rsa.cert()).decryptContent(file(out), inner);
        assertThat(inner.toString(StandardCharsets.ISO_8859_1)).isEqualTo(INNER);
    }

    @ParameterizedTest(name = "openssl verifies our {0} signature, and rejects it tampered")
    @EnumSource(Kind.class)
    void opensslVerifiesWhatWeSign(Kind kind) throws Exception {
        OpenSsl.assumeAvailable();
        String signed = new String(sign(MESSAGE, id(kind)), StandardCharsets.ISO_8859_1);
        Path good = write("signed-" + kind + ".eml", signed.getBytes(StandardCharsets.ISO_8859_1));
        Path content = dir.resolve("signed-" + kind + ".out");
        OpenSsl.Result r = OpenSsl.run("cms", "-verify", "-in", good.toString(), "-CAfile", caPem.toString(),
                "-out", content.toString());
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.output()).contains("Verification successful");
        assertThat(Files.readString(content, StandardCharsets.ISO_8859_1)).isEqualTo(INNER);

        Path bad = write("signed-bad-" + kind + ".eml", signed.replace("anbei der Bescheid", "anbei der Bescheix")
                .getBytes(StandardCharsets.ISO_8859_1));
        OpenSsl.Result t = OpenSsl.run("cms", "-verify", "-in", bad.toString(), "-CAfile", caPem.toString(),
                "-out", "/dev/null");
        assertThat(t.ok()).as(t.output()).isFalse();
        assertThat(t.output()).contains("Verification failure");
    }

    @ParameterizedTest(name = "we verify openssl {0} signature (detached={1}), and reject it tampered")
    @org.junit.jupiter.params.provider.CsvSource({"RSA, true", "EC, true", "RSA, false", "EC, false"})
    void weVerifyWhatOpensslSigns(Kind kind, boolean detached) throws Exception {
        OpenSsl.assumeAvailable();
        TestPki.Identity signer = id(kind);
        Path[] pem = signer.writePem(dir, "sign-" + kind);
        Path plain = write("to-sign.txt", INNER.getBytes(StandardCharsets.US_ASCII));
        Path out = dir.resolve("openssl-signed-" + kind + detached + ".eml");
        List<String> args = new java.util.ArrayList<>(List.of("cms", "-sign", "-in", plain.toString(), "-out",
                out.toString(), "-signer", pem[0].toString(), "-inkey", pem[1].toString(), "-certfile",
                caPem.toString(), "-md", "sha256", "-subject", "Bescheid"));
        if (!detached) {
            args.add("-nodetach");
        }
        OpenSsl.Result r = OpenSsl.run(args.toArray(String[]::new));
        assertThat(r.ok()).as(r.output()).isTrue();

        SmimeVerification v = new SmimeVerifier().verify(file(out));
        assertThat(v.valid()).as(v.reason()).isTrue();
        assertThat(v.signer().orElseThrow().emails()).containsExactly(signer.email());
        assertThat(v.signer().orElseThrow().chain()).containsExactly(signer.cert(), pki.caCert);

        if (detached) {
            String text = Files.readString(out, StandardCharsets.ISO_8859_1);
            assertThat(text).contains("anbei der Bescheid");
            byte[] tampered = text.replace("anbei der Bescheid", "anbei der Bescheix").getBytes(StandardCharsets.ISO_8859_1);
            SmimeVerification t = new SmimeVerifier().verify(src(tampered));
            assertThat(t.valid()).isFalse();
        }
    }
}
