package de.poststelle.messenger.service;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.notice.NoticeText;
import de.poststelle.core.queue.GeneratedMail;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.messenger.MessengerProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Plain text notices the Messenger sends through the gateway's queue: German first, then English,
 * worded by {@link NoticeTexts}. They never carry the content of a protected mail. The envelope sender is the notice sender's address, where
 * bounces of undeliverable notices go (some servers refuse the null sender outside of bounces).
 */
public final class Notices {

    private final MailQueue queue;
    private final NoticeTexts texts;
    private final MessengerProperties properties;
    private final String hostname;
    private final Clock clock;

    public Notices(MailQueue queue, NoticeTexts texts, MessengerProperties properties, String hostname, Clock clock) {
        this.queue = queue;
        this.texts = texts;
        this.properties = properties;
        this.hostname = hostname;
        this.clock = clock;
    }

    /** Queues the notice at once, in a transaction of its own. */
    public void send(String to, String kind, Object... arguments) {
        enqueue(compose(to, kind, arguments));
    }

    public void enqueue(GeneratedMail notice) {
        try (InputStream content = notice.content().open()) {
            queue.enqueue(notice.envelope(), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the notice without queueing it, for a caller that queues it with a change of its own. */
    public GeneratedMail compose(String to, String kind, Object... arguments) {
        NoticeText text = texts.compose(kind, arguments);
        try {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
            mail.setFrom(new InternetAddress(properties.noticeSender()));
            mail.setRecipients(MimeMessage.RecipientType.TO, to);
            mail.setSubject(text.subject(), "UTF-8");
            mail.setText(text.body(), "UTF-8");
            mail.setHeader("Auto-Submitted", "auto-generated");
            mail.setSentDate(java.util.Date.from(clock.instant()));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            mail.writeTo(bytes);
            return new GeneratedMail(new Envelope(Optional.of(MailAddress.parse(properties.noticeSender())),
                    List.of(MailAddress.parse(to)), ClientInfo.local(hostname, clock.instant())),
                    de.poststelle.core.MessageSource.ofBytes(bytes.toByteArray()));
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write the notice " + kind, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
