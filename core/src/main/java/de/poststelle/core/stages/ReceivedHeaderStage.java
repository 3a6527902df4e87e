package de.poststelle.core.stages;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.MailAddress;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.Stage;
import de.poststelle.core.pipeline.StageResult;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Adds our {@code Received:} trace field (RFC 5321 4.4), with {@code ESMTPS} for TLS sessions
 * (RFC 3848) and the queue id, so a mail's path can be followed through our logs.
 */
public final class ReceivedHeaderStage implements Stage {

    private final String hostname;

    public ReceivedHeaderStage(String hostname) {
        this.hostname = hostname;
    }

    @Override
    public StageResult process(MailContext mail) {
        ClientInfo client = mail.envelope().client();
        StringBuilder value = new StringBuilder()
                .append("from ").append(sanitize(client.heloName()))
                .append(" ([").append(client.address().getHostAddress()).append("])")
                .append("\r\n\tby ").append(hostname).append(" (Poststelle)")
                .append(" with ").append(client.tls() ? "ESMTPS" : "ESMTP")
                .append(" id ").append(mail.queueId());
        if (mail.envelope().recipients().size() == 1) {
            // As the client named it: a rewritten De-Mail recipient's internal address would otherwise
            // travel back to the sender in the headers a bounce quotes.
            MailAddress only = mail.envelope().originalRecipients().getFirst();
            value.append("\r\n\tfor <").append(only).append(">");
        }
        value.append(";\r\n\t").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(mail.receivedAt().atOffset(ZoneOffset.UTC)));
        mail.prependHeader("Received", value.toString());
        return StageResult.CONTINUE;
    }

    /** The HELO name is client-chosen text: keep it to printable ASCII so it cannot break the header. */
    private static String sanitize(String heloName) {
        String printable = heloName.replaceAll("[^\\x21-\\x7e]", "?");
        return printable.isEmpty() ? "unknown" : printable;
    }
}
