package de.poststelle.smtp.dsn;

import de.poststelle.smtp.dsn.FailedRecipient.Action;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The human-readable part of a DSN: German first, then English, naming each recipient and the reply. */
final class DsnText {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final DateTimeFormatter GERMAN_DATE =
            DateTimeFormatter.ofPattern("d. MMMM yyyy 'um' HH:mm 'Uhr' (z)", Locale.GERMAN).withZone(ZONE);
    static final DateTimeFormatter ENGLISH_DATE =
            DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' HH:mm (z)", Locale.ENGLISH).withZone(ZONE);

    private DsnText() {
    }

    static String subjectPrefix(List<FailedRecipient> recipients) {
        return anyFailed(recipients) ? "Unzustellbar / Undeliverable" : "Verzögert / Delayed";
    }

    static String body(String reportingHost, Instant arrivalDate, List<FailedRecipient> recipients) {
        StringBuilder text = new StringBuilder();
        text.append("Dies ist eine automatisch erzeugte Nachricht des Mail-Gateways ").append(reportingHost)
                .append(".\n\n");
        section(text, recipients, Action.FAILED, "Ihre Nachricht vom " + GERMAN_DATE.format(arrivalDate)
                + " konnte an folgende Empfänger nicht zugestellt werden:", "Server %s antwortete: %s", "Grund: %s");
        section(text, recipients, Action.DELAYED, "Ihre Nachricht vom " + GERMAN_DATE.format(arrivalDate)
                + " konnte an folgende Empfänger noch nicht zugestellt werden. Weitere Versuche folgen"
                + " automatisch, Sie müssen nichts tun:", "Server %s antwortete: %s", "Grund: %s");
        text.append("-----\n\n");
        text.append("This is an automatically generated message from the mail gateway ").append(reportingHost)
                .append(".\n\n");
        section(text, recipients, Action.FAILED, "Your message of " + ENGLISH_DATE.format(arrivalDate)
                + " could not be delivered to the following recipients:", "Server %s replied: %s", "Reason: %s");
        section(text, recipients, Action.DELAYED, "Your message of " + ENGLISH_DATE.format(arrivalDate)
                + " has not yet been delivered to the following recipients. Delivery will be retried"
                + " automatically; you need not do anything:", "Server %s replied: %s", "Reason: %s");
        return text.toString();
    }

    private static void section(StringBuilder text, List<FailedRecipient> recipients, Action action, String intro,
                                String serverReply, String localReason) {
        List<FailedRecipient> matching = recipients.stream().filter(r -> r.action() == action).toList();
        if (matching.isEmpty()) {
            return;
        }
        text.append(intro).append("\n\n");
        for (FailedRecipient recipient : matching) {
            text.append("  ").append(recipient.recipient()).append("\n    ")
                    .append(recipient.remoteHost() != null
                            ? serverReply.formatted(recipient.remoteHost(), recipient.replyText())
                            : localReason.formatted(recipient.replyText()))
                    .append("\n\n");
        }
    }

    private static boolean anyFailed(List<FailedRecipient> recipients) {
        return recipients.stream().anyMatch(r -> r.action() == Action.FAILED);
    }
}
