package de.poststelle.core.queue;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.Pipeline;
import de.poststelle.core.pipeline.StageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Takes each newly stored mail through the pipeline and hands its recipients on to delivery. */
public final class PipelineRunner {

    private static final Logger log = LoggerFactory.getLogger(PipelineRunner.class);

    private final MailQueue queue;
    private final Pipeline pipeline;
    private final RetryPolicy retry;
    private final Clock clock;
    private final WorkSignal deliverySignal;

    public PipelineRunner(MailQueue queue, Pipeline pipeline, RetryPolicy retry, Clock clock, WorkSignal deliverySignal) {
        this.queue = queue;
        this.pipeline = pipeline;
        this.retry = retry;
        this.clock = clock;
        this.deliverySignal = deliverySignal;
    }

    /** Runs the pipeline; a mail that goes on to delivery is handed to {@code handoff} if it has room. */
    public void process(ProcessingJob job, DeliveryHandoff handoff) {
        MDC.put("queueId", job.queueId());
        try {
            MailContext mail = new MailContext(job.queueId(), job.envelope(), job.receivedAt(), job.content());
            StageResult result;
            try {
                result = pipeline.run(mail);
            } catch (Exception e) {
                log.error("queueId={} pipeline failed", job.queueId(), e);
                result = new StageResult.Defer("internal error in processing: " + e.getClass().getSimpleName());
            }
            Instant now = clock.instant();
            switch (result) {
                case StageResult.Continue ignored -> finish(job, mail, Map.of(), now, handoff);
                case StageResult.Reject reject -> finish(job, mail, failAll(mail, reject.reply()), now, handoff);
                case StageResult.Quarantine quarantine -> quarantine(job, mail, quarantine.reason(), now);
                case StageResult.Defer defer when retry.expired(job.receivedAt(), now) ->
                        finish(job, mail, failAll(mail, new SmtpReply(554, "5.4.7", "gave up: " + defer.reason())), now,
                                handoff);
                case StageResult.Defer defer -> {
                    log.info("queueId={} processing deferred: {}", job.queueId(), defer.reason());
                    queue.deferProcessing(job, retry.nextAttempt(job.attempts() + 1, now), defer.reason());
                }
            }
        } finally {
            MDC.remove("queueId");
        }
    }

    /** Keeps the mail (content included) in quarantine; its recipients fail and the sender is told. */
    private void quarantine(ProcessingJob job, MailContext mail, String reason, Instant now) {
        SmtpReply reply = quarantineReply(reason);
        Map<MailAddress, SmtpReply> failed = new LinkedHashMap<>(mail.failedRecipients());
        failed.putAll(failAll(mail, reply));
        queue.quarantine(job, new ProcessingResult(List.of(), Optional.empty(), failed,
                job.envelope().sender().isPresent()), reason, now);
        log.warn("queueId={} quarantined: {}", job.queueId(), reason);
        failed.forEach((recipient, why) ->
                log.info("queueId={} to=<{}> status=bounced ({})", job.queueId(), recipient, why));
        deliverySignal.wake();
    }

    /** The reply recipients of a quarantined mail fail with, quoting the reason (e.g. the signature). */
    public static SmtpReply quarantineReply(String reason) {
        return new SmtpReply(554, "5.7.0", "message quarantined: " + reason);
    }

    private static Map<MailAddress, SmtpReply> failAll(MailContext mail, SmtpReply reason) {
        Map<MailAddress, SmtpReply> failed = new LinkedHashMap<>();
        mail.activeRecipients().forEach(r -> failed.put(r, reason));
        return failed;
    }

    private void finish(ProcessingJob job, MailContext mail, Map<MailAddress, SmtpReply> additionalFailures,
                        Instant now, DeliveryHandoff handoff) {
        Map<MailAddress, SmtpReply> failed = new LinkedHashMap<>(mail.failedRecipients());
        failed.putAll(additionalFailures);
        List<String> headers = mail.prependedHeaders();
        Optional<MessageSource> content = mail.bodyReplaced() ? Optional.of(mail.body()) : Optional.empty();
        ProcessingResult result = new ProcessingResult(headers, content, failed, job.envelope().sender().isPresent());
        int domains = (int) job.envelope().recipients().stream().filter(r -> !failed.containsKey(r))
                .map(MailAddress::domain).distinct().count();
        if (domains > 0 && handoff.tryReserve(domains)) {
            handOver(job, result, now, handoff, domains);
        } else {
            queue.completeProcessing(job, result, now);
            deliverySignal.wake();
        }
        failed.forEach((recipient, reason) ->
                log.info("queueId={} to=<{}> status=bounced ({})", job.queueId(), recipient, reason));
    }

    /** Records the result and starts delivery in the slots reserved for it: one job per recipient domain. */
    private void handOver(ProcessingJob job, ProcessingResult result, Instant now, DeliveryHandoff handoff,
                          int reserved) {
        List<DeliveryJob> deliveries;
        try {
            deliveries = queue.completeProcessingAndClaimDeliveries(job, result, now, handoff.lease());
        } catch (RuntimeException e) {
            handoff.release(reserved);
            throw e;
        }
        handoff.release(reserved - deliveries.size());
        deliveries.forEach(handoff::start);
    }
}
