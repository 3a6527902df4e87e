package de.poststelle.smtp.delivery;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.RecipientOutcome;
import de.poststelle.core.SmtpReply;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressSucceededException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * One mail transaction (MAIL, RCPT..., DATA) on an open connection, turned into one outcome per
 * recipient. Angus reports RCPT replies as a chain of exceptions (we enable {@code reportsuccess}
 * and {@code sendpartial}), and the reply that decides the accepted recipients as the top one.
 */
final class SmtpTransaction {

    private SmtpTransaction() {
    }

    static List<RecipientOutcome> send(SmtpConnection connection, Optional<MailAddress> sender,
                                       List<MailAddress> recipients, MessageSource message) {
        SMTPTransport transport = connection.transport();
        StreamedMessage envelope = new StreamedMessage(connection.session(), message);
        // "<>" because Angus treats an empty envelope sender as "not set" and falls back to From.
        envelope.setEnvelopeFrom(sender.map(MailAddress::toString).orElse("<>"));
        envelope.setMailExtension(mailParameters(transport, message.size()));

        Map<String, SmtpReply> rcptReplies = new HashMap<>();
        SmtpReply finalReply;
        try {
            transport.sendMessage(envelope, addresses(recipients));
            finalReply = SmtpReplies.parse(transport.getLastReturnCode(), transport.getLastServerResponse());
        } catch (SMTPSendFailedException e) {
            // Thrown on success too (reportsuccess): then the command is "." and the code 250.
            collectRcptReplies(e, rcptReplies);
            finalReply = SmtpReplies.parse(e.getReturnCode(), e.getMessage());
        } catch (MessagingException e) {
            // All recipients refused ("Invalid Addresses"), or the connection broke down.
            collectRcptReplies(e, rcptReplies);
            finalReply = new SmtpReply(451, "4.4.2", "Transmission failed: " + e.getMessage());
        }
        connection.countMessage();
        return outcomes(recipients, rcptReplies, finalReply, connection.hop().host());
    }

    /**
     * Declares the size so a server can refuse an oversized message before we send it (RFC 1870),
     * and 8BITMIME because we pass the content on unchanged, whatever it contains (RFC 6152).
     * Angus' own allow8bitmime would rewrite transfer encodings, which breaks signatures.
     */
    private static String mailParameters(SMTPTransport transport, long size) {
        List<String> parameters = new ArrayList<>();
        if (transport.supportsExtension("SIZE")) {
            parameters.add("SIZE=" + size);
        }
        if (transport.supportsExtension("8BITMIME")) {
            parameters.add("BODY=8BITMIME");
        }
        return String.join(" ", parameters);
    }

    private static InternetAddress[] addresses(List<MailAddress> recipients) {
        return recipients.stream().map(recipient -> {
            // Set without parsing: MailAddress is validated already, and RFC 822 parsing is stricter than SMTP.
            InternetAddress address = new InternetAddress();
            address.setAddress(recipient.toString());
            return address;
        }).toArray(InternetAddress[]::new);
    }

    private static void collectRcptReplies(MessagingException top, Map<String, SmtpReply> replies) {
        for (Exception e = top; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            if (e instanceof SMTPAddressSucceededException ok) {
                replies.put(ok.getAddress().getAddress(), SmtpReplies.parse(ok.getReturnCode(), ok.getMessage()));
            } else if (e instanceof SMTPAddressFailedException failed) {
                replies.put(failed.getAddress().getAddress(),
                        SmtpReplies.parse(failed.getReturnCode(), failed.getMessage()));
            }
        }
    }

    /** A refused RCPT decides its recipient; all others share the fate of the transaction. */
    private static List<RecipientOutcome> outcomes(List<MailAddress> recipients, Map<String, SmtpReply> rcptReplies,
                                                   SmtpReply finalReply, String remoteHost) {
        return recipients.stream().map(recipient -> {
            SmtpReply rcpt = rcptReplies.get(recipient.toString());
            SmtpReply decisive = rcpt != null && !rcpt.isPositive() ? rcpt : finalReply;
            return outcome(recipient, decisive, remoteHost);
        }).toList();
    }

    static RecipientOutcome outcome(MailAddress recipient, SmtpReply reply, String remoteHost) {
        if (reply.isPositive()) {
            return RecipientOutcome.delivered(recipient, reply, remoteHost);
        }
        return reply.isPermanentFailure()
                ? RecipientOutcome.permanent(recipient, reply, remoteHost)
                : RecipientOutcome.temporary(recipient, reply, remoteHost);
    }
}
