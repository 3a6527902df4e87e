package de.poststelle.smtp.delivery;

import java.time.Duration;

/**
 * Settings of outbound SMTP delivery.
 *
 * @param helloName                    name we announce in {@code EHLO}; should resolve back to our address
 * @param connectTimeout               how long to wait for a TCP connection
 * @param readWriteTimeout             how long one socket read or write may block
 * @param maxConnectionsPerDestination parallel connections per {@link de.poststelle.core.Route#key()}
 * @param idleTimeout                  how long an unused connection stays open for reuse
 * @param maxMessagesPerConnection     after this many messages a connection is closed instead of reused
 * @param maxRecipientsPerTransaction  more recipients of one mail are sent in further transactions; RFC 5321
 *                                     obliges a server to take 100, many refuse more with {@code 452}
 * @param mxPort                       port of hosts found through MX records: 25, except behind port
 *                                     forwarding and in tests
 */
public record SmtpDeliveryConfig(String helloName, Duration connectTimeout, Duration readWriteTimeout,
                                 int maxConnectionsPerDestination, Duration idleTimeout,
                                 int maxMessagesPerConnection, int maxRecipientsPerTransaction, int mxPort) {

    public SmtpDeliveryConfig {
        if (helloName == null || helloName.isBlank()) {
            throw new IllegalArgumentException("hello name is required");
        }
        if (maxConnectionsPerDestination < 1 || maxMessagesPerConnection < 1 || maxRecipientsPerTransaction < 1) {
            throw new IllegalArgumentException("connection, message and recipient limits must be at least 1");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive");
        }
    }

    /** Values close to Postfix' defaults (connection caching for 2 s, 20 parallel deliveries). */
    public static SmtpDeliveryConfig defaults(String helloName) {
        return new SmtpDeliveryConfig(helloName, Duration.ofSeconds(30), Duration.ofMinutes(5), 20,
                Duration.ofSeconds(2), 100, 100, 25);
    }
}
