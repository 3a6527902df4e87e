package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.console.Browser;
import de.poststelle.admin.service.AdminAccountService;
import de.poststelle.core.tenant.Role;
import de.poststelle.smtp.server.SmtpServer;
import de.poststelle.store.tenant.AdminUserRepository;
import de.poststelle.store.tenant.DomainRepository;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's own wording of the Messenger notice, from the console to the citizen's inbox: its
 * technical admin writes German and English texts in Chromium, a broken placeholder is refused, the
 * preview shows the result; then a protected mail from one of its clerks brings the citizen exactly
 * that text with a working link, while mail from another tenant still brings the built-in text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MessengerNoticeTemplatesBrowserTest {

    private static final String CLERK = "sachbearbeitung@buergeramt.example";
    private static final String OTHER_CLERK = "sachbearbeitung@finanzamt.example";
    private static final String CITIZEN = "max.muster@buerger.example";
    private static final String OTHER_CITIZEN = "erika.muster@buerger.example";
    private static final String PASSWORD = "ein-langes-passwort";
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
        TestGateway.servedDomain(registry, 0, "buergeramt.example", "buergeramt", () -> mailServers.getSmtp().getPort(),
                "127.0.0.1/32");
        TestGateway.servedDomain(registry, 1, "finanzamt.example", "finanzamt", () -> mailServers.getSmtp().getPort(),
                "127.0.0.1/32");
        TestGateway.route(registry, 0, "buerger.example", mailServers.getSmtp().getPort());
    }

    @LocalServerPort
    int port;
    @Autowired
    SmtpServer smtpServer;
    @Autowired
    DomainRepository domains;
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
    void theTenantsOwnWordingReachesItsRecipientsWithAWorkingLinkAndOtherTenantsKeepTheBuiltInText() throws Exception {
        long tenant = domains.find("buergeramt.example").orElseThrow().tenantId();
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
        save();
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
        save();
        assertThat(browser.mainText()).contains("Die Texte der Messenger-Benachrichtigungen wurden gespeichert.");

        send(CLERK, CITIZEN, "[secure] Ihr Bescheid");
        MimeMessage notice = TestGateway.awaitMessage(mailServers, GERMAN_SUBJECT + " / " + ENGLISH_SUBJECT);
        String link = find(text(notice), "https?://[^/\\s]+(/messenger/activate/[A-Za-z0-9_-]+)");
        assertThat(text(notice).replace("\r\n", "\n")).matches("""
                Guten Tag,

                das Bürgeramt Musterhausen \\(sachbearbeitung@buergeramt.example\\) hat Ihnen eine Nachricht gesendet: Ihr Bescheid
                Öffnen Sie Ihr Postfach bis [0-9]{2}\\.[0-9]{2}\\.[0-9]{4}, [0-9]{2}:[0-9]{2} Uhr:
                (http://localhost:8080/messenger/activate/[A-Za-z0-9_-]+)

                Fragen\\? Telefon 0351 123-456 \\(Frau Groß\\)

                -- English --

                Open your mailbox: \\1
                Questions\\? Phone \\+49 351 123-456""");
        String pin = find(text(TestGateway.awaitMessage(mailServers, "PIN für das Messenger-Postfach von " + CITIZEN
                + " / PIN for the Messenger mailbox of " + CITIZEN)), "PIN: ([0-9]{8})");

        browser.logOut();
        browser.open(link);
        browser.type("pin", pin);
        browser.type("password", PASSWORD);
        browser.type("passwordRepeated", PASSWORD);
        browser.press(By.cssSelector("main form button[type=submit]"));
        assertThat(browser.mainText()).contains("Ihr Postfach ist aktiviert.");

        send(OTHER_CLERK, OTHER_CITIZEN, "[secure] Ihr Steuerbescheid");
        String builtIn = text(TestGateway.awaitMessage(mailServers, "Neue verschlüsselte Nachricht für Sie / New encrypted message for you"));
        assertThat(builtIn).contains(OTHER_CLERK + " hat Ihnen eine verschlüsselte Nachricht gesendet (Betreff: Ihr Steuerbescheid)",
                "/messenger/activate/").doesNotContain("Bürgeramt", "Frau Groß");
    }

    private void save() {
        browser.press(By.cssSelector("form[action$='/messenger-notices'] button[type=submit]:not([name])"));
    }

    private void send(String from, String to, String subject) throws Exception {
        assertThat(SmtpTestClient.sendMail(smtpServer.port(), from, to, "From: " + from + "\r\nTo: " + to
                + "\r\nSubject: " + subject + "\r\n\r\nVertraulich.\r\n")).startsWith("250");
    }

    private static String text(MimeMessage mail) throws Exception {
        return String.valueOf(mail.getContent());
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
        return matcher.group(1);
    }
}
