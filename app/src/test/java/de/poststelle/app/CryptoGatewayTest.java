package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.KeyService;
import de.poststelle.core.policy.PolicyRule;
import de.poststelle.core.policy.RuleLevel;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.MessageSummary;
import de.poststelle.core.queue.QueueScope;
import de.poststelle.core.queue.QueueSearch;
import de.poststelle.core.queue.QueueState;
import de.poststelle.crypto.smime.OpenSsl;
import de.poststelle.crypto.discovery.TestLdap;
import de.poststelle.crypto.smime.TestPki;
import de.poststelle.smtp.server.SmtpServer;
import de.poststelle.store.keys.KeyKind;
import de.poststelle.store.keys.KeySource;
import de.poststelle.store.policy.PolicyRepository;
import de.poststelle.store.tenant.AdminUserRepository;
import de.poststelle.store.tenant.TenantRepository;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Encryption end to end through real SMTP: the tenant stadt.example sends to partner.example (a
 * GreenMail server standing in for the external MX) and receives from outside into its own
 * server. What leaves encrypted and signed is read by {@code openssl cms}; what {@code openssl cms}
 * encrypted and signed arrives decrypted and marked. The keys are in the real key store, imported
 * as an admin would: the tenant's PKCS#12, the partner CA, the partner's certificate. Further
 * partners' certificates are only in the partner's LDAP directory (key discovery).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CryptoGatewayTest {

    /** The tenant's own server; it also takes the null sender, so bounces land here. */
    static ScriptedSmtpServer tenantServer;
    @RegisterExtension
    static final GreenMailExtension externalServer = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    static final TestPki PKI;
    static final TestPki.Identity AMT;
    static final TestPki.Identity BOB;
    static final TestPki.Identity CAROL;
    /** Only in the partner's directory, issued by the partner CA the tenant trusts. */
    static final TestPki.Identity DAVE;
    /** Only in the partner's directory, issued by a CA the tenant does not trust. */
    static final TestPki.Identity EVE;
    static final InMemoryDirectoryServer PARTNER_DIRECTORY;
    static final Path DIR;

    static {
        try {
            PKI = new TestPki();
            AMT = PKI.rsaUser("amt@stadt.example");
            BOB = PKI.ecUser("bob@partner.example");
            CAROL = PKI.rsaUser("carol@partner.example");
            DAVE = PKI.ecUser("dave@partner.example");
            EVE = new TestPki().ecUser("eve@partner.example");
            PARTNER_DIRECTORY = TestLdap.server("dc=partner,dc=example", "verzeichnis");
            PARTNER_DIRECTORY.add(TestLdap.person("dc=partner,dc=example", "dave", DAVE, "userCertificate;binary"));
            PARTNER_DIRECTORY.add(TestLdap.person("dc=partner,dc=example", "eve", EVE, "userCertificate;binary"));
            DIR = Files.createTempDirectory("crypto-gateway-test");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws IOException {
        tenantServer = new ScriptedSmtpServer(attempt -> "250 2.1.5 ok");
        TestGateway.fastEmbedded(registry);
        // holding is what these tests look at; MessengerGatewayBrowserTest covers the Messenger instead
        registry.add("poststelle.messenger.replace-hold", () -> "false");
        // Held mail is bounced when it is this old; long enough for every other mail to pass.
        registry.add("poststelle.delivery.max-age", () -> "40s");
        TestGateway.servedDomain(registry, 0, "stadt.example", "stadt", () -> tenantServer.port(),
                "127.0.0.1/32");
        TestGateway.route(registry, 0, "partner.example", externalServer.getSmtp().getPort());
        TestGateway.route(registry, 1, "other.example", externalServer.getSmtp().getPort());
        registry.add("poststelle.discovery.ldap[0].url", () -> "ldap://127.0.0.1:" + PARTNER_DIRECTORY.getListenPort());
        registry.add("poststelle.discovery.ldap[0].base-dn", () -> "dc=partner,dc=example");
        registry.add("poststelle.discovery.ldap[0].bind-dn", () -> "cn=Gateway,dc=partner,dc=example");
        registry.add("poststelle.discovery.ldap[0].bind-password", () -> "verzeichnis");
    }

    @AfterAll
    static void stopDirectory() {
        PARTNER_DIRECTORY.shutDown(true);
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
    KeyService keys;
    @Autowired
    AccessControl access;
    @Autowired
    AdminUserRepository users;

    private Actor admin;
    private long tenant;

    @BeforeEach
    void importTheKeysAndSignEverything() throws Exception {
        admin = new Actor(access.authorityOf(users.findByUsername("admin").orElseThrow()), "127.0.0.1");
        tenant = tenants.findByName("stadt").orElseThrow().id();
        if (keys.list(admin, tenant).isEmpty()) {
            keys.importFile(admin, tenant, KeyService.FileType.PKCS12, pkcs12(AMT, "geheim"), Optional.of("geheim"),
                    Optional.empty());
            keys.importFile(admin, tenant, KeyService.FileType.CA_BUNDLE,
                    TestPki.pem(PKI.caCert).getBytes(StandardCharsets.US_ASCII), Optional.empty(), Optional.empty());
            keys.importFile(admin, tenant, KeyService.FileType.RECIPIENT_CERTIFICATE,
                    TestPki.pem(BOB.cert()).getBytes(StandardCharsets.US_ASCII), Optional.empty(), Optional.empty());
        }
        policies.save(new PolicyRule(tenant, RuleLevel.TENANT, "", Optional.empty(), Optional.of(true), Optional.empty()));
    }

    /** The tenant's key as the PKCS#12 file a CA hands out. */
    private static byte[] pkcs12(TestPki.Identity identity, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("amt", identity.key(), password.toCharArray(), identity.chain().toArray(Certificate[]::new));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return out.toByteArray();
    }

    private String send(String from, List<String> to, String message) throws IOException {
        return CryptoMail.send(smtpServer.port(), from, to, message);
    }

    private static String outbound(String subject, String to) {
        return "From: amt@stadt.example\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + subject.replaceAll("\\W", "-") + "@stadt.example>\r\n\r\nVertraulicher Bescheid.\r\n";
    }

    /** The copy of the mail with {@code messageId} in the external recipient's mailbox. */
    private static MimeMessage receivedBy(String recipient, String messageId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> inbox(recipient).stream()
                .filter(m -> messageId.equals(header(m, "Message-ID"))).findFirst().orElse(null), m -> m != null);
    }

    private static List<MimeMessage> inbox(String address) throws Exception {
        return CryptoMail.inbox(externalServer, address);
    }

    /** The first mail the tenant's server received that contains {@code text}. */
    private static String receivedByTenant(String text) {
        return await().atMost(Duration.ofSeconds(120)).until(() -> tenantServer.received().stream()
                .filter(m -> m.contains(text)).findFirst().orElse(null), m -> m != null);
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String raw(MimeMessage message) {
        return new String(CryptoMail.raw(message), StandardCharsets.UTF_8);
    }

    private static Path write(String name, String content) {
        try {
            return Files.writeString(DIR.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} as a text part that {@code openssl cms} signed with {@code signer}'s key. */
    private static Path opensslSigned(TestPki.Identity signer, String name, String text) throws Exception {
        Path[] pem = signer.writePem(DIR, name + "-signer");
        Path plain = write(name + ".txt", "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n");
        Path signed = DIR.resolve(name + "-signed.eml");
        OpenSsl.Result sign = OpenSsl.run("cms", "-sign", "-in", plain.toString(), "-signer", pem[0].toString(),
                "-inkey", pem[1].toString(), "-out", signed.toString());
        assertThat(sign.ok()).as(sign.output()).isTrue();
        return signed;
    }

    /** What {@code openssl cms} reads from {@code encrypted} with {@code recipient}'s key. */
    private static Path opensslDecrypted(String encrypted, TestPki.Identity recipient, String name)
            throws Exception {
        Path[] pem = recipient.writePem(DIR, name + "-recipient");
        Path decrypted = DIR.resolve(name + "-decrypted.eml");
        OpenSsl.Result decrypt = OpenSsl.run("cms", "-decrypt", "-in", write(name + "-encrypted.eml", encrypted)
                .toString(), "-recip", pem[0].toString(), "-inkey", pem[1].toString(), "-out", decrypted.toString());
        assertThat(decrypt.ok()).as(decrypt.output()).isTrue();
        return decrypted;
    }

    @Test
    void mailToAnExternalRecipientWithAKnownCertificateLeavesSignedAndEncryptedAndOpensslReadsIt() throws Exception {
        OpenSsl.assumeAvailable();
        send("amt@stadt.example", List.of("bob@partner.example"), outbound("[secure] Bescheid 1", "bob@partner.example"));

        MimeMessage arrived = receivedBy("bob@partner.example", "<-secure--Bescheid-1@stadt.example>");
        String encrypted = raw(arrived);
        assertThat(encrypted).contains("application/pkcs7-mime").doesNotContain("Vertraulicher Bescheid");
        assertThat(arrived.getSubject()).as("the trigger is removed").isEqualTo("Bescheid 1");

        Path decrypted = opensslDecrypted(encrypted, BOB, "bescheid-1");
        assertThat(Files.readString(decrypted)).contains("multipart/signed");

        Path content = DIR.resolve("content-1.txt");
        OpenSsl.Result verify = OpenSsl.run("cms", "-verify", "-in", decrypted.toString(),
                "-CAfile", PKI.writeCaPem(DIR).toString(), "-out", content.toString());
        assertThat(verify.ok()).as(verify.output()).isTrue();
        assertThat(verify.output()).contains("Verification successful");
        assertThat(Files.readString(content)).contains("Vertraulicher Bescheid.");
    }

    @Test
    void theSubjectTriggerHoldsMailWithoutAKeyNeverSendsItInClearAndBouncesItAtTheMaximumAge() throws Exception {
        String queueId = send("amt@stadt.example", List.of("nokey@partner.example"),
                outbound("[secure] Bescheid 2", "nokey@partner.example"));

        MessageSummary held = await().atMost(Duration.ofSeconds(30)).until(() -> queue.searchMessages(QueueScope.all(),
                QueueSearch.everything(), 100, 0).stream().filter(m -> m.queueId().equals(queueId)).findFirst()
                .filter(m -> m.state() == QueueState.DEFERRED).orElse(null), m -> m != null);
        assertThat(held.lastError()).contains("awaiting secure delivery: no trusted key for nokey@partner.example");

        String bounce = receivedByTenant("Subject: [secure] Bescheid 2");
        assertThat(bounce).contains("multipart/report").contains("Status: 5.4.7").contains("awaiting secure delivery");
        assertThat(inbox("nokey@partner.example")).as("never sent in clear").isEmpty();
    }

    @Test
    void recipientsWithAndWithoutKeyGetTheirOwnCopies() throws Exception {
        send("amt@stadt.example", List.of("bob@partner.example", "anyone@other.example"),
                outbound("Bescheid 3", "bob@partner.example, anyone@other.example"));

        String toBob = raw(receivedBy("bob@partner.example", "<Bescheid-3@stadt.example>"));
        String toAnyone = raw(receivedBy("anyone@other.example", "<Bescheid-3@stadt.example>"));

        assertThat(toBob).contains("application/pkcs7-mime").doesNotContain("Vertraulicher Bescheid");
        assertThat(toAnyone).as("opportunistic: no key, sent signed but readable")
                .contains("multipart/signed").contains("Vertraulicher Bescheid.");
    }

    @Test
    void mailThatOpensslSignedAndEncryptedArrivesDecryptedAndMarkedAndSpoofedMarksAreGone() throws Exception {
        OpenSsl.assumeAvailable();
        Path[] amt = AMT.writePem(DIR, "amt");
        Path signed = opensslSigned(BOB, "inbound", "Mein Antrag.");
        Path encrypted = DIR.resolve("inbound-encrypted.eml");
        OpenSsl.Result encrypt = OpenSsl.run("cms", "-encrypt", "-aes256", "-in", signed.toString(),
                "-out", encrypted.toString(), amt[0].toString());
        assertThat(encrypt.ok()).as(encrypt.output()).isTrue();
        String message = "From: bob@partner.example\r\nTo: amt@stadt.example\r\nSubject: Antrag\r\n"
                + "Message-ID: <antrag@partner.example>\r\n"
                + "X-Poststelle-Signature: valid; signer=buergermeister@stadt.example\r\n"
                + Files.readString(encrypted).replace("\r\n", "\n").replace("\n", "\r\n").strip();

        send("bob@partner.example", List.of("amt@stadt.example"), message);

        String arrived = receivedByTenant("Message-ID: <antrag@partner.example>");
        assertThat(arrived).contains("X-Poststelle-Encryption: decrypted\r\n")
                .contains("X-Poststelle-Signature: valid; signer=bob@partner.example\r\n")
                .contains("Mein Antrag.").doesNotContain("buergermeister");
    }

    @Test
    void theCertificateOfAValidlySignedInboundMailIsHarvestedIntoTheKeyStore() throws Exception {
        OpenSsl.assumeAvailable();
        Path signed = opensslSigned(CAROL, "harvest", "Meine Stellungnahme.");
        String message = "From: carol@partner.example\r\nTo: amt@stadt.example\r\nSubject: Stellungnahme\r\n"
                + "Message-ID: <stellungnahme@partner.example>\r\n"
                + Files.readString(signed).replace("\r\n", "\n").replace("\n", "\r\n").strip();
        assertThat(keys.list(admin, tenant)).noneMatch(view -> view.key().addresses().contains("carol@partner.example"));

        send("carol@partner.example", List.of("amt@stadt.example"), message);

        assertThat(receivedByTenant("Message-ID: <stellungnahme@partner.example>"))
                .contains("X-Poststelle-Signature: valid; signer=carol@partner.example\r\n");
        KeyService.KeyView harvested = keyOf("carol@partner.example");
        assertThat(harvested.key().kind()).isEqualTo(KeyKind.RECIPIENT_CERT);
        assertThat(harvested.key().source()).isEqualTo(KeySource.HARVESTED);
        assertThat(harvested.trust()).hasValueSatisfying(verdict -> assertThat(verdict.trusted()).isTrue());
    }

    @Test
    void aRecipientWhoseTrustedCertificateIsOnlyInTheDirectoryGetsEncryptedMail() throws Exception {
        OpenSsl.assumeAvailable();
        send("amt@stadt.example", List.of("dave@partner.example"), outbound("[secure] Bescheid 5", "dave@partner.example"));

        String encrypted = raw(receivedBy("dave@partner.example", "<-secure--Bescheid-5@stadt.example>"));
        assertThat(encrypted).contains("application/pkcs7-mime").doesNotContain("Vertraulicher Bescheid");
        assertThat(Files.readString(opensslDecrypted(encrypted, DAVE, "bescheid-5"))).contains("Vertraulicher Bescheid.");

        KeyService.KeyView discovered = keyOf("dave@partner.example");
        assertThat(discovered.key().source()).isEqualTo(KeySource.DISCOVERED);
        assertThat(discovered.trust()).hasValueSatisfying(verdict -> assertThat(verdict.trusted()).isTrue());
    }

    @Test
    void aCertificateFromTheDirectoryThatNoTrustedCaIssuedIsKeptButNotUsed() throws Exception {
        send("amt@stadt.example", List.of("eve@partner.example"), outbound("Bescheid 6", "eve@partner.example"));

        assertThat(raw(receivedBy("eve@partner.example", "<Bescheid-6@stadt.example>")))
                .as("opportunistic: no trusted key, sent signed but readable")
                .contains("multipart/signed").contains("Vertraulicher Bescheid.");
        KeyService.KeyView discovered = keyOf("eve@partner.example");
        assertThat(discovered.key().source()).isEqualTo(KeySource.DISCOVERED);
        assertThat(discovered.trust()).hasValueSatisfying(verdict -> assertThat(verdict.trusted()).isFalse());
    }

    private KeyService.KeyView keyOf(String address) {
        return keys.list(admin, tenant).stream().filter(view -> view.key().addresses().contains(address))
                .findFirst().orElseThrow();
    }
}
