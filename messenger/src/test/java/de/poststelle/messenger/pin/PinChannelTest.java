package de.poststelle.messenger.pin;

import de.poststelle.core.MailAddress;
import de.poststelle.messenger.testapp.SmsGatewayStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The PIN channel against a real HTTP server standing in for the SMS gateway. */
class PinChannelTest {

    private static final String PIN = "12345678";
    private static final String CITIZEN = "erika@buerger.example";
    private static final MailAddress CLERK = MailAddress.parse("sachbearbeitung@amt.example");
    private static final Optional<String> MOBILE = Optional.of("+49 170 1234567");

    private final SmsGatewayStub gateway = new SmsGatewayStub();
    private final ResourceBundleMessageSource texts = texts();

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void bySmsThePinGoesToTheNumberWithTheTokenAndTheClerkGetsNoMail() {
        Optional<PinChannel.ClerkNotice> notice = channel(PinProperties.Delivery.SMS, gateway.url())
                .send(PIN, CITIZEN, CLERK, "Bescheid", MOBILE);

        assertThat(notice).isEmpty();
        assertThat(gateway.received()).singleElement().satisfies(sms -> {
            assertThat(sms.method()).isEqualTo("POST");
            assertThat(sms.authorization()).isEqualTo("Bearer geheim");
            assertThat(sms.contentType()).isEqualTo("application/json");
            assertThat(sms.to()).isEqualTo("+491701234567");
            assertThat(sms.pin()).isEqualTo(PIN);
            assertThat(sms.text()).contains(CLERK.toString(), "verschlüsselte Nachricht", "encrypted message")
                    .doesNotContain("http", "Bescheid");
        });
    }

    @Test
    void withBothChannelsTheClerkGetsThePinAsWell() {
        Optional<PinChannel.ClerkNotice> notice = channel(PinProperties.Delivery.SENDER_AND_SMS, gateway.url())
                .send(PIN, CITIZEN, CLERK, "Bescheid", MOBILE);

        assertThat(notice).get().extracting(PinChannel.ClerkNotice::kind).isEqualTo("pin-for-sender");
        assertThat(gateway.to("+491701234567")).hasSize(1);
    }

    @Test
    void aGatewayThatRefusesLeavesThePinToTheClerkWithTheReason() {
        gateway.answer(503);

        assertThat(reasonToClerk(channel(PinProperties.Delivery.SMS, gateway.url()), MOBILE))
                .isEqualTo("das SMS-Gateway hat sie abgelehnt (HTTP-Status 503)");
    }

    @Test
    void aGatewayThatIsDownLeavesThePinToTheClerkWithTheReason() {
        URI down = gateway.url();
        gateway.close();

        assertThat(reasonToClerk(channel(PinProperties.Delivery.SENDER_AND_SMS, down), MOBILE))
                .isEqualTo("das SMS-Gateway 127.0.0.1 war nicht erreichbar (ConnectException)");
    }

    @Test
    void aGatewayThatDoesNotAnswerInTimeLeavesThePinToTheClerkWithTheReason() {
        gateway.holdAnswers();

        assertThat(reasonToClerk(channel(PinProperties.Delivery.SMS, gateway.url(), Duration.ofSeconds(1)), MOBILE))
                .isEqualTo("das SMS-Gateway hat nicht innerhalb der Wartezeit von 1 s geantwortet");
    }

    @Test
    void withoutAUsableNumberNoSmsIsTriedAndTheClerkIsToldWhy() {
        PinChannel channel = channel(PinProperties.Delivery.SMS, gateway.url());

        assertThat(reasonToClerk(channel, Optional.empty()))
                .isEqualTo("die Nachricht enthielt keine Mobilnummer (Kopfzeile X-Poststelle-Messenger-Mobil)");
        assertThat(reasonToClerk(channel, Optional.of("0170 1234567")))
                .isEqualTo("die Mobilnummer 0170 1234567 hat keine Ländervorwahl (bitte so angeben: +49 170 1234567)");
        assertThat(gateway.received()).isEmpty();
    }

    /** The clerk's notice must carry the PIN; returns the reason as the German part of it says. */
    private String reasonToClerk(PinChannel channel, Optional<String> mobile) {
        PinChannel.ClerkNotice notice = channel.send(PIN, CITIZEN, CLERK, "Bescheid", mobile).orElseThrow();
        assertThat(notice.kind()).isEqualTo("pin-for-sender-sms-failed");
        assertThat(notice.arguments()).contains(PIN, CITIZEN);
        MessageSourceResolvable reason = (MessageSourceResolvable) notice.arguments().get(3);
        assertThat(texts.getMessage(reason, Locale.ENGLISH)).isNotBlank().doesNotStartWith("das");
        return texts.getMessage(reason, Locale.GERMAN);
    }

    /** A generous timeout, so that only a gateway holding its answer back runs into it. */
    private PinChannel channel(PinProperties.Delivery delivery, URI url) {
        return channel(delivery, url, Duration.ofSeconds(60));
    }

    private PinChannel channel(PinProperties.Delivery delivery, URI url, Duration timeout) {
        return new PinChannel(delivery, Optional.of(new SmsGateway(new PinProperties.Sms(url, "geheim", timeout))), texts);
    }

    private static ResourceBundleMessageSource texts() {
        ResourceBundleMessageSource texts = new ResourceBundleMessageSource();
        texts.setBasename("messenger/messages");
        texts.setDefaultEncoding("UTF-8");
        texts.setFallbackToSystemLocale(false);
        return texts;
    }
}
