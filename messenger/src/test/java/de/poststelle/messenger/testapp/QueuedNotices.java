package de.poststelle.messenger.testapp;

import de.poststelle.core.MailAddress;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.ProcessingJob;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the Messenger queued for a recipient (notices, replies), as the pipeline would see
 * it: claims every due mail, copies the matching ones, and gives all leases back at once.
 */
public final class QueuedNotices {

    private static final String NODE = "messenger-test-reader";
    private static final Pattern LINK = Pattern.compile("https?://\\S+/messenger/activate/[A-Za-z0-9_-]+");
    private static final Pattern PIN = Pattern.compile("PIN[^0-9]*([0-9]{8})");

    private QueuedNotices() {
    }

    /** Raw mails queued for {@code recipient}, oldest first. */
    public static List<String> to(MailQueue queue, String recipient) {
        MailAddress wanted = MailAddress.parse(recipient);
        List<String> found = new ArrayList<>();
        try {
            List<ProcessingJob> jobs = queue.claimForProcessing(NODE, Instant.now().plus(Duration.ofDays(3650)),
                    Duration.ofMinutes(5), 100_000);
            jobs.stream().sorted((a, b) -> Long.compare(a.messageId(), b.messageId()))
                    .filter(job -> job.envelope().recipients().contains(wanted))
                    .forEach(job -> found.add(read(job)));
        } finally {
            queue.releaseLeases(NODE);
        }
        return found;
    }

    public static String last(MailQueue queue, String recipient) {
        List<String> mails = to(queue, recipient);
        if (mails.isEmpty()) {
            throw new AssertionError("nothing queued for " + recipient);
        }
        return mails.getLast();
    }

    /** The path of the newest activation link queued for the recipient. */
    public static String activationPath(MailQueue queue, String recipient) {
        return newest(queue, recipient, LINK).group().replaceFirst("https?://[^/]+", "");
    }

    /** The newest PIN queued for {@code recipient} (the clerk, or the registering citizen). */
    public static String pin(MailQueue queue, String recipient) {
        return newest(queue, recipient, PIN).group(1);
    }

    private static Matcher newest(MailQueue queue, String recipient, Pattern pattern) {
        for (String mail : to(queue, recipient).reversed()) {
            Matcher match = pattern.matcher(mail);
            if (match.find()) {
                return match;
            }
        }
        throw new AssertionError("no " + pattern + " in the mails to " + recipient);
    }

    /** Subject, sender and decoded text: the notices are quoted-printable, which may wrap a long link. */
    private static String read(ProcessingJob job) {
        try (InputStream in = job.content().open()) {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), in);
            return "From: " + String.join(", ", mail.getHeader("From")) + "\nSubject: " + mail.getSubject() + "\n\n"
                    + mail.getContent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
