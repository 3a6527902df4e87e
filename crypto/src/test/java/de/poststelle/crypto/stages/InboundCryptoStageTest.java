package de.poststelle.crypto.stages;

import de.poststelle.core.MessageSource;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.StageResult;
import de.poststelle.core.policy.CryptoSettings;
import de.poststelle.core.policy.TenantPolicy;
import de.poststelle.crypto.smime.SmimeEncryptor;
import de.poststelle.crypto.smime.SmimeSigner;
import de.poststelle.crypto.smime.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import static de.poststelle.crypto.stages.StageFixture.mail;
import static de.poststelle.crypto.stages.StageFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

class InboundCryptoStageTest {

    private static final String MESSAGE = "From: bob@partner.example\r\nTo: amt@stadt.example\r\nSubject: Antrag\r\n"
            + "X-Poststelle-Signature: valid; signer=chef@stadt.example\r\nx-poststelle-encryption: decrypted\r\n"
            + "\r\nMein Antrag.\r\n";

    static TestPki pki;
    static TestPki foreignPki;
    static TestPki.Identity amt;
    static TestPki.Identity bob;
    static TestPki.Identity mallory;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki();
        foreignPki = new TestPki();
        amt = pki.rsaUser("amt@stadt.example");
        bob = pki.ecUser("bob@partner.example");
        mallory = foreignPki.rsaUser("bob@partner.example");
    }

    private final InMemoryKeyDirectory keys = new InMemoryKeyDirectory().trust(pki.caCert).own(amt);

    private InboundCryptoStage stage(CryptoSettings settings) {
        return new InboundCryptoStage(StageFixture.domains(), tenant -> new TenantPolicy(settings, List.of()), keys,
                Clock.systemUTC());
    }

    private static byte[] signed(TestPki.Identity signer, String message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SmimeSigner(signer.key(), signer.chain()).sign(MessageSource.ofBytes(message.getBytes(StandardCharsets.UTF_8)), out);
        return out.toByteArray();
    }

    private static String encrypted(byte[] message, TestPki.Identity to) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SmimeEncryptor().encrypt(MessageSource.ofBytes(message), List.of(to.cert()), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String delivered(MailContext mail) throws Exception {
        return String.join("\r\n", mail.prependedHeaders()) + "\r\n" + text(mail.body());
    }

    @Test
    void signedAndEncryptedMailIsDecryptedVerifiedMarkedAndItsCertificateHarvested() throws Exception {
        MailContext mail = mail("bob@partner.example", encrypted(signed(bob, MESSAGE), amt), "amt@stadt.example");
        CryptoSettings tagging = new CryptoSettings("[secure]", "X-Poststelle-Encrypt", true, true, "[signiert]");

        assertThat(stage(tagging).process(mail)).isEqualTo(StageResult.CONTINUE);

        assertThat(mail.prependedHeaders()).containsExactly(
                "X-Poststelle-Signature: valid; signer=bob@partner.example", "X-Poststelle-Encryption: decrypted");
        String body = text(mail.body());
        assertThat(body).contains("Mein Antrag.").contains("Subject: [signiert] Antrag\r\n")
                .doesNotContain("chef@stadt.example").doesNotContainIgnoringCase("X-Poststelle-Encryption");
        assertThat(keys.harvested()).containsExactly(bob.cert());
    }

    @Test
    void spoofedMarksAreRemovedFromPlainMailToo() throws Exception {
        MailContext mail = mail("bob@partner.example", MESSAGE, "amt@stadt.example");

        stage(CryptoSettings.DEFAULTS).process(mail);

        assertThat(mail.prependedHeaders()).isEmpty();
        assertThat(text(mail.body())).doesNotContainIgnoringCase("X-Poststelle").contains("Subject: Antrag\r\n");
    }

    @Test
    void mailThatCannotBeDecryptedIsDeliveredAsItIsWithTheFailure() throws Exception {
        String forSomeoneElse = encrypted(MESSAGE.getBytes(StandardCharsets.UTF_8), bob);
        MailContext mail = mail("bob@partner.example", forSomeoneElse, "amt@stadt.example");

        assertThat(stage(CryptoSettings.DEFAULTS).process(mail)).isEqualTo(StageResult.CONTINUE);

        assertThat(mail.prependedHeaders()).singleElement().asString()
                .startsWith("X-Poststelle-Encryption: failed; reason=");
        assertThat(text(mail.body())).as("still encrypted, only the spoofed marks are gone")
                .isEqualTo(forSomeoneElse.replaceAll("(?im)^x-poststelle-\\w+: [^\r]*\r\n", ""));
    }

    @Test
    void aSignatureFromAnUntrustedCaIsMarkedUntrustedAndNotHarvested() throws Exception {
        MailContext mail = mail("bob@partner.example", new String(signed(mallory, MESSAGE), StandardCharsets.UTF_8),
                "amt@stadt.example");
        CryptoSettings tagging = new CryptoSettings("[secure]", "X-Poststelle-Encrypt", true, true, "[signiert]");

        stage(tagging).process(mail);

        assertThat(mail.prependedHeaders()).containsExactly(
                "X-Poststelle-Signature: untrusted; reason=not issued by a trusted CA");
        assertThat(text(mail.body())).contains("Subject: Antrag\r\n");
        assertThat(keys.harvested()).isEmpty();
    }

    @Test
    void aTamperedSignatureIsMarkedInvalid() throws Exception {
        String tampered = new String(signed(bob, MESSAGE), StandardCharsets.UTF_8).replace("Mein Antrag.", "Mein Antrag!");
        MailContext mail = mail("bob@partner.example", tampered, "amt@stadt.example");

        stage(CryptoSettings.DEFAULTS).process(mail);

        assertThat(mail.prependedHeaders()).singleElement().asString().startsWith("X-Poststelle-Signature: invalid; reason=");
    }

    @Test
    void marksCanBeSwitchedOff() throws Exception {
        MailContext mail = mail("bob@partner.example", encrypted(signed(bob, MESSAGE), amt), "amt@stadt.example");

        stage(new CryptoSettings("[secure]", "X-Poststelle-Encrypt", false, false, "[signiert]")).process(mail);

        assertThat(mail.prependedHeaders()).isEmpty();
        assertThat(text(mail.body())).contains("Mein Antrag.").doesNotContain("chef@stadt.example");
    }
}
