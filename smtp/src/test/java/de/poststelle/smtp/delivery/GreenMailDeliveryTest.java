package de.poststelle.smtp.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import de.poststelle.core.MailAddress;
import de.poststelle.core.NextHop;
import de.poststelle.core.RecipientOutcome;
import de.poststelle.core.RecipientOutcome.Kind;
import de.poststelle.core.Route;
import de.poststelle.core.TlsMode;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Delivery to GreenMail, an SMTP server implementation independent of our client. (GreenMail
 * 2.1 answers RCPT after {@code MAIL FROM:<>} with 503, so the null sender is tested against the
 * scripted peer only.)
 */
class GreenMailDeliveryTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP);

    private final SmtpMailTransport transport = new SmtpMailTransport(new SmtpDeliveryConfig("gateway.test",
            Duration.ofSeconds(10), Duration.ofSeconds(30), 2, Duration.ofMinutes(1), 100, 100, 25),
            domain -> new MxLookup.NoSuchDomain());
    private final Route route = new Route.Direct(NextHop.of("127.0.0.1", ServerSetupTest.SMTP.getPort(), TlsMode.NONE));

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void deliversTheMessageBytesUnchangedToEveryRecipient() throws Exception {
        String original = "From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.org>\r\n"
                + "To: alice@example.net, bob@example.net\r\n"
                + "Subject: signed\r\n\tand folded\r\n"
                + "Message-ID: <signed-1@example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + "Grüße\r\n"
                + ".leading dot\r\n"
                + "spaces at the end   \r\n";

        List<RecipientOutcome> outcomes = transport.deliver(route,
                Optional.of(MailAddress.parse("j@example.org")),
                List.of(MailAddress.parse("alice@example.net"), MailAddress.parse("bob@example.net")),
                TestMessages.of(original));

        assertThat(outcomes).extracting(RecipientOutcome::kind).containsOnly(Kind.DELIVERED);
        assertThat(outcomes).extracting(o -> o.reply().code()).containsOnly(250);
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        for (MimeMessage message : received) {
            // GreenMail stores the content without the CRLF that precedes the terminating dot.
            assertThat(withoutTraceHeaders(message) + "\r\n").isEqualTo(original);
        }
    }

    /** The message as received, without the Return-Path and Received lines the receiving server prepends. */
    private static String withoutTraceHeaders(MimeMessage message) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        String text = raw.toString(StandardCharsets.UTF_8);
        while (text.startsWith("Return-Path:") || text.startsWith("Received:")) {
            int end = text.indexOf("\r\n");
            while (text.startsWith(" ", end + 2) || text.startsWith("\t", end + 2)) {
                end = text.indexOf("\r\n", end + 2);
            }
            text = text.substring(end + 2);
        }
        return text;
    }
}
