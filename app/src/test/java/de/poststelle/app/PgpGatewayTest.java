package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import de.poststelle.core.policy.EncryptionMode;
import de.poststelle.core.policy.PolicyRule;
import de.poststelle.core.policy.RuleLevel;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.MessageSummary;
import de.poststelle.core.queue.QueueScope;
import de.poststelle.core.queue.QueueSearch;
import de.poststelle.core.queue.QueueState;
import de.poststelle.crypto.keys.NewKeys;
import de.poststelle.crypto.pgp.Gpg;
import de.poststelle.crypto.pgp.PgpMessages;
import de.poststelle.crypto.pgp.TestKeys;
import de.poststelle.smtp.server.SmtpServer;
import de.poststelle.store.keys.Approval;
import de.poststelle.store.keys.Decision;
import de.poststelle.store.keys.KeyRepository;
import de.poststelle.store.policy.PolicyRepository;
import de.poststelle.store.tenant.TenantRepository;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OpenPGP end to end through real SMTP and the real key store: the tenant stadt.example sends to
 * bob@partner.example (GreenMail as the external MX), whose OpenPGP key an admin has to approve
 * first; what leaves is read by {@code gpg}. What {@code gpg} encrypts and signs to the tenant's
 * key arrives decrypted and marked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PgpGatewayTest {

    static ScriptedSmtpServer tenantServer;
    @RegisterExtension
    static final GreenMailExtension externalServer = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    /** Removed after the tests, which also ends the gpg-agent gpg started for this home directory. */
    @TempDir
    static Path dir;
    static Gpg gpg;
    static String bobFingerprint;
    static String carolFingerprint;
    static TestKeys amt;

    @BeforeAll
    static void keys() throws Exception {
        gpg = new Gpg(dir);
        bobFingerprint = gpg.generate("Bob <bob@partner.example>", "ed25519", "cv25519");
        carolFingerprint = gpg.generate("Carol <carol@partner.example>", "nistp256", "nistp256");
        amt = TestKeys.generate(TestKeys.Kind.CURVE25519_LEGACY, "Stadt <amt@stadt.example>");
        gpg.importKey(amt.publicKey());
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws IOException {
        tenantServer = new ScriptedSmtpServer(attempt -> "250 2.1.5 ok");
        TestGateway.fastEmbedded(registry);
        // holding shows that the pending key is not used; MessengerGatewayBrowserTest covers the Messenger instead
        registry.add("poststelle.messenger.replace-hold", () -> "false");
        TestGateway.servedDomain(registry, 0, "stadt.example", "stadt", () -> tenantServer.port(),
                "127.0.0.1/32");
        TestGateway.route(registry, 0, "partner.example", externalServer.getSmtp().getPort());
    }

    @Autowired
    SmtpServer smtpServer;
    @Autowired
    MailQueue queue;
    @Autowired
    PolicyRepository policies;
    @Autowired
    TenantRepository tenants;
    @Autowired
    KeyRepository keys;

    long tenant;

    @BeforeEach
    void tenantSignsAndHoldsItsOwnSecretKey() {
        tenant = tenants.findByName("stadt").orElseThrow().id();
        policies.save(new PolicyRule(tenant, RuleLevel.TENANT, "", Optional.empty(), Optional.of(true), Optional.empty()));
        if (keys.ofTenant(tenant).isEmpty()) {
            keys.add(NewKeys.pgpSecretKey(tenant, amt.secret(), new char[0], Optional.empty(), Instant.now(), "test"),
                    Instant.now());
        }
    }

    private String send(String from, String to, String message) throws IOException {
        return CryptoMail.send(smtpServer.port(), from, List.of(to), message);
    }

    private static List<MimeMessage> inbox(String address) throws Exception {
        return CryptoMail.inbox(externalServer, address);
    }


    @Test
    void aPendingKeyIsNeverUsedOnceApprovedTheHeldMailLeavesAsPgpMimeAndGpgDecryptsAndVerifiesIt()
            throws Exception {
        long bobKey = keys.add(NewKeys.pgpPublicKey(tenant, gpg.exportPublic(bobFingerprint), Instant.now(), "test"),
                Instant.now());
        policies.save(new PolicyRule(tenant, RuleLevel.RECIPIENT, "bob@partner.example",
                Optional.of(EncryptionMode.MANDATORY), Optional.empty(), Optional.empty()));

        String queueId = send("amt@stadt.example", "bob@partner.example", "From: amt@stadt.example\r\n"
                + "To: bob@partner.example\r\nSubject: Bescheid\r\nMessage-ID: <bescheid@stadt.example>\r\n"
                + "\r\nVertraulicher Bescheid.\r\n");

        MessageSummary held = await().atMost(Duration.ofSeconds(30)).until(() -> queue.searchMessages(
                QueueScope.all(), QueueSearch.everything(), 100, 0).stream().filter(m -> m.queueId().equals(queueId))
                .findFirst().filter(m -> m.state() == QueueState.DEFERRED).orElse(null), m -> m != null);
        assertThat(held.lastError()).contains("awaiting secure delivery: no trusted key for bob@partner.example");
        assertThat(inbox("bob@partner.example")).as("a pending key is not used, nothing is sent in clear").isEmpty();

        keys.decide(tenant, bobKey, Approval.APPROVED, new Decision("fachadmin", Instant.now()));

        MimeMessage arrived = await().atMost(Duration.ofSeconds(60)).until(
                () -> inbox("bob@partner.example").stream().findFirst().orElse(null), m -> m != null);
        byte[] encrypted = CryptoMail.raw(arrived);
        assertThat(new String(encrypted, StandardCharsets.UTF_8)).contains("multipart/encrypted")
                .contains("application/pgp-encrypted").doesNotContain("Vertraulicher Bescheid");

        byte[] inner = gpg.ok(PgpMessages.body(PgpMessages.parts(encrypted).get(1)), "--decrypt").stdout();
        assertThat(new String(inner, StandardCharsets.UTF_8)).startsWith("Content-Type: multipart/signed")
                .contains("Vertraulicher Bescheid.");
        List<byte[]> signed = PgpMessages.parts(inner);
        Path signature = Files.write(dir.resolve("bescheid.asc"), PgpMessages.body(signed.get(1)));
        Path content = Files.write(dir.resolve("bescheid.txt"), signed.get(0));
        Gpg.Result verified = gpg.run("--verify", signature.toString(), content.toString());
        assertThat(verified.ok()).as(verified.stderr()).isTrue();
    }

    @Test
    void pgpMimeThatGpgSignedAndEncryptedArrivesDecryptedAndMarked() throws Exception {
        long carolKey = keys.add(NewKeys.pgpPublicKey(tenant, gpg.exportPublic(carolFingerprint), Instant.now(), "test"),
                Instant.now());
        keys.decide(tenant, carolKey, Approval.APPROVED, new Decision("fachadmin", Instant.now()));
        String part = "Content-Type: text/plain; charset=utf-8\r\n\r\nMein Antrag.\r\n";
        byte[] signature = gpg.ok(part.getBytes(StandardCharsets.US_ASCII), "--armor", "--detach-sign",
                "--digest-algo", "SHA256", "--local-user", carolFingerprint).stdout();
        byte[] signed = PgpMessages.signedAround("", part, signature);
        byte[] armored = gpg.ok(signed, "--armor", "--encrypt", "--recipient", amt.fingerprint()).stdout();
        String outer = "From: Carol <carol@partner.example>\r\nTo: amt@stadt.example\r\nSubject: Antrag\r\n"
                + "Message-ID: <antrag@partner.example>\r\nMIME-Version: 1.0\r\n"
                + "X-Poststelle-Signature: valid; signer=buergermeister@stadt.example\r\n";
        String message = new String(PgpMessages.encryptedAround(outer, armored), StandardCharsets.ISO_8859_1);

        send("carol@partner.example", "amt@stadt.example", message.replace("\r\n", "\n").replace("\n", "\r\n").strip());

        String arrived = await().atMost(Duration.ofSeconds(60)).until(() -> tenantServer.received().stream()
                .filter(m -> m.contains("Message-ID: <antrag@partner.example>")).findFirst().orElse(null), m -> m != null);
        assertThat(arrived).contains("X-Poststelle-Encryption: decrypted\r\n")
                .contains("X-Poststelle-Signature: valid; signer=carol@partner.example; key=" + carolFingerprint + "\r\n")
                .contains("Mein Antrag.").doesNotContain("buergermeister").doesNotContain("BEGIN PGP MESSAGE");
    }
}
