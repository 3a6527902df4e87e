package de.poststelle.smtp.delivery;

import de.poststelle.core.NextHop;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.Instant;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An open SMTP session with one server, reused for several messages. Used by one thread at a time. */
final class SmtpConnection {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

    private final Session session;
    private final SMTPTransport transport;
    private final NextHop hop;
    private int messagesSent;
    private Instant idleSince = Instant.MIN;

    SmtpConnection(Session session, SMTPTransport transport, NextHop hop) {
        this.session = session;
        this.transport = transport;
        this.hop = hop;
    }

    SMTPTransport transport() {
        return transport;
    }

    Session session() {
        return session;
    }

    NextHop hop() {
        return hop;
    }

    int messagesSent() {
        return messagesSent;
    }

    void countMessage() {
        messagesSent++;
    }

    Instant idleSince() {
        return idleSince;
    }

    void markIdle(Instant now) {
        idleSince = now;
    }

    /** Asks the server with {@code RSET}; false if it does not answer or the socket is closed. */
    boolean isAlive() {
        return transport.isConnected();
    }

    void close() {
        try {
            transport.close();
        } catch (MessagingException e) {
            log.debug("closing connection to {} failed", hop, e);
        }
    }
}
