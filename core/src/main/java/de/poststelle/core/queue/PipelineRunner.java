package de.poststelle.core.queue;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.Pipeline;
import de.poststelle.core.pipeline.StageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Takes each newly stored mail through the pipeline and hands its recipients on to delivery. */
public final class PipelineRunner {

    private static final Logger log = LoggerFactory.getLogger(PipelineRunner.class);

    private final MailQueue queue;
    private final Pipeline pipeline;
    private final RetryPolicy retry;
    private final Clock clock;
    private final WorkSignal deliverySignal;
    private final QuarantineNoticeComposer noticeComposer;
    private final String hostname;

    /** @param hostname this gateway's name, the client of the notices it queues itself */
    public PipelineRunner(MailQueue queue, Pipeline pipeline, RetryPolicy retry, Clock clock, WorkSignal deliverySignal,
                          QuarantineNoticeComposer noticeComposer, String hostname) {
        this.queue = queue;
        this.pipeline = pipeline;
        this.retry = retry;
        this.clock = clock;
        this.deliverySignal = deliverySignal;
        this.noticeComposer = noticeComposer;
        this.hostname = hostname;
    }

    /** Runs the pipeline; a mail that goes on to delivery is handed to {@code handoff} if it has room. */
    public void process(ProcessingJob job, DeliveryHandoff handoff) {
        MDC.put("queueId", job.queueId());
        MailContext mail = new MailContext(job.queueId(), job.envelope(), job.receivedAt(), job.content());
        try {
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
                case StageResult.Quarantine quarantine -> quarantine(job, mail, quarantine, now);
                case StageResult.Defer defer when retry.expired(job.receivedAt(), now) ->
                        finish(job, mail, failAll(mail, new SmtpReply(554, "5.4.7", "gave up: " + defer.reason())), now,
                                handoff);
                case StageResult.Defer defer -> {
                    log.info("queueId={} processing deferred: {}", job.queueId(), defer.reason());
                    queue.deferProcessing(job, retry.nextAttempt(job.attempts() + 1, now), defer.reason());
                }
            }
        } finally {
            closeSpool(mail);
            MDC.remove("queueId");
        }
    }

    /** A stage that rewrote the content may have spooled it to a file; it is stored (or not needed) now. */
    private static void closeSpool(MailContext mail) {
        if (mail.bodyReplaced() && mail.body() instanceof AutoCloseable spool) {
            try {
                spool.close();
            } catch (Exception e) {
                log.warn("queueId={} cannot remove spooled content", mail.queueId(), e);
            }
        }
    }

    /**
     * Keeps the mail (content included) in quarantine; its recipients fail, the sender is told if
     * wanted, and the alert recipients get a notice queued in the same transaction.
     */
    private void quarantine(ProcessingJob job, MailContext mail, StageResult.Quarantine quarantine, Instant now) {
        SmtpReply reply = quarantineReply(quarantine.reason());
        Map<MailAddress, SmtpReply> failed = new LinkedHashMap<>(mail.failedRecipients());
        failed.putAll(failAll(mail, reply));
        Optional<GeneratedMail> alert;
        try {
            alert = quarantine.alertRecipients().isEmpty() ? Optional.empty() : Optional.of(alert(job, quarantine, now));
            queue.quarantine(job, new ProcessingResult(List.of(), Optional.empty(), failed,
                    job.envelope().sender().isPresent() && quarantine.notifySender()), quarantine.reason(), alert, now);
        } catch (IOException e) {
            // Nothing was committed: the lease runs out and the mail is processed again.
            throw new UncheckedIOException("cannot quarantine " + job.queueId(), e);
        }
        log.warn("queueId={} quarantined: {}", job.queueId(), quarantine.reason());
        failed.forEach((recipient, why) -> log.info("queueId={} to=<{}> status={} ({})", job.queueId(), recipient,
                quarantine.notifySender() ? "bounced" : "failed, sender not told", why));
        alert.ifPresent(notice -> log.info("queueId={} quarantine notice queued for {}", job.queueId(),
                quarantine.alertRecipients()));
        deliverySignal.wake();
    }

    private GeneratedMail alert(ProcessingJob job, StageResult.Quarantine quarantine, Instant now) throws IOException {
        QuarantineNotice notice = new QuarantineNotice(job.queueId(), job.envelope().sender(),
                job.envelope().recipients(), quarantine.reason(), now, quarantine.alertRecipients());
        Envelope envelope = new Envelope(Optional.empty(), quarantine.alertRecipients(),
                ClientInfo.local(hostname, now));
        return new GeneratedMail(envelope, noticeComposer.compose(notice));
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
        List<List<MailAddress>> splitOff = mail.splitOffRecipients();
        Map<MailAddress, String> handedOff = mail.handedOffRecipients();
        ProcessingResult result = new ProcessingResult(headers, content, failed, job.envelope().sender().isPresent(),
                splitOff, handedOff, mail.generatedMails());
        handedOff.forEach((recipient, where) ->
                log.info("queueId={} to=<{}> status=sent ({})", job.queueId(), recipient, where));
        splitOff.forEach(group -> log.info("queueId={} split off for separate treatment: {}", job.queueId(), group));
        Set<MailAddress> leaving = new HashSet<>(failed.keySet());
        leaving.addAll(handedOff.keySet());
        splitOff.forEach(leaving::addAll);
        int domains = (int) job.envelope().recipients().stream().filter(r -> !leaving.contains(r))
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
