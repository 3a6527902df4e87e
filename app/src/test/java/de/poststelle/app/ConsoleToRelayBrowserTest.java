package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import de.poststelle.core.RecipientOutcome;
import de.poststelle.demail.simulator.ProviderSimulator;
import de.poststelle.smtp.server.SmtpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole gateway end to end, as an operator uses it: everything is set up through the web console
 * in a real headless Chromium, and mail relayed over SMTP follows at once. The domain cache lives an
 * hour here, so only the change the console makes can show on the relay path.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleToRelayBrowserTest extends OperatorBrowserTest {

    private static final String MAILBOX = "max.muster@musterhausen.example";
    private static final String DEMAIL = "max.muster@musterhausen.de-mail.example";

    /** The tenant's own mail server: receives mail for its internal addresses. */
    @RegisterExtension
    static final GreenMailExtension tenantServer = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    /** De-Mail reaches the gateway only from the provider. */
    static ProviderSimulator provider;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws Exception {
        DomainModelGatewayTest.gatewayOnTheModel(registry);
        provider = TestProvider.start();
        TestProvider.connect(registry, provider, provider::port);
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Autowired
    SmtpServer smtpServer;

    @Test
    void aMappingAddedInTheConsoleRoutesDeMailAndItsRemovalRefusesTheNextAtOnce() throws Exception {
        browser.logIn(OPERATOR, OPERATOR_PASSWORD, "");
        assertThat(browser.heading()).isEqualTo("Übersicht");

        String tenantPath = browser.createTenant("Stadt Musterhausen", "Erika Mustermann", "it@musterhausen.example");
        assertThat(browser.mainText()).contains("Der Mandant wurde angelegt.");

        browser.follow("Domain anlegen");
        browser.type("name", "musterhausen.example");
        browser.choose("kind", "E-Mail-Domain");
        browser.type("receivingHost", "127.0.0.1");
        browser.type("receivingPort", String.valueOf(tenantServer.getSmtp().getPort()));
        browser.choose("receivingTls", "kein TLS");
        browser.submit("/domains");
        assertThat(browser.mainText()).contains("Die Domain wurde angelegt.");

        browser.follow("Domain anlegen");
        browser.type("name", "musterhausen.de-mail.example");
        browser.choose("kind", "De-Mail-Domain");
        browser.type("receivingHost", "");
        browser.choose("unmappedPolicy", "abweisen (BounceAll)");
        browser.submit("/domains");
        assertThat(browser.mainText()).contains("Die Domain wurde angelegt.", "musterhausen.de-mail.example",
                "[127.0.0.1]:" + tenantServer.getSmtp().getPort());

        browser.addMapping(tenantPath, MAILBOX, DEMAIL);

        assertThat(TestProvider.deliver(provider, smtpServer.port(), DEMAIL, "mapped").kind())
                .isEqualTo(RecipientOutcome.Kind.DELIVERED);
        GatewaySpineTest.awaitDelivery(tenantServer, MAILBOX, "mapped");
        assertThat(TestProvider.deliver(provider, smtpServer.port(), "nicht.zugeordnet@musterhausen.de-mail.example",
                "unmapped").reply()).hasToString("550 5.1.1 No such De-Mail mailbox");

        browser.open("/audit");
        browser.choose("tenant", "Stadt Musterhausen");
        browser.submitInPlace("/audit");
        awaitAuditRows("tenant.create Stadt Musterhausen", "domain.create musterhausen.example",
                "domain.create musterhausen.de-mail.example", "mapping.add " + MAILBOX);
        browser.screenshot("audit-tenant");
        browser.type("action", "domain.create");
        browser.submitInPlace("/audit");
        awaitAuditRows("domain.create musterhausen.example", "domain.create musterhausen.de-mail.example");

        browser.open(tenantPath + "/mappings");
        browser.submitInPlace("/mappings/remove");
        browser.waitForText(By.id("mappings"), "Die Zuordnung wurde entfernt.");
        assertThat(TestProvider.deliver(provider, smtpServer.port(), DEMAIL, "removed").reply())
                .hasToString("550 5.1.1 No such De-Mail mailbox");
    }

    /**
     * Waits until the audit results, which htmx replaces after a filter, show just these rows, each as
     * its action and target. A row may go stale while htmx swaps; the next poll reads the new ones.
     */
    private void awaitAuditRows(String... expected) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.driver().findElements(By.cssSelector("#results tbody tr")).stream()
                        .map(row -> row.findElements(By.tagName("td")))
                        .map(cells -> cells.get(3).getText() + " " + cells.get(4).getText()))
                .containsExactlyInAnyOrder(expected));
    }
}
