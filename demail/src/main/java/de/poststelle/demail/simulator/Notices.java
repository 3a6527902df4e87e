package de.poststelle.demail.simulator;

import de.poststelle.demail.DemailHeaders;
import de.poststelle.demail.DispatchOption;
import de.poststelle.demail.EncodedWords;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;

import java.io.ByteArrayInputStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The notices the simulated provider returns for one De-Mail it took: a confirmation for each
 * requested confirmation option, and "delivery failed" for recipients it cannot deliver to. Each is
 * addressed to the De-Mail sender (the From) and names the De-Mail's Message-ID as reference.
 */
final class Notices {

    /** A notice ready to hand to the gateway. */
    record Notice(String to, String kind, String rawMessage) {
    }

    private Notices() {
    }

    static List<Notice> forMessage(byte[] message, List<String> undeliverable) {
        InternetHeaders headers;
        try {
            headers = new InternetHeaders(new ByteArrayInputStream(message));
        } catch (MessagingException e) {
            return List.of();
        }
        Optional<String> sender = address(headers.getHeader("From", ","));
        if (sender.isEmpty()) {
            return List.of();
        }
        String reference = Optional.ofNullable(headers.getHeader("Message-ID", null)).orElse("<unbekannt>");
        String subject = EncodedWords.decode(Optional.ofNullable(headers.getHeader("Subject", null)).orElse(""));
        List<Notice> notices = new ArrayList<>();
        for (DispatchOption option : DispatchOption.values()) {
            if (option.confirmationNotice().isPresent() && headers.getHeader(option.header()) != null) {
                String kind = option.confirmationNotice().get();
                notices.add(notice(sender.get(), kind, reference, option.germanName() + ": " + subject,
                        "Simulierte " + option.germanName() + " (kein De-Mail-Nachweis).\r\n"));
            }
        }
        for (String recipient : undeliverable) {
            notices.add(notice(sender.get(), DemailHeaders.NOTICE_DELIVERY_FAILED, reference,
                    "Zustellung fehlgeschlagen: " + subject,
                    "Simuliert: die De-Mail an " + recipient + " konnte nicht zugestellt werden.\r\n"));
        }
        return notices;
    }

    private static Notice notice(String to, String kind, String reference, String subject, String text) {
        String raw = "From: De-Mail-Simulator <postmaster@dmda.simulated.test>\r\n"
                + "To: <" + to + ">\r\n"
                + "Subject: " + EncodedWords.encode(subject) + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@dmda.simulated.test>\r\n"
                + "Auto-Submitted: auto-generated\r\n"
                + DemailHeaders.NOTICE + ": " + kind + "\r\n"
                + DemailHeaders.REFERENCE + ": " + reference + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n"
                + text;
        return new Notice(to, kind, raw);
    }

    private static Optional<String> address(String from) {
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(from == null ? "" : from, false);
            return parsed.length == 1 ? Optional.of(parsed[0].getAddress()) : Optional.empty();
        } catch (MessagingException unreadable) {
            return Optional.empty();
        }
    }
}
