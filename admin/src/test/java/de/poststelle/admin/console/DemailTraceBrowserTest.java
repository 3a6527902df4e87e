package de.poststelle.admin.console;

import de.poststelle.core.MailAddress;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.Role;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.core.trace.DemailDispatch;
import de.poststelle.store.tenant.DemailTraceRepository;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The technical admin follows one outgoing De-Mail: mapping, options, provider answer, confirmations. */
class DemailTraceBrowserTest extends ConsoleBrowserTestBase {

    @Autowired
    DemailTraceRepository traces;

    @Test
    void theTechnicalAdminLooksUpADeMailByItsMessageIdInGermanAndEnglish() {
        Tenant tenant = tenants.create(operator(), "Landratsamt Verlauf", new Contact("", "", ""));
        String password = accounts.createTenantAdmin(operator(), tenant.id(), "technik-verlauf", "", "",
                List.of(Role.TECHNICAL_ADMIN)).initialPassword();
        MailAddress demailSender = MailAddress.parse("clerk@verlauf.de-mail.de");
        traces.dispatched(new DemailDispatch(tenant.id(), "QVERLAUF1", "<bescheid-7@verlauf.example>",
                MailAddress.parse("clerk@verlauf.example"), demailSender,
                List.of(MailAddress.parse("buerger@stadt.de-mail.de")), List.of("personal", "receipt-confirmation")));
        traces.providerAnswered("QVERLAUF1", MailAddress.parse("buerger@stadt.de-mail.de"),
                new SmtpReply(250, "2.0.0", "queued as SIM7"));
        traces.noticeReceived("<bescheid-7@verlauf.example>", demailSender, "receipt-confirmation",
                "<notice-1@dmda.example>");

        browser.logIn("technik-verlauf", password, "");
        browser.open("/tenants/" + tenant.id());
        browser.follow("De-Mail-Verlauf");
        browser.type("messageId", "bescheid-0@verlauf.example");
        browser.submitInPlace("/demail-trace");
        browser.waitForText(By.id("results"), "Keine De-Mail dieses Mandanten");

        browser.type("messageId", "bescheid-7@verlauf.example");
        browser.submitInPlace("/demail-trace");
        browser.waitForText(By.id("results"), "clerk@verlauf.de-mail.de");
        assertThat(browser.text(By.id("results"))).contains("clerk@verlauf.example → clerk@verlauf.de-mail.de",
                "buerger@stadt.de-mail.de", "persönlich", "Eingangsbestätigung", "250 2.0.0 queued as SIM7",
                "<notice-1@dmda.example>", "QVERLAUF1");
        browser.screenshot("demail-trace");

        browser.follow("English");
        browser.type("messageId", "<bescheid-7@verlauf.example>");
        browser.submitInPlace("/demail-trace");
        browser.waitForText(By.id("results"), "clerk@verlauf.de-mail.de");
        assertThat(browser.text(By.id("results"))).contains("Mapping (internal → De-Mail)",
                "receipt confirmation", "The De-Mail provider's answer");
    }
}
