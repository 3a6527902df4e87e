package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import de.poststelle.admin.console.Browser;
import de.poststelle.messenger.testapp.MessengerForms;
import de.poststelle.messenger.testapp.SmsGatewayStub;
import de.poststelle.messenger.testapp.StoredMails;
import de.poststelle.smtp.server.SmtpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The PIN by SMS through the whole gateway: the clerk's protected mail carries the citizen's mobile
 * number in a header field, the SMS gateway (a real HTTP server) gets the PIN, the citizen gets the
 * link by mail and opens the mailbox with both in Chromium. The number stays inside the gateway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SmsPinGatewayBrowserTest {

    private static final String CLERK = "sachbearbeitung@amt.example";
    private static final String CITIZEN = "max.muster@buerger.example";
    private static final String PASSWORD = "ein-langes-passwort";
    private static final String NOTICE = "Neue verschlüsselte Nachricht für Sie / New encrypted message for you";

    @RegisterExtension
    static final GreenMailExtension mailServers = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);
    static final SmsGatewayStub smsGateway = new SmsGatewayStub();

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        TestGateway.fastEmbedded(registry);
        TestGateway.servedDomain(registry, 0, "amt.example", "amt", () -> mailServers.getSmtp().getPort(), "127.0.0.1/32");
        TestGateway.route(registry, 0, "buerger.example", mailServers.getSmtp().getPort());
        smsGateway.configure(registry, "SMS", "sms-token");
    }

    @AfterAll
    static void stopSmsGateway() {
        smsGateway.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    SmtpServer smtpServer;
    @Autowired
    ApplicationContext context;

    @Test
    void theCitizenOpensTheMailboxWithTheLinkByMailAndThePinBySms() throws Exception {
        assertThat(SmtpTestClient.sendMail(smtpServer.port(), CLERK, CITIZEN, "From: " + CLERK + "\r\nTo: " + CITIZEN
                + "\r\nX-Poststelle-Messenger-Mobil: +49 170 1234567\r\nSubject: [secure] Ihr Bescheid\r\n\r\n"
                + "Ihr Antrag ist bewilligt.\r\n")).startsWith("250");

        List<SmsGatewayStub.Sms> sms = await().atMost(Duration.ofSeconds(60))
                .until(() -> smsGateway.to("+491701234567"), received -> !received.isEmpty());
        assertThat(sms).singleElement().satisfies(one -> {
            assertThat(one.authorization()).isEqualTo("Bearer sms-token");
            assertThat(one.text()).contains(CLERK).doesNotContain("/messenger/");
        });
        Matcher link = Pattern.compile("https?://[^/\\s]+(/messenger/activate/[A-Za-z0-9_-]+)")
                .matcher(String.valueOf(TestGateway.awaitMessage(mailServers, NOTICE).getContent()));
        assertThat(link.find()).isTrue();

        try (Browser browser = Browser.start(port)) {
            MessengerForms.activateAndOpen(browser, CITIZEN, link.group(1), sms.getFirst().pin(), PASSWORD, "Ihr Bescheid");
            assertThat(browser.text(By.id("mail-body"))).contains("Ihr Antrag ist bewilligt.");
        }

        assertThat(StoredMails.firstInInbox(context, CITIZEN)).doesNotContain("1234567")
                .doesNotContainIgnoringCase("X-Poststelle-Messenger-Mobil");
        assertThat(mailServers.getReceivedMessagesForDomain(CLERK)).as("no PIN by mail to the clerk").isEmpty();
    }
}
