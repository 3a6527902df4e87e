package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import de.poststelle.core.MailAddress;
import de.poststelle.core.NextHop;
import de.poststelle.core.RecipientOutcome;
import de.poststelle.core.TlsMode;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.trace.DemailTrace;
import de.poststelle.demail.DemailHeaders;
import de.poststelle.demail.DispatchOption;
import de.poststelle.demail.simulator.ProviderSimulator;
import de.poststelle.smtp.server.SmtpServer;
import de.poststelle.store.tenant.DemailTraceRepository;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The De-Mail bridge end to end: the tenant's mail server and the simulated De-Mail provider talk
 * to a real gateway over SMTP, the provider connection authenticated both ways by TLS client
 * certificates. {@link PostgresDemailGatewayTest} runs the same on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TenantSetup.class)
class DemailGatewayTest {

    /** The tenants' own mail server. */
    @RegisterExtension
    static final GreenMailExtension tenantServer = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    /** The clerks' own mail server where notices and bounces arrive: unlike GreenMail it takes the null sender. */
    static ScriptedSmtpServer clerkServer;
    static ProviderSimulator provider;
    /** Between gateway and provider, so a test can take the provider away. */
    static SwitchableTcpProxy providerLink;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws Exception {
        provider = TestProvider.start();
        clerkServer = new ScriptedSmtpServer(attempt -> "250 2.1.5 ok");
        providerLink = new SwitchableTcpProxy(provider.port());
        TestGateway.fastEmbedded(registry);
        registry.add("poststelle.config-refresh", () -> "1h");
        TestProvider.connect(registry, provider, providerLink::port);
    }

    @AfterAll
    static void stopProvider() throws Exception {
        clerkServer.close();
        providerLink.close();
        provider.close();
    }

    @Autowired
    SmtpServer smtpServer;
    @Autowired
    TenantSetup setup;
    @Autowired
    DemailTraceRepository demailTraces;

    @BeforeEach
    void providerAnswersThisGateway() {
        provider.returnNoticesTo("127.0.0.1", smtpServer.port());
    }

    private static NextHop tenantHop() {
        return NextHop.of("127.0.0.1", tenantServer.getSmtp().getPort(), TlsMode.NONE);
    }

    /** A tenant with mail domain {@code name}.example and De-Mail domain {@code name}.de-mail.test. */
    private long tenantWithDemail(String name, SendDirection demailDirection, Optional<MailAddress> catchAll) {
        return tenantWithDemail(name, demailDirection, catchAll, tenantHop());
    }

    private long tenantWithDemail(String name, SendDirection demailDirection, Optional<MailAddress> catchAll,
                                  NextHop mailServer) {
        long tenant = setup.tenant(name);
        setup.mailDomain(tenant, name + ".example", SendDirection.SEND_AND_RECEIVE, mailServer);
        setup.demailDomain(tenant, name + ".de-mail.test", demailDirection, catchAll);
        return tenant;
    }

    private static String deMail(String from, String to, String subject) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.replace(' ', '-') + "@dmda.simulated.test>\r\n\r\nSehr geehrte Damen und Herren\r\n";
    }

    private List<RecipientOutcome> fromProvider(ProviderSimulator sender, String to, String subject) {
        return List.of(TestProvider.deliver(sender, smtpServer.port(), to, subject));
    }

    private static NextHop clerkHop() {
        return NextHop.of("127.0.0.1", clerkServer.port(), TlsMode.NONE);
    }

    /** A mail at the clerks' server whose text contains all of {@code parts}. */
    private static String awaitAtClerks(String... parts) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> clerkServer.received().stream()
                .filter(m -> List.of(parts).stream().allMatch(m::contains)).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static MimeMessage awaitDelivery(String mailbox, String subject) {
        return GatewaySpineTest.awaitDelivery(tenantServer, mailbox, subject);
    }

    private static String awaitAtProvider(String mailbox, String subject) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> provider.mailbox(MailAddress.parse(mailbox)).stream()
                .filter(m -> m.contains("Subject: " + subject)).findFirst(), Optional::isPresent).orElseThrow();
    }

    private String sendFromTenant(String from, String to, String subject) throws Exception {
        return SmtpTestClient.sendMail(smtpServer.port(), from, to, deMail(from, to, subject));
    }

    @Test
    void aClerksMailToADeMailAddressGoesToTheProviderFromTheClerksDeMailAddress() throws Exception {
        long tenant = tenantWithDemail("amt-senden", SendDirection.SEND_AND_RECEIVE, Optional.empty());
        setup.map(tenant, "sachbearbeiter@amt-senden.example", "sachbearbeiter@amt-senden.de-mail.test");
        String mail = "From: Erika Sachbearbeiterin <sachbearbeiter@amt-senden.example>\r\n"
                + "To: buerger@stadt.de-mail.test\r\nSubject: Bescheid\r\nMessage-ID: <bescheid@amt-senden.example>\r\n"
                + "\r\nSehr geehrte Damen und Herren\r\n";
        assertThat(SmtpTestClient.sendMail(smtpServer.port(), "sachbearbeiter@amt-senden.example",
                "buerger@stadt.de-mail.test", mail)).startsWith("250");
        assertThat(awaitAtProvider("buerger@stadt.de-mail.test", "Bescheid"))
                .contains("From: Erika Sachbearbeiterin <sachbearbeiter@amt-senden.de-mail.test>")
                .doesNotContain("sachbearbeiter@amt-senden.example>").contains("Sehr geehrte");
    }

    @Test
    void eachDispatchOptionReachesTheProviderAndEachConfirmationReachesTheClerk() throws Exception {
        long tenant = tenantWithDemail("amt-optionen", SendDirection.SEND_AND_RECEIVE, Optional.empty(), clerkHop());
        setup.map(tenant, "clerk@amt-optionen.example", "clerk@amt-optionen.de-mail.test");
        // Tags in the Subject as a mail client encodes them, the rest in the request header.
        String mail = "From: clerk@amt-optionen.example\r\nTo: buerger@stadt.de-mail.test\r\n"
                + "Subject: =?UTF-8?Q?[pers=C3=B6nlich]_[Eingangsbest=C3=A4tigung]_Widerspruchsbescheid?=\r\n"
                + "X-Poststelle-De-Mail-Options: sender-authenticated, dispatch-confirmation,"
                + " collection-confirmation\r\n"
                + "Message-ID: <widerspruch-1@amt-optionen.example>\r\n\r\nBescheid\r\n";
        assertThat(SmtpTestClient.sendMail(smtpServer.port(), "clerk@amt-optionen.example",
                "buerger@stadt.de-mail.test", mail)).startsWith("250");

        String atProvider = awaitAtProvider("buerger@stadt.de-mail.test", "Widerspruchsbescheid");
        for (DispatchOption option : DispatchOption.values()) {
            assertThat(atProvider).contains(option.header() + ": yes");
        }
        assertThat(atProvider).doesNotContain("X-Poststelle-De-Mail-Options").doesNotContain("=?UTF-8?")
                .contains("From: clerk@amt-optionen.de-mail.test");

        for (String notice : List.of(DemailHeaders.NOTICE_DISPATCHED, DemailHeaders.NOTICE_RECEIVED,
                DemailHeaders.NOTICE_COLLECTED)) {
            assertThat(awaitAtClerks(DemailHeaders.NOTICE + ": " + notice,
                    DemailHeaders.REFERENCE + ": <widerspruch-1@amt-optionen.example>"))
                    .as("delivered for the clerk's internal address").contains("for <clerk@amt-optionen.de-mail.test>")
                    .contains(DemailHeaders.ORIGINAL_RECIPIENT + ": <clerk@amt-optionen.de-mail.test>");
        }
    }

    @Test
    void theMessageTraceShowsMappingOptionsTheProvidersAnswerAndBothConfirmations() throws Exception {
        long tenant = tenantWithDemail("amt-verlauf", SendDirection.SEND_AND_RECEIVE, Optional.empty(), clerkHop());
        setup.map(tenant, "clerk@amt-verlauf.example", "clerk@amt-verlauf.de-mail.test");
        String mail = "From: clerk@amt-verlauf.example\r\nTo: buerger@stadt.de-mail.test\r\n"
                + "Subject: Verlaufsbescheid\r\n"
                + "X-Poststelle-De-Mail-Options: receipt-confirmation, dispatch-confirmation\r\n"
                + "Message-ID: <verlauf-1@amt-verlauf.example>\r\n\r\nBescheid\r\n";
        assertThat(SmtpTestClient.sendMail(smtpServer.port(), "clerk@amt-verlauf.example",
                "buerger@stadt.de-mail.test", mail)).startsWith("250");

        DemailTrace trace = await().atMost(Duration.ofSeconds(30)).until(
                () -> demailTraces.findByMessageId(tenant, "<verlauf-1@amt-verlauf.example>").stream().findFirst(),
                found -> found.filter(t -> t.events().size() == 3).isPresent()).orElseThrow();
        assertThat(trace.dispatch().internalSender()).isEqualTo(MailAddress.parse("clerk@amt-verlauf.example"));
        assertThat(trace.dispatch().demailSender()).isEqualTo(MailAddress.parse("clerk@amt-verlauf.de-mail.test"));
        assertThat(trace.dispatch().recipients()).containsExactly(MailAddress.parse("buerger@stadt.de-mail.test"));
        assertThat(trace.dispatch().options()).containsExactlyInAnyOrder("receipt-confirmation", "dispatch-confirmation");
        assertThat(trace.events()).filteredOn(e -> e.kind() == DemailTrace.EventKind.PROVIDER_ANSWER)
                .singleElement().satisfies(answer -> {
                    assertThat(answer.subject()).isEqualTo("buerger@stadt.de-mail.test");
                    assertThat(answer.detail()).startsWith("250");
                });
        assertThat(trace.events()).filteredOn(e -> e.kind() == DemailTrace.EventKind.NOTICE)
                .extracting(DemailTrace.Event::subject)
                .containsExactlyInAnyOrder(DemailHeaders.NOTICE_DISPATCHED, DemailHeaders.NOTICE_RECEIVED);
        assertThat(demailTraces.findByMessageId(setup.tenant("amt-fremd"), "<verlauf-1@amt-verlauf.example>"))
                .as("another tenant's view").isEmpty();
    }

    @Test
    void theProvidersDeliveryFailedNoticeReachesTheClerk() throws Exception {
        long tenant = tenantWithDemail("amt-fehlschlag", SendDirection.SEND_AND_RECEIVE, Optional.empty(),
                clerkHop());
        setup.map(tenant, "clerk@amt-fehlschlag.example", "clerk@amt-fehlschlag.de-mail.test");
        assertThat(sendFromTenant("clerk@amt-fehlschlag.example", "unzustellbar@stadt.de-mail.test", "ins Leere"))
                .startsWith("250");
        assertThat(awaitAtClerks(DemailHeaders.NOTICE + ": " + DemailHeaders.NOTICE_DELIVERY_FAILED,
                "<clerk@amt-fehlschlag.de-mail.test>")).contains("unzustellbar@stadt.de-mail.test");
    }

    @Test
    void aClerkWithoutDeMailAddressGetsABounceSayingWhyInGermanAndEnglish() throws Exception {
        tenantWithDemail("amt-ohne", SendDirection.SEND_AND_RECEIVE, Optional.empty(), clerkHop());
        assertThat(sendFromTenant("neu@amt-ohne.example", "buerger@stadt.de-mail.test", "ohne Zuordnung"))
                .startsWith("250");
        assertThat(awaitAtClerks("Unzustellbar / Undeliverable", "Subject: ohne Zuordnung")).contains("Fuer den Absender neu@amt-ohne.example ist keine De-Mail-Adresse hinterlegt")
                .contains("No De-Mail address is mapped for the sender neu@amt-ohne.example")
                .contains("buerger@stadt.de-mail.test");
        assertThat(provider.mailbox(MailAddress.parse("buerger@stadt.de-mail.test")))
                .noneMatch(m -> m.contains("ohne Zuordnung"));
    }

    @Test
    void deMailFollowsItsMappingAndTheUnmappedPolicyAsTheOperatorChangesThem() throws Exception {
        long tenant = tenantWithDemail("amt-wechsel", SendDirection.SEND_AND_RECEIVE, Optional.empty());
        setup.map(tenant, "max.muster@amt-wechsel.example", "Max.Muster@amt-wechsel.de-mail.test");

        assertThat(fromProvider(provider, "MAX.MUSTER@amt-wechsel.de-mail.test", "zugeordnet"))
                .allMatch(outcome -> outcome.kind() == RecipientOutcome.Kind.DELIVERED);
        MimeMessage mapped = awaitDelivery("max.muster@amt-wechsel.example", "zugeordnet");
        assertThat(mapped.getHeader(DemailHeaders.ORIGINAL_RECIPIENT))
                .containsExactly("<MAX.MUSTER@amt-wechsel.de-mail.test>");
        assertThat(mapped.getHeader("Received")).as("traced for the address the sender used")
                .anyMatch(h -> h.contains("for <MAX.MUSTER@amt-wechsel.de-mail.test>"));

        setup.unmap(tenant, "max.muster@amt-wechsel.example");
        assertThat(fromProvider(provider, "max.muster@amt-wechsel.de-mail.test", "verloren")).singleElement()
                .satisfies(outcome -> {
                    assertThat(outcome.kind()).isEqualTo(RecipientOutcome.Kind.PERMANENT_FAILURE);
                    assertThat(outcome.reply()).hasToString("550 5.1.1 No such De-Mail mailbox");
                });

        setup.catchAll("amt-wechsel.de-mail.test", "sammel@amt-wechsel.example");
        assertThat(fromProvider(provider, "max.muster@amt-wechsel.de-mail.test", "gesammelt"))
                .allMatch(outcome -> outcome.kind() == RecipientOutcome.Kind.DELIVERED);
        assertThat(awaitDelivery("sammel@amt-wechsel.example", "gesammelt").getHeader(DemailHeaders.ORIGINAL_RECIPIENT))
                .as("the catch-all mailbox learns whom it was for").containsExactly("<max.muster@amt-wechsel.de-mail.test>");
    }

    @Test
    void aBounceForAMappedRecipientNamesTheDeMailAddressAndNothingInternal() throws Exception {
        try (ScriptedSmtpServer refusing = new ScriptedSmtpServer(
                attempt -> "550 5.1.1 <weg@amt-intern.example>: mailbox unavailable")) {
            long tenant = setup.tenant("amt-intern");
            setup.mailDomain(tenant, "amt-intern.example", SendDirection.SEND_AND_RECEIVE,
                    NextHop.of("127.0.0.1", refusing.port(), TlsMode.NONE));
            setup.demailDomain(tenant, "amt-intern.de-mail.test", SendDirection.SEND_AND_RECEIVE, Optional.empty());
            setup.map(tenant, "weg@amt-intern.example", "ehemals@amt-intern.de-mail.test");

            assertThat(fromProvider(provider, "ehemals@amt-intern.de-mail.test", "unzustellbar"))
                    .allMatch(outcome -> outcome.kind() == RecipientOutcome.Kind.DELIVERED);
            String bounce = awaitAtProvider("buerger@stadt.de-mail.test", "unzustellbar");
            assertThat(bounce).contains("Final-Recipient: rfc822; ehemals@amt-intern.de-mail.test")
                    .contains("<ehemals@amt-intern.de-mail.test>: mailbox unavailable")
                    .doesNotContain("weg@amt-intern.example").doesNotContain("Remote-MTA");
        }
    }

    @Test
    void aSendOnlyDeMailDomainReceivesNothing() {
        long tenant = tenantWithDemail("amt-nur-senden", SendDirection.SEND_ONLY, Optional.empty());
        setup.map(tenant, "a@amt-nur-senden.example", "a@amt-nur-senden.de-mail.test");
        assertThat(fromProvider(provider, "a@amt-nur-senden.de-mail.test", "abgewiesen")).singleElement()
                .satisfies(outcome -> assertThat(outcome.reply().toString())
                        .contains("amt-nur-senden.de-mail.test receives no mail through this gateway"));
    }

    @Test
    void deMailIsRefusedFromAnyoneButTheAuthenticatedProvider() throws Exception {
        long tenant = tenantWithDemail("amt-echt", SendDirection.SEND_AND_RECEIVE, Optional.empty());
        setup.map(tenant, "max@amt-echt.example", "max@amt-echt.de-mail.test");
        String refusal = "550 5.7.1 De-Mail is accepted only from the De-Mail provider's authenticated connection";

        assertThat(SmtpTestClient.rcpt(smtpServer.port(), "buerger@web.example", "max@amt-echt.de-mail.test"))
                .as("plain SMTP without a certificate").isEqualTo(refusal);
        try (ProviderSimulator impostor = TestProvider.start()) {
            assertThat(fromProvider(impostor, "max@amt-echt.de-mail.test", "gefaelscht")).singleElement()
                    .satisfies(outcome -> assertThat(outcome.reply().toString()).isEqualTo(refusal));
        }
    }

    @Test
    void whileTheProviderIsUnreachableDeMailWaitsInTheQueueAndGoesOutAfterwards() throws Exception {
        long tenant = tenantWithDemail("amt-ausfall", SendDirection.SEND_AND_RECEIVE, Optional.empty());
        setup.map(tenant, "sb@amt-ausfall.example", "sb@amt-ausfall.de-mail.test");
        providerLink.setUp(false);
        try {
            assertThat(sendFromTenant("sb@amt-ausfall.example", "buerger@stadt.de-mail.test", "waehrend Ausfall"))
                    .startsWith("250");
            // Longer than several retry intervals (1–2 s): the mail must still be there afterwards.
            Thread.sleep(4_000);
            assertThat(provider.mailbox(MailAddress.parse("buerger@stadt.de-mail.test")))
                    .noneMatch(m -> m.contains("waehrend Ausfall"));
        } finally {
            providerLink.setUp(true);
        }
        awaitAtProvider("buerger@stadt.de-mail.test", "waehrend Ausfall");
    }
}
