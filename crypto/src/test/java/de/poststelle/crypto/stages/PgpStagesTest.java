package de.poststelle.crypto.stages;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.StageResult;
import de.poststelle.core.policy.CryptoSettings;
import de.poststelle.core.policy.OutboundDecision;
import de.poststelle.core.policy.PolicyRule;
import de.poststelle.core.policy.RuleLevel;
import de.poststelle.core.policy.SecureFormat;
import de.poststelle.core.policy.TenantPolicy;
import de.poststelle.crypto.pgp.PgpMimeDecryptor;
import de.poststelle.crypto.pgp.PgpMimeEncryptor;
import de.poststelle.crypto.pgp.PgpMimeSigner;
import de.poststelle.crypto.pgp.PgpMimeVerifier;
import de.poststelle.crypto.pgp.TestKeys;
import de.poststelle.crypto.smime.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static de.poststelle.crypto.stages.StageFixture.TENANT;
import static de.poststelle.crypto.stages.StageFixture.mail;
import static de.poststelle.crypto.stages.StageFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

/** OpenPGP through the crypto stages: PGP/MIME out to approved keys, in with the tenant's secret key. */
class PgpStagesTest {

    private static final String OUTBOUND = "From: amt@stadt.example\r\nTo: bob@partner.example\r\n"
            + "Subject: Bescheid\r\n\r\nVertraulich.\r\n";
    private static final String INBOUND = "From: Bob <bob@partner.example>\r\nTo: amt@stadt.example\r\n"
            + "Subject: Antrag\r\nX-Poststelle-Signature: valid; signer=chef@stadt.example\r\n\r\nMein Antrag.\r\n";

    static TestKeys amtPgp;
    static TestKeys bobPgp;
    static TestPki.Identity bobSmime;

    @BeforeAll
    static void keys() throws Exception {
        amtPgp = TestKeys.generate(TestKeys.Kind.CURVE25519_LEGACY, "Stadt <amt@stadt.example>");
        bobPgp = TestKeys.generate(TestKeys.Kind.RSA, "Bob <bob@partner.example>");
        TestPki pki = new TestPki();
        bobSmime = pki.rsaUser("bob@partner.example");
    }

    private final InMemoryKeyDirectory keys = new InMemoryKeyDirectory()
            .ownPgp("amt@stadt.example", amtPgp.secret()).approvedPgp("bob@partner.example", bobPgp.publicKey());
    private final List<PolicyRule> rules = new ArrayList<>(List.of(
            new PolicyRule(TENANT, RuleLevel.TENANT, "", Optional.empty(), Optional.of(true), Optional.empty())));

    private OutboundDecisions decisions() {
        TenantPolicy policy = new TenantPolicy(CryptoSettings.DEFAULTS, rules);
        return new OutboundDecisions(StageFixture.domains(), tenant -> policy,
                List.of(new SmimeProtector(keys), new PgpProtector(keys, Clock.systemUTC())));
    }

    private OutboundCryptoStage outbound() {
        TenantPolicy policy = new TenantPolicy(CryptoSettings.DEFAULTS, rules);
        return new OutboundCryptoStage(decisions(), tenant -> policy);
    }

    private InboundCryptoStage inbound() {
        return new InboundCryptoStage(StageFixture.domains(), tenant -> new TenantPolicy(CryptoSettings.DEFAULTS,
                List.of()), keys, Clock.systemUTC());
    }

    private static String decrypt(MessageSource message, TestKeys as) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PgpMimeDecryptor(List.of(as.secret())).decrypt(message, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void mailToARecipientWithOnlyAnApprovedPgpKeyLeavesSignedAndEncryptedAsPgpMime() throws Exception {
        MailContext mail = mail("amt@stadt.example", OUTBOUND, "bob@partner.example");

        assertThat(outbound().process(mail)).isEqualTo(StageResult.CONTINUE);

        assertThat(text(mail.body())).contains("multipart/encrypted").contains("application/pgp-encrypted")
                .contains("Subject: Bescheid").doesNotContain("Vertraulich");
        String plain = decrypt(mail.body(), bobPgp);
        assertThat(plain).contains("application/pgp-signature").contains("Vertraulich.");
        assertThat(new PgpMimeVerifier(Clock.systemUTC()).verify(MessageSource.ofBytes(
                plain.getBytes(StandardCharsets.UTF_8)), List.of(amtPgp.publicKey())).valid()).isTrue();
    }

    @Test
    void sMimeGoesFirstUnlessTheRuleForTheRecipientPrefersPgpAndExplainNamesThePgpFingerprint() throws Exception {
        keys.recipient(bobSmime);
        MailAddress amt = MailAddress.parse("amt@stadt.example");
        MailAddress bob = MailAddress.parse("bob@partner.example");

        assertThat(decisions().explain(TENANT, amt, bob).format()).contains(SecureFormat.SMIME);

        rules.add(new PolicyRule(TENANT, RuleLevel.RECIPIENT, "bob@partner.example", Optional.empty(),
                Optional.empty(), Optional.of(SecureFormat.PGP)));
        OutboundDecision pgp = decisions().explain(TENANT, amt, bob);
        assertThat(pgp.outcome()).isEqualTo(OutboundDecision.Outcome.ENCRYPT);
        assertThat(pgp.format()).contains(SecureFormat.PGP);
        assertThat(pgp.recipientKey()).hasValueSatisfying(key -> assertThat(key)
                .contains(bobPgp.fingerprint()).contains("RSA-2048").contains("bob@partner.example"));
        assertThat(pgp.signingKey()).hasValueSatisfying(key -> assertThat(key).contains(amtPgp.fingerprint()));

        MailContext mail = mail("amt@stadt.example", OUTBOUND, "bob@partner.example");
        outbound().process(mail);
        assertThat(decrypt(mail.body(), bobPgp)).contains("Vertraulich.");
    }

    @Test
    void aRecipientWithoutAnyKeyGetsPlainMailSignedWithPgpWhenPgpIsPreferred() throws Exception {
        rules.add(new PolicyRule(TENANT, RuleLevel.RECIPIENT, "carol@partner.example", Optional.empty(),
                Optional.empty(), Optional.of(SecureFormat.PGP)));
        MailContext mail = mail("amt@stadt.example", OUTBOUND.replace("bob@", "carol@"), "carol@partner.example");

        assertThat(outbound().process(mail)).isEqualTo(StageResult.CONTINUE);

        String signed = text(mail.body());
        assertThat(signed).contains("application/pgp-signature").contains("Vertraulich.");
        assertThat(new PgpMimeVerifier(Clock.systemUTC()).verify(mail.body(), List.of(amtPgp.publicKey())).valid())
                .isTrue();
    }

    private static String pgpEncrypted(String message, boolean signedByBob) throws Exception {
        MessageSource source = MessageSource.ofBytes(message.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (signedByBob) {
            new PgpMimeEncryptor().signAndEncrypt(source, List.of(amtPgp.publicKey()),
                    new PgpMimeSigner(bobPgp.secret()), out);
        } else {
            new PgpMimeEncryptor().encrypt(source, List.of(amtPgp.publicKey()), out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String delivered(MailContext mail) throws Exception {
        return String.join("\r\n", mail.prependedHeaders()) + "\r\n" + text(mail.body());
    }

    @Test
    void signedAndEncryptedPgpMimeIsDecryptedVerifiedAndMarkedAndSpoofedMarksAreGone() throws Exception {
        MailContext mail = mail("bob@partner.example", pgpEncrypted(INBOUND, true), "amt@stadt.example");

        assertThat(inbound().process(mail)).isEqualTo(StageResult.CONTINUE);

        assertThat(mail.prependedHeaders()).containsExactly(
                "X-Poststelle-Signature: valid; signer=bob@partner.example; key=" + bobPgp.fingerprint(),
                "X-Poststelle-Encryption: decrypted");
        assertThat(delivered(mail)).contains("Mein Antrag.").doesNotContain("chef@stadt.example");
    }

    @Test
    void aSignatureByAKeyNobodyApprovedIsUntrustedAndATamperedOneInvalid() throws Exception {
        InMemoryKeyDirectory withoutBob = new InMemoryKeyDirectory().ownPgp("amt@stadt.example", amtPgp.secret());
        MailContext unknown = mail("bob@partner.example", pgpEncrypted(INBOUND, true), "amt@stadt.example");
        new InboundCryptoStage(StageFixture.domains(), tenant -> new TenantPolicy(CryptoSettings.DEFAULTS, List.of()),
                withoutBob, Clock.systemUTC()).process(unknown);
        assertThat(unknown.prependedHeaders()).containsExactly(
                "X-Poststelle-Signature: untrusted; reason=no approved OpenPGP key of the sender",
                "X-Poststelle-Encryption: decrypted");

        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        new PgpMimeSigner(bobPgp.secret()).sign(MessageSource.ofBytes(INBOUND.getBytes(StandardCharsets.UTF_8)), signed);
        MailContext tampered = mail("bob@partner.example",
                signed.toString(StandardCharsets.UTF_8).replace("Mein Antrag.", "Mein Antrag!"), "amt@stadt.example");
        inbound().process(tampered);
        assertThat(tampered.prependedHeaders()).singleElement().asString().startsWith("X-Poststelle-Signature: invalid;");
    }

    @Test
    void pgpMimeForWhichTheGatewayHasNoKeyIsDeliveredAsItIsMarkedFailed() throws Exception {
        String encrypted = pgpEncrypted(INBOUND, false);
        MailContext mail = mail("bob@partner.example", encrypted, "amt@stadt.example");

        new InboundCryptoStage(StageFixture.domains(), tenant -> new TenantPolicy(CryptoSettings.DEFAULTS, List.of()),
                new InMemoryKeyDirectory(), Clock.systemUTC()).process(mail);

        assertThat(mail.prependedHeaders()).containsExactly(
                "X-Poststelle-Encryption: failed; reason=no key for the recipients");
        assertThat(text(mail.body())).as("still encrypted, the spoofed mark gone")
                .isEqualTo(encrypted.replace("X-Poststelle-Signature: valid; signer=chef@stadt.example\r\n", ""));
    }
}
