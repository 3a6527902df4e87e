package de.poststelle.crypto.stages;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.StageResult;
import de.poststelle.core.queue.GeneratedMail;
import de.poststelle.core.queue.SecureMailbox;
import de.poststelle.core.policy.CryptoSettings;
import de.poststelle.core.policy.EncryptionMode;
import de.poststelle.core.policy.OutboundDecision;
import de.poststelle.core.policy.PolicyRule;
import de.poststelle.core.policy.RuleLevel;
import de.poststelle.core.policy.TenantPolicy;
import de.poststelle.crypto.smime.SmimeDecryptor;
import de.poststelle.crypto.smime.SmimeVerification;
import de.poststelle.crypto.smime.SmimeVerifier;
import de.poststelle.crypto.smime.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static de.poststelle.crypto.stages.StageFixture.TENANT;
import static de.poststelle.crypto.stages.StageFixture.mail;
import static de.poststelle.crypto.stages.StageFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

class OutboundCryptoStageTest {

    private static final String MESSAGE = "From: amt@stadt.example\r\nTo: bob@partner.example\r\n"
            + "Subject: [secure] Bescheid\r\nX-Poststelle-Encrypt: no\r\n\r\nVertraulich.\r\n";

    static TestPki pki;
    static TestPki.Identity amt;
    static TestPki.Identity bob;
    static TestPki.Identity carol;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki();
        amt = pki.ecUser("amt@stadt.example");
        bob = pki.rsaUser("bob@partner.example");
        carol = pki.rsaUserReadingOnlyCbc("carol@partner.example");
    }

    private final InMemoryKeyDirectory keys = new InMemoryKeyDirectory().trust(pki.caCert).own(amt).recipient(bob).recipient(carol);
    private final List<PolicyRule> rules = new ArrayList<>();

    private OutboundCryptoStage stage() {
        return stage(Optional.empty());
    }

    private OutboundCryptoStage stage(Optional<SecureMailbox> messenger) {
        TenantPolicy policy = new TenantPolicy(CryptoSettings.DEFAULTS, rules);
        OutboundDecisions decisions = new OutboundDecisions(StageFixture.domains(), tenant -> policy,
                List.of(new SmimeProtector(keys)));
        return new OutboundCryptoStage(decisions, tenant -> policy, messenger);
    }

    private void rule(RuleLevel level, String match, EncryptionMode mode, boolean sign) {
        rules.add(new PolicyRule(TENANT, level, match, Optional.ofNullable(mode), Optional.of(sign), Optional.empty()));
    }

    private static String decrypt(MessageSource message, TestPki.Identity as) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SmimeDecryptor(as.key(), as.cert()).decrypt(message, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void mailToARecipientWithATrustedCertificateIsSignedThenEncryptedAndTheTriggerRemoved() throws Exception {
        rule(RuleLevel.TENANT, "", null, true);
        MailContext mail = mail("amt@stadt.example", MESSAGE, "bob@partner.example");

        assertThat(stage().process(mail)).isEqualTo(StageResult.CONTINUE);

        String encrypted = text(mail.body());
        assertThat(encrypted).contains("smime-type=authEnveloped-data").doesNotContain("Vertraulich")
                .contains("Subject: Bescheid\r\n").doesNotContain("X-Poststelle-Encrypt");
        String plain = decrypt(mail.body(), bob);
        assertThat(plain).contains("multipart/signed").contains("Vertraulich.");
        SmimeVerification verification = new SmimeVerifier().verify(MessageSource.ofBytes(plain.getBytes(StandardCharsets.UTF_8)));
        assertThat(verification.valid()).as(verification.reason()).isTrue();
        assertThat(verification.signer().orElseThrow().emails()).containsExactly("amt@stadt.example");
    }

    @Test
    void aRecipientWhoseCertificateAsksForCbcGetsEnvelopedData() throws Exception {
        MailContext mail = mail("amt@stadt.example", MESSAGE, "carol@partner.example");

        stage().process(mail);

        assertThat(text(mail.body())).contains("smime-type=enveloped-data");
        assertThat(decrypt(mail.body(), carol)).contains("Vertraulich.");
    }

    @Test
    void recipientsNeedingDifferentTreatmentAreSplitAndTheEncryptedGroupSharesOneMessage() throws Exception {
        rule(RuleLevel.RECIPIENT, "held@partner.example", EncryptionMode.MANDATORY, false);
        String unforced = MESSAGE.replace("[secure] ", "");
        MailContext mail = mail("amt@stadt.example", unforced, "bob@partner.example", "plain@other.example",
                "held@partner.example", "carol@partner.example", "kollege@stadt.example");

        assertThat(stage().process(mail)).isEqualTo(StageResult.CONTINUE);

        assertThat(mail.activeRecipients()).extracting(MailAddress::toString)
                .containsExactly("bob@partner.example", "carol@partner.example");
        assertThat(decrypt(mail.body(), bob)).contains("Vertraulich.");
        assertThat(decrypt(mail.body(), carol)).as("one message for all, in a cipher all can read")
                .contains("Vertraulich.");
        assertThat(mail.splitOffRecipients()).extracting(group -> group.stream().map(MailAddress::toString).toList())
                .containsExactly(List.of("plain@other.example", "kollege@stadt.example"), List.of("held@partner.example"));
    }

    @Test
    void mandatoryEncryptionWithoutKeyHoldsTheMailWithTheReason() throws Exception {
        MailContext mail = mail("amt@stadt.example", MESSAGE, "nokey@partner.example");

        StageResult result = stage().process(mail);

        assertThat(result).isEqualTo(new StageResult.Defer("awaiting secure delivery: no trusted key for nokey@partner.example"));
        assertThat(mail.bodyReplaced()).isFalse();
    }

    @Test
    void withAMessengerRecipientsWithoutKeyAreHandedOverInsteadOfHeldAndAFullMailboxFollowsItsSetting() throws Exception {
        GeneratedMail notice = new GeneratedMail(new Envelope(Optional.empty(),
                List.of(MailAddress.parse("nokey@partner.example")), ClientInfo.local("gw.test", Instant.EPOCH)),
                MessageSource.ofBytes("Subject: Neue Nachricht\r\n\r\nLink\r\n".getBytes(StandardCharsets.US_ASCII)));
        Map<MailAddress, SecureMailbox.Delivery> outcomes = Map.of(
                MailAddress.parse("nokey@partner.example"), SecureMailbox.Delivery.stored(List.of(notice)),
                MailAddress.parse("full@partner.example"), SecureMailbox.Delivery.notStored(SecureMailbox.Outcome.REFUSED));
        List<String> stored = new ArrayList<>();
        SecureMailbox messenger = (queueId, sender, recipient, content) -> {
            stored.add(recipient + ": " + text(content));
            return outcomes.get(recipient);
        };
        MailContext mail = mail("amt@stadt.example", MESSAGE, "nokey@partner.example", "full@partner.example");

        assertThat(stage(Optional.of(messenger)).process(mail)).isEqualTo(StageResult.CONTINUE);

        assertThat(mail.handedOffRecipients()).containsOnlyKeys(MailAddress.parse("nokey@partner.example"));
        assertThat(mail.generatedMails()).as("the notice goes with the hand-off").containsExactly(notice);
        assertThat(mail.failedRecipients().get(MailAddress.parse("full@partner.example")).toString()).contains("552");
        assertThat(mail.activeRecipients()).isEmpty();
        assertThat(stored).first().asString().contains("Subject: Bescheid\r\n").contains("Vertraulich.");

        MailContext pending = mail("amt@stadt.example", MESSAGE, "nokey@partner.example");
        assertThat(stage(Optional.of((queueId, sender, recipient, content) ->
                SecureMailbox.Delivery.notStored(SecureMailbox.Outcome.KEEP_PENDING)))
                .process(pending)).isEqualTo(new StageResult.Defer("Messenger mailbox full: nokey@partner.example"));
    }

    @Test
    void aFullMailboxDoesNotHoldUpTheAnnouncementOfTheOthers() throws Exception {
        SecureMailbox messenger = (queueId, sender, recipient, content) -> recipient.localPart().equals("full")
                ? SecureMailbox.Delivery.notStored(SecureMailbox.Outcome.KEEP_PENDING)
                : SecureMailbox.Delivery.stored(List.of());
        MailContext mail = mail("amt@stadt.example", MESSAGE, "nokey@partner.example", "full@partner.example");

        assertThat(stage(Optional.of(messenger)).process(mail)).isEqualTo(StageResult.CONTINUE);

        assertThat(mail.handedOffRecipients()).containsOnlyKeys(MailAddress.parse("nokey@partner.example"));
        assertThat(mail.splitOffRecipients()).as("tried again on its own")
                .containsExactly(List.of(MailAddress.parse("full@partner.example")));
    }

    @Test
    void theHeaderTriggerForcesEncryptionAndIsRemoved() throws Exception {
        String triggered = MESSAGE.replace("[secure] ", "").replace("X-Poststelle-Encrypt: no", "X-Poststelle-Encrypt: YES");

        assertThat(stage().process(mail("amt@stadt.example", triggered, "nokey@partner.example")))
                .isInstanceOf(StageResult.Defer.class);
        MailContext toBob = mail("amt@stadt.example", triggered, "bob@partner.example");
        stage().process(toBob);
        assertThat(decrypt(toBob.body(), bob)).doesNotContain("X-Poststelle-Encrypt");
    }

    @Test
    void theMobileNumberForThePinSmsReachesTheMessengerButLeavesWithNoMail() throws Exception {
        String withMobile = MESSAGE.replace("X-Poststelle-Encrypt: no", "X-Poststelle-Messenger-Mobil: +49 170 1234567");
        MailContext encrypted = mail("amt@stadt.example", withMobile, "bob@partner.example");
        MailContext plain = mail("amt@stadt.example", withMobile.replace("[secure] ", ""), "nokey@partner.example");
        List<String> handedOver = new ArrayList<>();
        MailContext toMessenger = mail("amt@stadt.example", withMobile, "nokey@partner.example");

        stage().process(encrypted);
        stage().process(plain);
        stage(Optional.of((queueId, sender, recipient, content) -> {
            handedOver.add(text(content));
            return SecureMailbox.Delivery.stored(List.of());
        })).process(toMessenger);

        assertThat(decrypt(encrypted.body(), bob)).contains("Vertraulich.").doesNotContain("1234567");
        assertThat(text(encrypted.body())).doesNotContain("1234567");
        assertThat(text(plain.body())).contains("Subject: Bescheid\r\n", "Vertraulich.").doesNotContain("1234567");
        assertThat(handedOver).singleElement().asString().contains("X-Poststelle-Messenger-Mobil: +49 170 1234567");
    }

    @Test
    void opportunisticMailWithoutKeyLeavesAsItIsAndMailFromOutsideIsNotTouched() throws Exception {
        String unforced = MESSAGE.replace("[secure] ", "").replace("X-Poststelle-Encrypt: no\r\n", "");
        MailContext plain = mail("amt@stadt.example", unforced, "nokey@partner.example");
        MailContext foreign = mail("someone@elsewhere.example", MESSAGE, "bob@partner.example");

        assertThat(stage().process(plain)).isEqualTo(StageResult.CONTINUE);
        assertThat(stage().process(foreign)).isEqualTo(StageResult.CONTINUE);

        assertThat(plain.bodyReplaced()).isFalse();
        assertThat(foreign.bodyReplaced()).isFalse();
    }

    @Test
    void explainNamesTheDecidingRuleTheCertificateAndTheOutcome() {
        rule(RuleLevel.RECIPIENT_DOMAIN, "partner.example", EncryptionMode.MANDATORY, true);
        TenantPolicy policy = new TenantPolicy(CryptoSettings.DEFAULTS, rules);
        OutboundDecisions decisions = new OutboundDecisions(StageFixture.domains(), tenant -> policy,
                List.of(new SmimeProtector(keys)));

        OutboundDecision toBob = decisions.explain(TENANT, MailAddress.parse("amt@stadt.example"), MailAddress.parse("bob@partner.example"));
        OutboundDecision toNobody = decisions.explain(TENANT, MailAddress.parse("amt@stadt.example"), MailAddress.parse("x@partner.example"));

        assertThat(toBob.outcome()).isEqualTo(OutboundDecision.Outcome.ENCRYPT);
        assertThat(toBob.policy().orElseThrow().encryptionDecidedBy().match()).isEqualTo("partner.example");
        assertThat(toBob.recipientKey().orElseThrow()).contains("CN=bob@partner.example").contains("AES-256-GCM");
        assertThat(toBob.signingKey().orElseThrow()).contains("CN=amt@stadt.example");
        assertThat(toNobody.outcome()).isEqualTo(OutboundDecision.Outcome.HOLD);
        assertThat(toNobody.reason()).isEqualTo("encryption is mandatory and there is no trusted key for x@partner.example");
    }
}
