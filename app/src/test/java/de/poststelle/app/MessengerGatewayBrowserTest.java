package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.console.Browser;
import de.poststelle.admin.service.AdminAccountService;
import de.poststelle.core.MailAddress;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.MessageDetails;
import de.poststelle.core.queue.ProcessingJob;
import de.poststelle.core.queue.QueueScope;
import de.poststelle.core.queue.RecipientState;
import de.poststelle.core.tenant.Role;
import de.poststelle.crypto.keys.Certificates;
import de.poststelle.crypto.keys.NewKeys;
import de.poststelle.crypto.smime.OpenSsl;
import de.poststelle.crypto.smime.TestPki;
import de.poststelle.messenger.service.MailboxDelivery;
import de.poststelle.messenger.service.MailboxService;
import de.poststelle.messenger.store.Folder;
import de.poststelle.messenger.testapp.MessengerForms;
import de.poststelle.smtp.server.SmtpServer;
import de.poststelle.store.keys.KeyKind;
import de.poststelle.store.keys.KeyRepository;
import de.poststelle.store.tenant.AdminUserRepository;
import de.poststelle.store.tenant.TenantRepository;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Messenger inside the whole gateway: a protected mail lands in a new mailbox, the notice and
 * the clerk's PIN go out through the queue to real SMTP servers (GreenMail stands in for the
 * authority's server and the citizen's provider), the citizen activates and reads in Chromium, and
 * the reply travels the gateway's pipeline to the authority's server. A tenant words its notices
 * itself in the console.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MessengerGatewayBrowserTest.CrashOnce.class)
class MessengerGatewayBrowserTest {

    private static final String NODE = "messenger-gateway-node";
    private static final String CLERK = "sachbearbeitung@amt.example";
    private static final String CITIZEN = "erika@buerger.example";
    private static final String CRASH_VICTIM = "absturz@buerger.example";
    private static final String PASSWORD = "ein-langes-passwort";
    private static final AtomicInteger crashes = new AtomicInteger();
    /** A tenant with its own wording of the notices (the one of amt.example keeps the built-in text). */
    private static final String WORDING_CLERK = "sachbearbeitung@buergeramt.example";
    private static final String GERMAN_SUBJECT = "Post vom Bürgeramt Musterhausen";
    private static final String ENGLISH_SUBJECT = "Mail from the citizens' office";
    private static final String GERMAN_BODY = """
            Guten Tag,

            das Bürgeramt Musterhausen ({absender}) hat Ihnen eine Nachricht gesendet: {betreff}
            Öffnen Sie Ihr Postfach bis {gueltig_bis}:
            {link}

            Fragen? Telefon 0351 123-456 (Frau Groß)""";
    private static final String ENGLISH_BODY = "Open your mailbox: {link}\nQuestions? Phone +49 351 123-456";

    @RegisterExtension
    static final GreenMailExtension mailServers = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        TestGateway.fastEmbedded(registry);
        TestGateway.servedDomain(registry, 0, "amt.example", "amt", () -> mailServers.getSmtp().getPort(), "127.0.0.1/32");
        TestGateway.servedDomain(registry, 1, "buergeramt.example", "buergeramt", () -> mailServers.getSmtp().getPort(),
                "127.0.0.1/32");
        TestGateway.route(registry, 0, "buerger.example", mailServers.getSmtp().getPort());
        registry.add("poststelle.node-id", () -> NODE);
    }

    /**
     * Lets the first commit of a pipeline result for {@link #CRASH_VICTIM} fail, as if the node
     * died after the Messenger stored the mail and before the queue recorded the hand-off.
     */
    @TestConfiguration
    static class CrashOnce {

        @Bean
        static BeanPostProcessor crashBeforeTheQueueCommits() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof MailQueue queue ? crashingOnce(queue) : bean;
                }
            };
        }

        private static MailQueue crashingOnce(MailQueue queue) {
            return (MailQueue) Proxy.newProxyInstance(MailQueue.class.getClassLoader(), new Class<?>[] {MailQueue.class},
                    (proxy, method, arguments) -> {
                        if (method.getName().startsWith("completeProcessing")
                                && arguments[0] instanceof ProcessingJob job
                                && job.envelope().recipients().contains(MailAddress.parse(CRASH_VICTIM))
                                && crashes.getAndIncrement() == 0) {
                            throw new IllegalStateException("simulated crash before the queue's commit");
                        }
                        try {
                            return method.invoke(queue, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MailboxDelivery delivery;
    @Autowired
    MailboxService mailbox;
    @Autowired
    MailQueue queue;
    @Autowired
    SmtpServer smtpServer;
    @Autowired
    TenantRepository tenants;
    @Autowired
    KeyRepository keys;
    @Autowired
    AdminUserRepository users;
    @Autowired
    AccessControl access;
    @Autowired
    AdminAccountService accounts;

    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theCitizenActivatesWithTheClerksPinReadsAndTheReplyReachesTheAuthoritysServer() throws Exception {
        byte[] mail = ("From: " + CLERK + "\r\nTo: " + CITIZEN + "\r\nSubject: Ihr Bescheid\r\n\r\n"
                + "Sehr geehrte Frau Muster, Ihr Antrag ist bewilligt.\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(delivery.deliver(MailAddress.parse(CITIZEN), MailAddress.parse(CLERK), mail))
                .isInstanceOf(MailboxDelivery.Stored.class);

        String notice = text(awaitMail(CITIZEN, "Neue verschlüsselte Nachricht"));
        assertThat(notice).doesNotContain("bewilligt");
        String pin = find(text(awaitMail(CLERK, "Messenger-Postfach von " + CITIZEN)), "PIN: ([0-9]{8})");
        String link = find(notice, "https?://[^/\\s]+(/messenger/activate/[A-Za-z0-9_-]+)");

        activateAndOpen(CITIZEN, link, pin, "Ihr Bescheid");
        assertThat(browser.text(By.id("mail-body"))).contains("Ihr Antrag ist bewilligt.");

        browser.follow("Antworten");
        browser.type("text", "Vielen Dank!");
        browser.submit("/messenger/compose");

        MimeMessage reply = awaitMail(CLERK, "Re: Ihr Bescheid");
        assertThat(text(reply)).contains("Vielen Dank!");
        assertThat(reply.getFrom()[0].toString()).isEqualTo(CITIZEN);
    }

    @Test
    void mailThatMustBeEncryptedToARecipientWithoutKeyGoesIntoTheMessengerNeverInClear() throws Exception {
        String citizen = "ohne.schluessel@buerger.example";
        String queueId = send(CLERK, citizen, "From: " + CLERK + "\r\nTo: " + citizen
                + "\r\nSubject: [secure] Steuerbescheid\r\n\r\nVertraulicher Steuerbescheid.\r\n");

        String pinMail = text(awaitMail(CLERK, "Messenger-Postfach von " + citizen));
        assertThat(pinMail).contains(citizen).containsPattern("PIN: [0-9]{8}");
        String notice = text(awaitMail(citizen, "Neue verschlüsselte Nachricht"));
        assertThat(notice).contains("/messenger/activate/").doesNotContain("Vertraulicher Steuerbescheid");
        // GreenMail's list may change while mails arrive; a failed read is read again
        await().atMost(Duration.ofSeconds(30)).ignoreException(java.util.ConcurrentModificationException.class)
                .untilAsserted(() -> assertThat(mailServers.findReceivedMessages(user -> user.getEmail().equals(citizen),
                        m -> text(m).contains("Vertraulicher Steuerbescheid")).toList()).as("never sent in clear").isEmpty());

        assertThat(mailbox.folder(citizen, Folder.INBOX)).extracting(MailboxService.Row::counterpart).containsExactly(CLERK);
        MessageDetails details = await().atMost(Duration.ofSeconds(30)).until(
                () -> queue.messageDetails(QueueScope.all(), queueId).orElseThrow(),
                d -> d.recipients().stream().allMatch(r -> r.state() == RecipientState.DELIVERED));
        assertThat(details.recipients().getFirst().lastReply()).get().asString().contains("Messenger");
    }

    /**
     * The run after a restart finds the mail stored by the crashed one and announces it: one notice,
     * one PIN, and that link with that PIN open the mailbox (the crashed run's never went out).
     */
    @Test
    void afterACrashBetweenMailboxAndQueueTheCitizenGetsOneWorkingLinkAndTheClerkOnePin() throws Exception {
        String queueId = send(CLERK, CRASH_VICTIM, "From: " + CLERK + "\r\nTo: " + CRASH_VICTIM
                + "\r\nSubject: [secure] Ihr Bescheid\r\n\r\nIhr Antrag ist bewilligt.\r\n");

        await().atMost(Duration.ofSeconds(60)).until(() -> crashes.get() > 0);
        assertThat(mailbox.folder(CRASH_VICTIM, Folder.INBOX)).as("stored before the crash").hasSize(1);
        assertThat(recipientState(queueId)).as("the hand-off was not recorded").isEqualTo(RecipientState.PENDING);

        assertThat(queue.releaseLeases(NODE)).as("the node restarts and resumes its work").isPositive();
        await().atMost(Duration.ofSeconds(60)).until(() -> recipientState(queueId) == RecipientState.DELIVERED);
        await().atMost(Duration.ofSeconds(60)).until(() -> queue.counts().active() == 0);

        List<MimeMessage> notices = received(CRASH_VICTIM, "Neue verschlüsselte Nachricht");
        List<MimeMessage> pins = received(CLERK, "Messenger-Postfach von " + CRASH_VICTIM);
        assertThat(notices).hasSize(1);
        assertThat(pins).hasSize(1);
        assertThat(mailbox.folder(CRASH_VICTIM, Folder.INBOX)).as("stored once").hasSize(1);

        activateAndOpen(CRASH_VICTIM, find(text(notices.getFirst()), "https?://[^/\\s]+(/messenger/activate/[A-Za-z0-9_-]+)"),
                find(text(pins.getFirst()), "PIN: ([0-9]{8})"), "Ihr Bescheid");
        assertThat(browser.text(By.id("mail-body"))).contains("Ihr Antrag ist bewilligt.");
    }

    @Test
    void onceTheCitizenUploadedACertificateTheNextMailOfEachAuthorityThatTrustsItArrivesEncryptedInsteadOfInTheMessenger()
            throws Exception {
        OpenSsl.assumeAvailable();
        TestPki pki = new TestPki();
        long authority = tenants.findByName("amt").orElseThrow().id();
        keys.add(NewKeys.trustedCa(authority, pki.caCert, "admin"), Instant.now());
        String citizen = "mit.zertifikat@buerger.example";
        send(CLERK, citizen, "From: " + CLERK + "\r\nTo: " + citizen
                + "\r\nSubject: [secure] Erster Bescheid\r\n\r\nErster vertraulicher Bescheid.\r\n");
        String pin = find(text(awaitMail(CLERK, "Messenger-Postfach von " + citizen)), "PIN: ([0-9]{8})");
        String link = find(text(awaitMail(citizen, "Neue verschlüsselte Nachricht")),
                "https?://[^/\\s]+(/messenger/activate/[A-Za-z0-9_-]+)");

        activateAndOpen(citizen, link, pin, "Erster Bescheid");
        TestPki.Identity own = pki.rsaUser(citizen);
        Path certificate = Files.writeString(Files.createTempDirectory("own-key").resolve("zertifikat.pem"),
                TestPki.pem(own.cert()));
        browser.follow("Eigene Schlüssel");
        browser.driver().findElement(By.id("file")).sendKeys(certificate.toString());
        browser.submit("/messenger/keys");
        assertThat(browser.text(By.id("own-keys"))).contains("amt: in Verwendung");

        send(CLERK, citizen, "From: " + CLERK + "\r\nTo: " + citizen
                + "\r\nSubject: [secure] Zweiter Bescheid\r\n\r\nZweiter vertraulicher Bescheid.\r\n");
        String encrypted = new String(CryptoMail.raw(awaitMail(citizen, "Zweiter Bescheid")), StandardCharsets.UTF_8);
        assertThat(encrypted).contains("application/pkcs7-mime").doesNotContain("Zweiter vertraulicher Bescheid");
        assertThat(opensslDecrypted(encrypted, own)).contains("Zweiter vertraulicher Bescheid.");
        assertThat(received(citizen, "Neue verschlüsselte Nachricht")).as("no further Messenger notice").hasSize(1);
        assertThat(mailbox.folder(citizen, Folder.INBOX)).extracting(MailboxService.Row::subject)
                .singleElement().asString().contains("Erster Bescheid");

        long writesLater = tenants.findByName("buergeramt").orElseThrow().id();
        keys.add(NewKeys.trustedCa(writesLater, pki.caCert, "admin"), Instant.now());
        send(WORDING_CLERK, citizen, "From: " + WORDING_CLERK + "\r\nTo: " + citizen
                + "\r\nSubject: [secure] Erste Post vom Buergeramt\r\n\r\nErstmals.\r\n");
        await("the authority writing for the first time gets the uploaded key").atMost(Duration.ofSeconds(60))
                .until(() -> keys.findByFingerprint(writesLater, KeyKind.RECIPIENT_CERT,
                        Certificates.fingerprint(own.cert())).isPresent());
        assertThat(mailbox.folder(citizen, Folder.INBOX)).hasSize(2);
        send(WORDING_CLERK, citizen, "From: " + WORDING_CLERK + "\r\nTo: " + citizen
                + "\r\nSubject: [secure] Zweite Post vom Buergeramt\r\n\r\nNun direkt verschluesselt.\r\n");
        String direct = new String(CryptoMail.raw(awaitMail(citizen, "Zweite Post vom Buergeramt")), StandardCharsets.UTF_8);
        assertThat(opensslDecrypted(direct, own)).contains("Nun direkt verschluesselt.");
    }

    /**
     * A tenant's own wording of the notice, from the console to the citizen's inbox: its technical admin
     * writes German and English texts, a broken placeholder is refused, the preview shows the result; a
     * protected mail from one of its clerks then brings exactly that text with a working link, while
     * mail from another tenant still brings the built-in text.
     */
    @Test
    void theTenantsOwnWordingReachesItsRecipientsWithAWorkingLinkAndOtherTenantsKeepTheBuiltInText() throws Exception {
        long tenant = tenants.findByName("buergeramt").orElseThrow().id();
        Actor operator = new Actor(access.authorityOf(users.findByUsername("admin").orElseThrow()), "127.0.0.1");
        String password = accounts.createTenantAdmin(operator, tenant, "technik-buergeramt", "", "",
                List.of(Role.TECHNICAL_ADMIN)).initialPassword();

        browser = Browser.start(port);
        browser.logIn("technik-buergeramt", password, "");
        browser.open("/tenants/" + tenant);
        browser.follow("Messenger-Benachrichtigungen");
        browser.type("activationDeSubject", GERMAN_SUBJECT);
        browser.type("activationDeBody", GERMAN_BODY.replace("{absender}", "{abesnder}"));
        browser.type("activationEnSubject", ENGLISH_SUBJECT);
        browser.type("activationEnBody", ENGLISH_BODY);
        saveNotices();
        assertThat(browser.text(By.id("activationDeBody-error")))
                .isEqualTo("Unbekannter Platzhalter {abesnder}. Erlaubt sind: {absender}, {betreff}, {link}, {gueltig_bis}.");

        browser.type("activationDeBody", GERMAN_BODY);
        browser.press(By.cssSelector("button[name=preview]"));
        assertThat(browser.text(By.cssSelector("#preview-activation .preview-subject")))
                .isEqualTo(GERMAN_SUBJECT + " / " + ENGLISH_SUBJECT);
        assertThat(browser.text(By.cssSelector("#preview-activation .preview-body")))
                .contains("das Bürgeramt Musterhausen (sachbearbeitung@behoerde.example) hat Ihnen eine Nachricht gesendet: "
                                + "Ihr Antrag vom 3. November",
                        "https://poststelle.example/messenger/activate/Beispiel-Link", "Frau Groß", "-- English --",
                        "Questions? Phone +49 351 123-456")
                .doesNotContain("{");
        browser.driver().executeScript("document.querySelector('.notice-editor').scrollIntoView()");
        browser.screenshot("messenger-notices");
        saveNotices();
        assertThat(browser.mainText()).contains("Die Texte der Messenger-Benachrichtigungen wurden gespeichert.");

        String citizen = "max.muster@buerger.example";
        send(WORDING_CLERK, citizen, "From: " + WORDING_CLERK + "\r\nTo: " + citizen
                + "\r\nSubject: [secure] Ihr Bescheid\r\n\r\nVertraulich.\r\n");
        String notice = text(awaitMail(citizen, GERMAN_SUBJECT + " / " + ENGLISH_SUBJECT));
        assertThat(notice.replace("\r\n", "\n")).matches("""
                Guten Tag,

                das Bürgeramt Musterhausen \\(sachbearbeitung@buergeramt.example\\) hat Ihnen eine Nachricht gesendet: Ihr Bescheid
                Öffnen Sie Ihr Postfach bis [0-9]{2}\\.[0-9]{2}\\.[0-9]{4}, [0-9]{2}:[0-9]{2} Uhr:
                (http://localhost:8080/messenger/activate/[A-Za-z0-9_-]+)

                Fragen\\? Telefon 0351 123-456 \\(Frau Groß\\)

                -- English --

                Open your mailbox: \\1
                Questions\\? Phone \\+49 351 123-456""");
        String pin = find(text(awaitMail(WORDING_CLERK, "Messenger-Postfach von " + citizen)), "PIN: ([0-9]{8})");

        browser.close();
        activateAndOpen(citizen, find(notice, "https?://[^/\\s]+(/messenger/activate/[A-Za-z0-9_-]+)"), pin, "Ihr Bescheid");
        assertThat(browser.text(By.id("mail-body"))).contains("Vertraulich.");

        String otherCitizen = "erika.muster@buerger.example";
        send(CLERK, otherCitizen, "From: " + CLERK + "\r\nTo: " + otherCitizen
                + "\r\nSubject: [secure] Ihr Steuerbescheid\r\n\r\nVertraulich.\r\n");
        MimeMessage builtIn = awaitMail(otherCitizen, "Neue verschlüsselte Nachricht");
        assertThat(builtIn.getSubject()).isEqualTo("Neue verschlüsselte Nachricht für Sie / New encrypted message for you");
        assertThat(text(builtIn)).contains(CLERK + " hat Ihnen eine verschlüsselte Nachricht gesendet (Betreff: Ihr Steuerbescheid)",
                "/messenger/activate/", "Der Link gilt bis").doesNotContain("Bürgeramt", "Frau Groß");
    }

    private void saveNotices() {
        browser.press(By.cssSelector("form[action$='/messenger-notices'] button[type=submit]:not([name])"));
    }

    /** What {@code openssl cms -decrypt} reads from the mail with the citizen's private key. */
    private static String opensslDecrypted(String encrypted, TestPki.Identity recipient) throws Exception {
        Path dir = Files.createTempDirectory("openssl-decrypt");
        Path[] pem = recipient.writePem(dir, "citizen");
        Path decrypted = dir.resolve("decrypted.eml");
        OpenSsl.Result decrypt = OpenSsl.run("cms", "-decrypt", "-in",
                Files.writeString(dir.resolve("encrypted.eml"), encrypted).toString(),
                "-recip", pem[0].toString(), "-inkey", pem[1].toString(), "-out", decrypted.toString());
        assertThat(decrypt.ok()).as(decrypt.output()).isTrue();
        return Files.readString(decrypted);
    }

    /** Activates with the link and PIN, logs in and opens the mail with this subject. */
    private void activateAndOpen(String citizen, String link, String pin, String subject) {
        browser = Browser.start(port);
        MessengerForms.activateAndOpen(browser, citizen, link, pin, PASSWORD, subject);
    }

    private RecipientState recipientState(String queueId) {
        return queue.messageDetails(QueueScope.all(), queueId).orElseThrow().recipients().getFirst().state();
    }

    private static List<MimeMessage> received(String recipient, String subjectPart) {
        return await().atMost(Duration.ofSeconds(60)).ignoreException(java.util.ConcurrentModificationException.class)
                .until(() -> mailServers.findReceivedMessages(user -> user.getEmail().equals(recipient),
                        m -> GatewaySpineTest.subjectOf(m).contains(subjectPart)).toList(), found -> !found.isEmpty());
    }

    private String send(String from, String to, String message) throws Exception {
        String reply = SmtpTestClient.sendMail(smtpServer.port(), from, to, message);
        assertThat(reply).startsWith("250");
        return reply.replaceAll(".*queued as (\\w+).*", "$1");
    }

    private static MimeMessage awaitMail(String recipient, String subjectPart) {
        return received(recipient, subjectPart).getFirst();
    }

    private static String text(MimeMessage mail) {
        try {
            return String.valueOf(mail.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
        return matcher.group(1);
    }
}
