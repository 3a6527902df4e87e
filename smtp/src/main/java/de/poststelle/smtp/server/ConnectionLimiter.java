package de.poststelle.smtp.server;

import de.poststelle.core.SmtpReply;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Counts open sessions, in total and per client address, against the configured limits. */
final class ConnectionLimiter {

    private final int maxTotal;
    private final int maxPerClient;
    private final Map<InetAddress, Integer> perClient = new HashMap<>();
    private int total;

    ConnectionLimiter(int maxTotal, int maxPerClient) {
        this.maxTotal = maxTotal;
        this.maxPerClient = maxPerClient;
    }

    /** Takes a slot for {@code client}, or tells why there is none; then nothing is taken. */
    synchronized Optional<SmtpReply> tryAcquire(InetAddress client) {
        if (total >= maxTotal) {
            return Optional.of(Replies.TOO_MANY_SESSIONS);
        }
        if (perClient.getOrDefault(client, 0) >= maxPerClient) {
            return Optional.of(Replies.TOO_MANY_FROM_HOST);
        }
        total++;
        perClient.merge(client, 1, Integer::sum);
        return Optional.empty();
    }

    synchronized void release(InetAddress client) {
        total--;
        perClient.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
    }
}
