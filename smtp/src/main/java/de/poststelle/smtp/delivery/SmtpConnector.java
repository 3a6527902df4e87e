package de.poststelle.smtp.delivery;

import de.poststelle.core.NextHop;
import de.poststelle.core.SmtpReply;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an SMTP session (connect, greeting, EHLO, STARTTLS) with the first of several servers
 * that works, trying the next MX host when one cannot be reached (RFC 5321 5.1).
 */
final class SmtpConnector {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnector.class);

    private final SmtpSessionFactory sessions;

    SmtpConnector(SmtpSessionFactory sessions) {
        this.sessions = sessions;
    }

    ConnectResult connect(List<NextHop> hops) {
        ConnectResult.Failed failure = null;
        for (NextHop hop : hops) {
            ConnectResult result = connect(hop);
            if (result instanceof ConnectResult.Failed failed) {
                log.info("cannot deliver via {}: {}", hop, failed.reply());
                failure = failed;
            } else {
                return result;
            }
        }
        return failure;
    }

    private ConnectResult connect(NextHop hop) {
        Session session;
        SMTPTransport transport;
        try {
            session = sessions.sessionFor(hop);
            transport = (SMTPTransport) session.getTransport("smtp");
        } catch (GeneralSecurityException | IOException e) {
            return new ConnectResult.Failed(new SmtpReply(451, "4.7.0",
                    "TLS client configuration unusable: " + e.getMessage()), hop.host());
        } catch (MessagingException e) {
            throw new IllegalStateException("Angus Mail SMTP provider missing", e);
        }
        try {
            transport.connect();
            return new ConnectResult.Connected(new SmtpConnection(session, transport, hop));
        } catch (MessagingException e) {
            return new ConnectResult.Failed(reason(transport, e), hop.host());
        }
    }

    private static SmtpReply reason(SMTPTransport transport, MessagingException e) {
        if (transport.getLastReturnCode() >= 400) {
            // The server itself refused: 421 greeting, EHLO or STARTTLS rejected.
            return SmtpReplies.parse(transport.getLastReturnCode(), transport.getLastServerResponse());
        }
        if (hasCause(e, SSLException.class) || String.valueOf(e.getMessage()).contains("STARTTLS")) {
            return new SmtpReply(451, "4.7.5", "TLS failed: " + describe(e));
        }
        return new SmtpReply(451, "4.4.1", "Connection failed: " + describe(e));
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause usually names the actual problem, e.g. "Connection refused". */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
