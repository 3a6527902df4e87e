package de.poststelle.smtp.delivery;

import de.poststelle.core.NextHop;
import jakarta.mail.Session;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/** Angus Mail sessions configured for one next hop: address, timeouts, TLS and client certificate. */
final class SmtpSessionFactory {

    private final SmtpDeliveryConfig config;
    private final TlsSocketFactories tlsSocketFactories = new TlsSocketFactories();
    private final ScheduledExecutorService writeTimeouts;
    private final Map<NextHop, Session> sessions = new ConcurrentHashMap<>();

    /** {@code writeTimeouts} runs the write timeout checks of all sockets, instead of a thread per socket. */
    SmtpSessionFactory(SmtpDeliveryConfig config, ScheduledExecutorService writeTimeouts) {
        this.config = config;
        this.writeTimeouts = writeTimeouts;
    }

    Session sessionFor(NextHop hop) throws GeneralSecurityException, IOException {
        Session session = sessions.get(hop);
        if (session == null) {
            session = Session.getInstance(properties(hop));
            sessions.putIfAbsent(hop, session);
        }
        return session;
    }

    private static final NoDelaySocketFactory NO_DELAY_SOCKETS = new NoDelaySocketFactory();

    private Properties properties(NextHop hop) throws GeneralSecurityException, IOException {
        Properties props = new Properties();
        props.put("mail.smtp.host", hop.host());
        props.put("mail.smtp.port", String.valueOf(hop.port()));
        props.put("mail.smtp.localhost", config.helloName());
        props.put("mail.smtp.socketFactory", NO_DELAY_SOCKETS);
        props.put("mail.smtp.connectiontimeout", String.valueOf(config.connectTimeout().toMillis()));
        props.put("mail.smtp.timeout", String.valueOf(config.readWriteTimeout().toMillis()));
        props.put("mail.smtp.writetimeout", String.valueOf(config.readWriteTimeout().toMillis()));
        props.put("mail.smtp.executor.writetimeout", writeTimeouts);
        // Send to the recipients the server accepted, and report every RCPT reply (also successes)
        // through the exception chain: that is how we get one outcome per recipient.
        props.put("mail.smtp.sendpartial", "true");
        props.put("mail.smtp.reportsuccess", "true");
        // Probe pooled connections with RSET rather than NOOP: it also resets any transaction state.
        props.put("mail.smtp.userset", "true");
        props.put("mail.smtp.quitonsessionreject", "true");
        props.put("mail.smtp.quitwait", "false");
        switch (hop.tls()) {
            case REQUIRED -> {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
            }
            case OPPORTUNISTIC -> props.put("mail.smtp.starttls.enable", "true");
            case NONE -> props.put("mail.smtp.starttls.enable", "false");
        }
        props.put("mail.smtp.ssl.socketFactory", tlsSocketFactories.forHop(hop.clientCertificate(), hop.serverTrust()));
        // Without a trust store certificates are not authenticated (see UnverifiedServerTrust), so
        // neither is the host name; with one, the store itself names the servers we trust.
        props.put("mail.smtp.ssl.checkserveridentity", "false");
        return props;
    }
}
