package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import de.poststelle.core.NextHop;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.store.tenant.DomainRepository;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An authority registers as an active user on the public form and an operator decides in the
 * console, both in a real headless Chromium; the requester's mails travel the gateway's queue to a
 * real SMTP server (GreenMail stands in for the authority's mail provider).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActiveUserRegistrationBrowserTest extends OperatorBrowserTest {

    /** Where the requesters' contact addresses are; their requested domains are not served before approval. */
    private static final String CONTACT_DOMAIN = "kommunal-it.example";
    private static final Pattern REFERENCE = Pattern.compile("SMGW-[A-Z0-9]{4}-[A-Z0-9]{4}");

    @RegisterExtension
    static final GreenMailExtension mailProvider = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        TestGateway.fastEmbedded(registry);
        TestGateway.route(registry, 0, CONTACT_DOMAIN, mailProvider.getSmtp().getPort());
    }

    @Autowired
    DomainRepository domains;

    @Test
    void anAuthorityRegistersAndTheOperatorApprovesWhichCreatesTheTenantAndTellsTheRequester() throws Exception {
        String contact = "poststelle@" + CONTACT_DOMAIN;
        browser.open("/messenger/login");
        browser.follow("Behörde? Als aktiver Nutzer registrieren");
        fill("Gemeinde Musterdorf", "Frau Muster", contact, "musterdorf.example\nmusterdorf..example", "192.0.2.25");
        browser.submit("/messenger/register/authority");
        assertThat(browser.text(By.id("domains-error"))).contains("„musterdorf..example“ ist kein gültiger Domainname");

        browser.type("domains", "musterdorf.example\nrathaus.musterdorf.example");
        browser.submit("/messenger/register/authority");
        String reference = reference(browser.text(By.id("authority-submitted")));
        String acknowledgement = text(TestGateway.awaitMessage(mailProvider,
                "Ihr Antrag auf Freischaltung als aktiver Nutzer (" + reference + ") / Your request to be enabled as an"
                        + " active user (" + reference + ")"));
        assertThat(acknowledgement).contains("Zeichen: " + reference, "Domains: musterdorf.example, rathaus.musterdorf.example",
                "Reference: " + reference);

        browser.logIn(OPERATOR, OPERATOR_PASSWORD, "");
        browser.follow("Registrierungsanträge");
        assertThat(browser.text(By.id("open-registrations"))).contains(reference, "Gemeinde Musterdorf",
                "musterdorf.example, rathaus.musterdorf.example", contact);
        browser.screenshot("registrations");
        browser.follow(reference);
        assertThat(browser.text(By.id("registration-request"))).contains("192.0.2.25", "offen");
        browser.type("tenantName", "Gemeinde Musterdorf (Landkreis Muster)");
        browser.screenshot("registration-request");
        browser.submit("/approve");

        assertThat(browser.mainText()).contains("Der Antrag wurde genehmigt und der Mandant angelegt.", "genehmigt");
        browser.follow("Mandant öffnen");
        assertThat(browser.heading()).contains("Gemeinde Musterdorf (Landkreis Muster)");
        assertThat(browser.mainText()).contains("musterdorf.example", "rathaus.musterdorf.example", "[192.0.2.25]:25");
        TenantDomain created = domains.find("rathaus.musterdorf.example").orElseThrow();
        assertThat(created.direction().receives()).isTrue();
        assertThat(created.receivingServer()).map(NextHop::host).contains("192.0.2.25");

        String approval = text(TestGateway.awaitMessage(mailProvider, "Freischaltung als aktiver Nutzer erteilt ("
                + reference + ") / Enabled as an active user (" + reference + ")"));
        assertThat(approval).contains("Mandant „Gemeinde Musterdorf (Landkreis Muster)“",
                "Freigeschaltete Domains: musterdorf.example, rathaus.musterdorf.example", "-- English --");

        browser.open("/audit?text=" + reference);
        assertThat(browser.mainText()).contains("registration.submit", "registration-form", "registration.approve",
                OPERATOR);

        browser.open("/messenger/register/authority");
        fill("Gemeinde Nachzügler", "Herr Spät", "spaet@" + CONTACT_DOMAIN, "musterdorf.example", "mx.spaet.example");
        browser.submit("/messenger/register/authority");
        assertThat(browser.text(By.id("domains-error"))).contains("Die Domain musterdorf.example ist bereits für einen"
                + " Mandanten freigeschaltet.");
    }

    @Test
    void theOperatorRejectsWithAReasonAndTheRequesterIsToldWhy() throws Exception {
        String contact = "edv@" + CONTACT_DOMAIN;
        browser.open("/messenger/register/authority");
        fill("Zweckverband Wasser", "Herr Quelle", contact, "zv-wasser.example", "mx.zv-wasser.example");
        browser.submit("/messenger/register/authority");
        String reference = reference(browser.text(By.id("authority-submitted")));

        browser.logIn(OPERATOR, OPERATOR_PASSWORD, "");
        browser.open("/registrations");
        browser.follow(reference);
        browser.submit("/reject");
        assertThat(browser.text(By.id("reason-error"))).isEqualTo("Bitte ausfüllen.");
        browser.type("reason", "Zweckverbände beantragen über ihren Landkreis.");
        browser.submit("/reject");
        assertThat(browser.mainText()).contains("Der Antrag wurde abgelehnt.", "Zweckverbände beantragen über ihren Landkreis.");
        assertThat(domains.find("zv-wasser.example")).isEmpty();

        String rejection = text(TestGateway.awaitMessage(mailProvider, "Antrag auf Freischaltung abgelehnt ("
                + reference + ") / Request to be enabled rejected (" + reference + ")"));
        assertThat(rejection).contains("Begründung: Zweckverbände beantragen über ihren Landkreis.",
                "Reason: Zweckverbände beantragen über ihren Landkreis.");
        browser.open("/registrations");
        assertThat(browser.text(By.id("decided-registrations"))).contains(reference, "abgelehnt", OPERATOR);
    }

    private void fill(String authority, String person, String email, String domainList, String server) {
        browser.type("authorityName", authority);
        browser.type("contactPerson", person);
        browser.type("contactEmail", email);
        browser.type("domains", domainList);
        browser.type("mailServer", server);
    }

    private static String reference(String text) {
        Matcher match = REFERENCE.matcher(text);
        assertThat(match.find()).as("a reference in: " + text).isTrue();
        return match.group();
    }

    private static String text(MimeMessage mail) throws Exception {
        return String.valueOf(mail.getContent());
    }
}
