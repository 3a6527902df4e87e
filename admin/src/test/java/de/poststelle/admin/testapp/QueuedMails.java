package de.poststelle.admin.testapp;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.queue.MailQueue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Mail put into the queue as the SMTP server would have stored it, for tests of the queue's administration. */
public final class QueuedMails {

    private QueuedMails() {
    }

    /** A small mail from a client on the loopback address that said HELO mx.example; returns its queue id. */
    public static String enqueue(MailQueue queue, Instant receivedAt, String sender, String recipient) {
        Envelope envelope = new Envelope(Optional.of(MailAddress.parse(sender)), List.of(MailAddress.parse(recipient)),
                new ClientInfo(InetAddress.getLoopbackAddress(), "mx.example", false, null, receivedAt));
        try {
            return queue.enqueue(envelope, new ByteArrayInputStream("Subject: vertraulich\r\n\r\nText\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
