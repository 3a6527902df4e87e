package de.poststelle.crypto.pgp;

import static de.poststelle.crypto.TestMessages.INNER;
import static de.poststelle.crypto.TestMessages.MESSAGE;
import static de.poststelle.crypto.TestMessages.OUTER;
import static de.poststelle.crypto.pgp.PgpMessages.body;
import static de.poststelle.crypto.pgp.PgpMessages.decrypt;
import static de.poststelle.crypto.pgp.PgpMessages.encrypt;
import static de.poststelle.crypto.pgp.PgpMessages.encryptedAround;
import static de.poststelle.crypto.pgp.PgpMessages.parts;
import static de.poststelle.crypto.pgp.PgpMessages.sign;
import static de.poststelle.crypto.pgp.PgpMessages.signAndEncrypt;
import static de.poststelle.crypto.pgp.PgpMessages.signedAround;
import static de.poststelle.crypto.pgp.PgpMessages.text;
import static de.poststelle.crypto.pgp.PgpMessages.verify;
import static org.assertj.core.api.Assertions.assertThat;

import de.poststelle.crypto.pgp.TestKeys.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interop with GnuPG (Debian's gpg 2.2 at the time of writing; it reads v4 keys only, so the v6
 * keys are covered by {@link PgpMimeTest} alone). Keys come from both sides: gpg generates RSA and
 * NIST P-256 keys, BouncyCastle generates RSA, P-256 and Curve25519 keys.
 */
class PgpGpgInteropTest {

    enum GpgKey {
        RSA("rsa3072", "rsa3072"), P256("nistp256", "nistp256"), CURVE25519("ed25519", "cv25519");

        final String primary;
        final String subkey;

        GpgKey(String primary, String subkey) {
            this.primary = primary;
            this.subkey = subkey;
        }
    }

    /** The v4 kinds gpg 2.2 understands. */
    enum OurKey { RSA, P256, CURVE25519_LEGACY }

    @TempDir
    static Path dir;
    static Gpg gpg;
    static final Map<GpgKey, String> GPG_KEYS = new EnumMap<>(GpgKey.class);
    static final Map<OurKey, TestKeys> OUR_KEYS = new EnumMap<>(OurKey.class);

    @BeforeAll
    static void keys() throws Exception {
        gpg = new Gpg(dir);
        for (GpgKey k : GpgKey.values()) {
            GPG_KEYS.put(k, gpg.generate("Gpg " + k + " <gpg." + k.name().toLowerCase() + "@extern.example>",
                    k.primary, k.subkey));
        }
        for (OurKey k : OurKey.values()) {
            TestKeys keys = TestKeys.generate(Kind.valueOf(k.name()),
                    "Amt " + k + " <amt." + k.name().toLowerCase() + "@behoerde.example>");
            OUR_KEYS.put(k, keys);
            gpg.importKey(keys.publicKey());
        }
    }

    private static TestKeys gpgKey(GpgKey k) throws Exception {
        String fingerprint = GPG_KEYS.get(k);
        return new TestKeys(fingerprint, gpg.exportSecret(fingerprint), gpg.exportPublic(fingerprint));
    }

    private static Path write(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    @ParameterizedTest
    @EnumSource(GpgKey.class)
    void gpgDecryptsWhatWeEncrypt(GpgKey k) throws Exception {
        byte[] message = encrypt(MESSAGE, gpgKey(k));

        List<byte[]> parts = parts(message);
        assertThat(parts).hasSize(2);
        assertThat(text(body(parts.get(0)))).isEqualTo("Version: 1\r\n");
        Gpg.Result r = gpg.ok(body(parts.get(1)), "--decrypt");
        assertThat(r.out()).isEqualTo(INNER);
    }

    /** A v6 recipient must not keep a gpg 2.2 recipient of the same mail from reading it. */
    @Test
    void gpgDecryptsWhenAV6KeyIsAmongTheRecipients() throws Exception {
        TestKeys v6 = TestKeys.generate(Kind.V6_ED25519, "v6@extern.example");
        byte[] message = encrypt(MESSAGE, v6, gpgKey(GpgKey.P256));

        assertThat(gpg.ok(body(parts(message).get(1)), "--decrypt").out()).isEqualTo(INNER);
        assertThat(decrypt(message, v6.secret())).isEqualTo(MESSAGE);
    }

    @ParameterizedTest
    @EnumSource(OurKey.class)
    void gpgVerifiesWhatWeSign(OurKey k) throws Exception {
        TestKeys ours = OUR_KEYS.get(k);
        List<byte[]> parts = parts(sign(MESSAGE, ours));
        Path data = write("signed-" + k, parts.get(0));
        Path signature = write("signed-" + k + ".asc", body(parts.get(1)));

        Gpg.Result good = gpg.run("--status-fd", "2", "--verify", signature.toString(), data.toString());
        assertThat(good.ok()).as(good.stderr()).isTrue();
        assertThat(good.stderr()).contains("Good signature").containsPattern("VALIDSIG .* " + ours.fingerprint());

        Files.writeString(data, text(parts.get(0)).replace("anbei der", "anbei ein"), StandardCharsets.ISO_8859_1);
        Gpg.Result bad = gpg.run("--verify", signature.toString(), data.toString());
        assertThat(bad.ok()).isFalse();
        assertThat(bad.stderr()).contains("BAD signature");
    }

    @Test
    void gpgDecryptsAndVerifiesWhatWeSignAndEncrypt() throws Exception {
        TestKeys signer = OUR_KEYS.get(OurKey.P256);
        byte[] message = signAndEncrypt(MESSAGE, signer, gpgKey(GpgKey.RSA));

        byte[] inner = gpg.ok(body(parts(message).get(1)), "--decrypt").stdout();
        assertThat(text(inner)).startsWith("Content-Type: multipart/signed").contains(INNER);
        List<byte[]> signedParts = parts(inner);
        Gpg.Result r = gpg.run("--verify", write("se.asc", body(signedParts.get(1))).toString(),
                write("se", signedParts.get(0)).toString());
        assertThat(r.ok()).as(r.stderr()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(OurKey.class)
    void weDecryptWhatGpgEncryptsToOurKey(OurKey k) throws Exception {
        TestKeys ours = OUR_KEYS.get(k);
        assertThat(decrypt(gpgEncrypted("--recipient", ours.fingerprint()), ours.secret())).isEqualTo(MESSAGE);
    }

    @ParameterizedTest
    @EnumSource(GpgKey.class)
    void weDecryptWithASecretKeyExportedFromGpg(GpgKey k) throws Exception {
        TestKeys theirs = gpgKey(k);
        assertThat(decrypt(gpgEncrypted("--recipient", theirs.fingerprint()), theirs.secret())).isEqualTo(MESSAGE);
    }

    @Test
    void weDecryptGpgsCombinedSignAndEncrypt() throws Exception {
        TestKeys ours = OUR_KEYS.get(OurKey.RSA);
        byte[] message = gpgEncrypted("--sign", "--local-user", GPG_KEYS.get(GpgKey.P256),
                "--recipient", ours.fingerprint());
        assertThat(decrypt(message, ours.secret())).isEqualTo(MESSAGE);
    }

    /** PGP/MIME around what {@code gpg --armor --encrypt} makes of the sample content. */
    private static byte[] gpgEncrypted(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--armor", "--encrypt"));
        args.addAll(List.of(options));
        byte[] armored = gpg.ok(INNER.getBytes(StandardCharsets.US_ASCII), args.toArray(String[]::new)).stdout();
        return encryptedAround(OUTER, armored);
    }

    @ParameterizedTest
    @EnumSource(GpgKey.class)
    void weVerifyWhatGpgSigns(GpgKey k) throws Exception {
        TestKeys theirs = gpgKey(k);
        byte[] signature = gpg.ok(INNER.getBytes(StandardCharsets.US_ASCII), "--armor", "--detach-sign",
                "--digest-algo", "SHA256", "--local-user", theirs.fingerprint()).stdout();
        byte[] message = signedAround(OUTER, INNER, signature);

        PgpVerification v = verify(message, OUR_KEYS.get(OurKey.RSA).publicKey(), theirs.publicKey());
        assertThat(v.valid()).as(v.reason()).isTrue();
        assertThat(v.signerFingerprint()).contains(theirs.fingerprint());
        assertThat(v.signerUserId()).contains("Gpg " + k + " <gpg." + k.name().toLowerCase() + "@extern.example>");

        byte[] tampered = signedAround(OUTER, INNER.replace("anbei der", "anbei ein"), signature);
        PgpVerification bad = verify(tampered, theirs.publicKey());
        assertThat(bad.valid()).isFalse();
        assertThat(bad.reason()).contains("does not match the content");
    }

    @Test
    void readsTheFactsOfAGpgKey() throws Exception {
        String fingerprint = GPG_KEYS.get(GpgKey.CURVE25519);
        byte[] armored = gpg.ok(null, "--armor", "--export", fingerprint).stdout();

        PgpPublicKeyInfo info = PgpPublicKeyInfo.read(armored, Instant.now());
        assertThat(info.fingerprint()).isEqualTo(fingerprint);
        assertThat(info.version()).isEqualTo(4);
        assertThat(info.algorithm()).isEqualTo("EdDSA-256");
        assertThat(info.addresses()).containsExactly("gpg.curve25519@extern.example");
        assertThat(info.canEncrypt()).isTrue();
        assertThat(info.revoked()).isFalse();
        assertThat(info.expires()).isEmpty();
    }
}
