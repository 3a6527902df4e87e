package de.poststelle.smtp.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Settings of the inbound SMTP server.
 *
 * @param bindAddress           local address to listen on
 * @param port                  TCP port; 0 picks a free one ({@link SmtpServer#port()} tells which)
 * @param hostname              our name in the greeting and in replies to EHLO/HELO
 * @param maxMessageSize        largest message in octets, advertised as {@code SIZE} (RFC 1870)
 * @param maxRecipients         most recipients per message; more get {@code 452 4.5.3}
 * @param maxCommandLineLength  longest command line in octets including CRLF (RFC 5321 4.5.3.1.4: at least 512)
 * @param maxDataLineLength     longest text line in DATA in octets including CRLF (RFC 5321 4.5.3.1.6: at least 1000)
 * @param maxSessions           most concurrent sessions in total
 * @param maxSessionsPerClient  most concurrent sessions from one client IP address
 * @param commandTimeout        how long a whole command line may take to arrive, and the longest pause within DATA
 * @param dataTimeout           how long the whole DATA phase of one message may take
 * @param sslContext            key and certificate for STARTTLS; {@code null} means STARTTLS is not offered
 * @param maxBadCommands        after this many rejected commands (syntax, sequence, unknown) the session is closed
 * @param requestClientCertificates ask TLS clients for a certificate (optional for them); it is passed on
 *                              unverified in {@link de.poststelle.core.ClientInfo#certificateChain()}
 */
public record SmtpServerConfig(
        InetAddress bindAddress,
        int port,
        String hostname,
        long maxMessageSize,
        int maxRecipients,
        int maxCommandLineLength,
        int maxDataLineLength,
        int maxSessions,
        int maxSessionsPerClient,
        Duration commandTimeout,
        Duration dataTimeout,
        SSLContext sslContext,
        int maxBadCommands,
        boolean requestClientCertificates) {

    /** RFC 5321 4.5.3.1.4 and 4.5.3.1.6: the smallest line lengths a server must accept. */
    static final int MIN_COMMAND_LINE_LENGTH = 512;
    static final int MIN_DATA_LINE_LENGTH = 1000;

    public SmtpServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("hostname must not be blank");
        }
        requirePositive(maxMessageSize, "maxMessageSize");
        requirePositive(maxRecipients, "maxRecipients");
        requirePositive(maxSessions, "maxSessions");
        requirePositive(maxSessionsPerClient, "maxSessionsPerClient");
        requirePositive(maxBadCommands, "maxBadCommands");
        if (maxCommandLineLength < MIN_COMMAND_LINE_LENGTH) {
            throw new IllegalArgumentException("maxCommandLineLength must be at least " + MIN_COMMAND_LINE_LENGTH);
        }
        if (maxDataLineLength < MIN_DATA_LINE_LENGTH) {
            throw new IllegalArgumentException("maxDataLineLength must be at least " + MIN_DATA_LINE_LENGTH);
        }
        requirePositive(commandTimeout.toMillis(), "commandTimeout");
        requirePositive(dataTimeout.toMillis(), "dataTimeout");
    }

    /** A builder with the defaults below; only the hostname has none. */
    public static Builder builder(String hostname) {
        return new Builder(hostname);
    }

    public boolean offersStartTls() {
        return sslContext != null;
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    public static final class Builder {
        private InetAddress bindAddress = new InetSocketAddress(0).getAddress();
        private int port = 25;
        private final String hostname;
        private long maxMessageSize = 64L * 1024 * 1024;
        // Postfix's defaults for recipients, sessions per client and errors.
        private int maxRecipients = 1000;
        private int maxCommandLineLength = MIN_COMMAND_LINE_LENGTH;
        private int maxDataLineLength = MIN_DATA_LINE_LENGTH;
        private int maxSessions = 500;
        private int maxSessionsPerClient = 50;
        private Duration commandTimeout = Duration.ofMinutes(5);
        private Duration dataTimeout = Duration.ofMinutes(10);
        private SSLContext sslContext;
        private int maxBadCommands = 20;
        private boolean requestClientCertificates;

        private Builder(String hostname) {
            this.hostname = hostname;
        }

        public Builder bindAddress(InetAddress value) { bindAddress = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder maxMessageSize(long value) { maxMessageSize = value; return this; }
        public Builder maxRecipients(int value) { maxRecipients = value; return this; }
        public Builder maxCommandLineLength(int value) { maxCommandLineLength = value; return this; }
        public Builder maxDataLineLength(int value) { maxDataLineLength = value; return this; }
        public Builder maxSessions(int value) { maxSessions = value; return this; }
        public Builder maxSessionsPerClient(int value) { maxSessionsPerClient = value; return this; }
        public Builder commandTimeout(Duration value) { commandTimeout = value; return this; }
        public Builder dataTimeout(Duration value) { dataTimeout = value; return this; }
        public Builder sslContext(SSLContext value) { sslContext = value; return this; }
        public Builder maxBadCommands(int value) { maxBadCommands = value; return this; }
        public Builder requestClientCertificates(boolean value) { requestClientCertificates = value; return this; }

        public SmtpServerConfig build() {
            return new SmtpServerConfig(bindAddress, port, hostname, maxMessageSize, maxRecipients,
                    maxCommandLineLength, maxDataLineLength, maxSessions, maxSessionsPerClient, commandTimeout,
                    dataTimeout, sslContext, maxBadCommands, requestClientCertificates);
        }
    }
}
