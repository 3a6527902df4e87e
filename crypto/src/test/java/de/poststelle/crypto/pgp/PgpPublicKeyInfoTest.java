package de.poststelle.crypto.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.poststelle.crypto.pgp.TestKeys.Kind;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.junit.jupiter.api.Test;

class PgpPublicKeyInfoTest {

    @Test
    void readsAV4Key() throws Exception {
        TestKeys keys = TestKeys.generate(Kind.P256, "Erika Muster <Erika.Muster@Extern.example>");

        PgpPublicKeyInfo info = PgpPublicKeyInfo.read(keys.publicKey(), Instant.now());
        assertThat(info.fingerprint()).isEqualTo(keys.fingerprint()).hasSize(40);
        assertThat(info.version()).isEqualTo(4);
        assertThat(info.algorithm()).isEqualTo("ECDSA-256");
        assertThat(info.userIds()).containsExactly("Erika Muster <Erika.Muster@Extern.example>");
        assertThat(info.addresses()).containsExactly("erika.muster@extern.example");
        assertThat(info.created()).isBefore(Instant.now().plusSeconds(1));
        assertThat(info.revoked()).isFalse();
        assertThat(info.canEncrypt()).isTrue();
        assertThat(info.publicKey()).isEqualTo(keys.publicKey());
    }

    @Test
    void readsAV6KeyArmored() throws Exception {
        TestKeys keys = TestKeys.generate(Kind.V6_ED25519, "v6@extern.example");
        String armored = new BcOpenPGPApi(PgpKeys.IMPLEMENTATION).readKeyOrCertificate()
                .parseCertificate(keys.publicKey()).toAsciiArmoredString();

        PgpPublicKeyInfo info = PgpPublicKeyInfo.read(armored.getBytes(StandardCharsets.US_ASCII), Instant.now());
        assertThat(info.version()).isEqualTo(6);
        assertThat(info.fingerprint()).isEqualTo(keys.fingerprint()).hasSize(64);
        assertThat(info.algorithm()).isEqualTo("Ed25519");
        assertThat(info.addresses()).containsExactly("v6@extern.example");
        assertThat(info.canEncrypt()).isTrue();
    }

    @Test
    void aSecretKeyIsReducedToItsPublicPart() throws Exception {
        TestKeys keys = TestKeys.generate(Kind.CURVE25519_LEGACY, "x@extern.example");

        PgpPublicKeyInfo info = PgpPublicKeyInfo.read(keys.secret(), Instant.now());
        assertThat(info.publicKey()).isEqualTo(keys.publicKey());
        assertThat(PgpKeys.certificate(info.publicKey()).isSecretKey()).isFalse();
    }

    @Test
    void anExpiredKeyCannotEncrypt() throws Exception {
        TestKeys keys = TestKeys.generate(Kind.RSA, "rsa@extern.example");
        PgpPublicKeyInfo now = PgpPublicKeyInfo.read(keys.publicKey(), Instant.now());
        // BouncyCastle gives new keys five years.
        Instant expires = now.expires().orElseThrow();
        assertThat(expires).isAfter(Instant.now().plus(Duration.ofDays(4 * 365)));

        PgpPublicKeyInfo later = PgpPublicKeyInfo.read(keys.publicKey(), expires.plus(Duration.ofDays(1)));
        assertThat(later.canEncrypt()).isFalse();
    }

    @Test
    void aRevokedKeyIsShownRevokedAndCannotEncrypt() throws Exception {
        TestKeys keys = TestKeys.generate(Kind.P256, "weg@extern.example");
        BcOpenPGPApi api = new BcOpenPGPApi(PgpKeys.IMPLEMENTATION);
        OpenPGPKey revoked = api.editKey(PgpKeys.secretKey(keys.secret())).revokeKey().done();

        PgpPublicKeyInfo info = PgpPublicKeyInfo.read(revoked.toCertificate().getEncoded(), Instant.now());
        assertThat(info.revoked()).isTrue();
        assertThat(info.canEncrypt()).isFalse();
        assertThatThrownBy(() -> new PgpMimeEncryptor().encrypt(de.poststelle.crypto.TestMessages.src(de.poststelle.crypto.TestMessages.MESSAGE),
                List.of(info.publicKey()), OutputStream.nullOutputStream()))
                .isInstanceOf(PgpException.class).hasMessageContaining("no valid encryption key");
    }

    @Test
    void garbageIsRefusedWithAPlainReason() {
        assertThatThrownBy(() -> PgpPublicKeyInfo.read("hello".getBytes(StandardCharsets.US_ASCII), Instant.now()))
                .isInstanceOf(PgpException.class).hasMessageStartingWith("not a readable OpenPGP public key");
    }

    @Test
    void addressesComeFromUserIds() {
        assertThat(PgpPublicKeyInfo.address("Max <Max@Example.org>")).contains("max@example.org");
        assertThat(PgpPublicKeyInfo.address("max@example.org")).contains("max@example.org");
        assertThat(PgpPublicKeyInfo.address("Max Mustermann")).isEmpty();
    }
}
