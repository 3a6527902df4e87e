package de.poststelle.core.queue;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MailTransport;
import de.poststelle.core.RecipientOutcome;
import de.poststelle.core.Route;
import de.poststelle.core.Router;
import de.poststelle.core.SmtpReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Delivers claimed recipients to their route and records per recipient: delivered, deferred with
 * the next attempt, or failed (bounced). Temporary failures turn into bounces once a mail has
 * been queued longer than the retry policy's maximum age.
 */
public final class DeliveryRunner {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRunner.class);

    private final MailQueue queue;
    private final Router router;
    private final MailTransport transport;
    private final RetryPolicy retry;
    private final Clock clock;
    private final QueueEvents events;
    private final WorkSignal bounceSignal;
    private final DeliveryListener listener;
    private final DeliveryThrottle throttle;

    public DeliveryRunner(MailQueue queue, Router router, MailTransport transport, RetryPolicy retry, Clock clock,
                          QueueEvents events, WorkSignal bounceSignal, DeliveryListener listener,
                          DeliveryThrottle throttle) {
        this.queue = queue;
        this.router = router;
        this.transport = transport;
        this.retry = retry;
        this.clock = clock;
        this.events = events;
        this.bounceSignal = bounceSignal;
        this.listener = listener;
        this.throttle = throttle;
    }

    public void deliver(DeliveryJob claimed) {
        MDC.put("queueId", claimed.queueId());
        try {
            DeliveryJob job = withinThrottle(claimed);
            if (job.recipients().isEmpty()) {
                return;
            }
            Route route = router.route(job.domain());
            List<MailAddress> addresses = job.recipients().stream().map(QueuedRecipient::address).toList();
            List<RecipientOutcome> outcomes;
            try {
                outcomes = transport.deliver(route, job.sender(), addresses, job.content());
            } catch (RuntimeException e) {
                log.error("queueId={} delivery to {} failed unexpectedly", job.queueId(), route.key(), e);
                SmtpReply localError = new SmtpReply(451, "4.3.0", "local error in delivery");
                outcomes = addresses.stream().map(a -> RecipientOutcome.temporary(a, localError, "")).toList();
            }
            Instant now = clock.instant();
            Map<MailAddress, RecipientOutcome> byAddress = outcomes.stream()
                    .collect(Collectors.toMap(RecipientOutcome::recipient, Function.identity(), (a, b) -> a));
            List<RecipientUpdate> updates = new ArrayList<>();
            boolean anyBounce = false;
            for (QueuedRecipient recipient : job.recipients()) {
                RecipientOutcome outcome = byAddress.getOrDefault(recipient.address(), RecipientOutcome.temporary(
                        recipient.address(), new SmtpReply(451, "4.3.0", "no outcome reported"), ""));
                RecipientUpdate update = toUpdate(job, recipient, outcome, now);
                anyBounce |= update.bounceNeeded();
                updates.add(update);
                logOutcome(job, recipient, outcome, update, route, now);
            }
            queue.recordOutcomes(job, updates, now);
            listener.attempted(job, outcomes);
            if (anyBounce) {
                bounceSignal.wake();
            }
        } finally {
            MDC.remove("queueId");
        }
    }

    /** The part of {@code claimed} the throttle lets go now; the rest goes back to the queue for later. */
    private DeliveryJob withinThrottle(DeliveryJob claimed) {
        List<QueuedRecipient> recipients = claimed.recipients();
        DeliveryThrottle.Allowance allowance = throttle.take(claimed.domain(), recipients.size());
        if (allowance.now() >= recipients.size()) {
            return claimed;
        }
        Map<Long, Instant> later = new LinkedHashMap<>();
        for (int i = allowance.now(); i < recipients.size(); i++) {
            later.put(recipients.get(i).id(), allowance.later().get(i - allowance.now()));
        }
        queue.postpone(claimed, later);
        log.debug("queueId={} {} recipient(s) for {} wait for the rate limit", claimed.queueId(), later.size(),
                claimed.domain());
        return new DeliveryJob(claimed.messageId(), claimed.queueId(), claimed.owner(), claimed.sender(),
                claimed.receivedAt(), claimed.domain(), recipients.subList(0, allowance.now()), claimed.content());
    }

    private RecipientUpdate toUpdate(DeliveryJob job, QueuedRecipient recipient, RecipientOutcome outcome, Instant now) {
        boolean hasSender = job.sender().isPresent();
        String reply = outcome.reply().toString();
        return switch (outcome.kind()) {
            case DELIVERED -> {
                events.delivered(Duration.between(job.receivedAt(), now));
                yield new RecipientUpdate(recipient.id(), RecipientState.DELIVERED, Optional.empty(), reply,
                        outcome.remoteHost(), false);
            }
            case PERMANENT_FAILURE -> {
                events.failed();
                yield new RecipientUpdate(recipient.id(), RecipientState.FAILED, Optional.empty(), reply,
                        outcome.remoteHost(), hasSender);
            }
            case TEMPORARY_FAILURE -> {
                if (retry.expired(job.receivedAt(), now)) {
                    events.failed();
                    yield new RecipientUpdate(recipient.id(), RecipientState.FAILED, Optional.empty(),
                            reply, outcome.remoteHost(), hasSender);
                }
                events.deferred();
                yield new RecipientUpdate(recipient.id(), RecipientState.DEFERRED,
                        Optional.of(retry.nextAttempt(recipient.attempts() + 1, now)), reply, outcome.remoteHost(), false);
            }
        };
    }

    private static void logOutcome(DeliveryJob job, QueuedRecipient recipient, RecipientOutcome outcome,
                                   RecipientUpdate update, Route route, Instant now) {
        String status = switch (update.state()) {
            case DELIVERED -> "sent";
            case DEFERRED -> "deferred";
            default -> "bounced";
        };
        log.info("queueId={} to=<{}> relay={} delay={}s status={} ({})", job.queueId(), recipient.address(),
                outcome.remoteHost().isEmpty() ? route.key() : outcome.remoteHost(),
                Duration.between(job.receivedAt(), now).toSeconds(), status, outcome.reply());
    }
}
