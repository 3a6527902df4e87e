package de.poststelle.crypto.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.poststelle.core.MessageSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tenant's own secret key, uploaded with its passphrase: unlocked once, then usable without it. */
class PgpSecretKeyImportTest {

    private static final String MESSAGE = "From: amt@stadt.example\r\nSubject: Test\r\n\r\nHallo.\r\n";
    static byte[] locked;

    @BeforeAll
    static void key() throws Exception {
        OpenPGPKey key = new BcOpenPGPApi(PgpKeys.IMPLEMENTATION).generateKey(PublicKeyPacket.VERSION_4, new Date(), false)
                .withPrimaryKey(g -> g.generateNistP256ECDSAKeyPair()).addUserId("Stadt <amt@stadt.example>")
                .addSigningSubkey(g -> g.generateNistP256ECDSAKeyPair())
                .addEncryptionSubkey(g -> g.generateNistP256ECDHKeyPair())
                .build("geheim".toCharArray());
        locked = key.toAsciiArmoredString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theRightPassphraseGivesAKeyThatSignsAndDecryptsWithoutIt() throws Exception {
        PgpSecretKeyImport imported = PgpSecretKeyImport.unlock(locked, "geheim".toCharArray(), Instant.now());

        assertThat(imported.key().addresses()).containsExactly("amt@stadt.example");
        MessageSource message = MessageSource.ofBytes(MESSAGE.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        new PgpMimeSigner(imported.secretKey()).sign(message, signed);
        assertThat(new PgpMimeVerifier(Clock.systemUTC()).verify(MessageSource.ofBytes(signed.toByteArray()),
                List.of(imported.key().publicKey())).valid()).isTrue();

        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        new PgpMimeEncryptor().encrypt(message, List.of(imported.key().publicKey()), encrypted);
        ByteArrayOutputStream decrypted = new ByteArrayOutputStream();
        new PgpMimeDecryptor(List.of(imported.secretKey())).decrypt(MessageSource.ofBytes(encrypted.toByteArray()),
                decrypted);
        assertThat(decrypted.toString(StandardCharsets.UTF_8)).contains("Hallo.");
    }

    @Test
    void aWrongPassphraseOrAPublicKeyIsRefusedWithItsReason() throws Exception {
        assertThatThrownBy(() -> PgpSecretKeyImport.unlock(locked, "falsch".toCharArray(), Instant.now()))
                .isInstanceOf(PgpSecretKeyImport.WrongPassphrase.class)
                .hasMessage("the passphrase does not unlock the OpenPGP secret key");
        byte[] publicOnly = TestKeys.generate(TestKeys.Kind.P256, "x@extern.example").publicKey();
        assertThatThrownBy(() -> PgpSecretKeyImport.unlock(publicOnly, new char[0], Instant.now()))
                .isInstanceOf(PgpException.class).isNotInstanceOf(PgpSecretKeyImport.WrongPassphrase.class);
    }
}
