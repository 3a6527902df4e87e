package de.poststelle.core.queue;

import de.poststelle.core.Envelope;
import de.poststelle.core.MessageSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable queue, modelled on Postfix's queue manager: a mail is first processed by the
 * pipeline as a whole, then each recipient is delivered, deferred or failed on its own, and failed
 * recipients are bounced. Work is claimed with a lease so several nodes can share one database
 * and a node that dies leaves nothing stuck: its leases simply run out.
 */
public interface MailQueue {

    /**
     * Stores envelope and content in one transaction; returns the new queue id.
     *
     * @throws InsufficientStorageException when the store is out of space; nothing is stored
     */
    String enqueue(Envelope envelope, InputStream content) throws IOException;

    List<ProcessingJob> claimForProcessing(String owner, Instant now, Duration lease, int limit);

    /** Records the pipeline's result; the mail's recipients become due for delivery. */
    void completeProcessing(ProcessingJob job, ProcessingResult result, Instant now);

    /**
     * Like {@link #completeProcessing}, and in the same transaction claims the recipients that are
     * now due for delivery for the job's owner with a lease of {@code lease}; returns them as
     * delivery jobs, one per domain. Saves a claim transaction when the node delivers what it processed.
     */
    List<DeliveryJob> completeProcessingAndClaimDeliveries(ProcessingJob job, ProcessingResult result, Instant now,
                                                           Duration lease);

    /** Leaves the mail for the pipeline to try again at {@code nextAttempt}. */
    void deferProcessing(ProcessingJob job, Instant nextAttempt, String reason);

    /**
     * Puts the mail into quarantine instead of delivering it, in one transaction: the mail is kept
     * with its content (not purged), its remaining recipients fail as listed in {@code result} and
     * are bounced when {@code result.bounceFailures()}, a quarantine entry with {@code reason}
     * is recorded, and {@code alert} (a notice to administrators), if any, is queued.
     */
    void quarantine(ProcessingJob job, ProcessingResult result, String reason, Optional<GeneratedMail> alert,
                    Instant now) throws IOException;

    /** Quarantined mail, oldest first. */
    List<QuarantineEntry> listQuarantine(int limit);

    /** The stored content of a quarantined mail, e.g. for an administrator to inspect. */
    Optional<MessageSource> quarantinedContent(String queueId);

    /**
     * Releases a mail from quarantine: the recipients it was quarantined for are queued for
     * delivery again, as stored and without passing the pipeline (no second scan). Meant for false
     * positives an administrator has checked. Returns false if no such quarantined mail exists.
     */
    boolean releaseFromQuarantine(String queueId, Instant now);

    /**
     * Deletes a mail from quarantine: the entry goes, the mail is finished (its content is
     * freed once a pending bounce is sent) and purged like any other. Returns false if there is no
     * such quarantined mail.
     */
    boolean deleteFromQuarantine(String queueId, Instant now);

    List<DeliveryJob> claimDeliveries(String owner, Instant now, Duration lease, int limit);

    void recordOutcomes(DeliveryJob job, List<RecipientUpdate> updates, Instant now);

    /**
     * Gives claimed recipients of {@code job} back unattempted, each due again at its time in
     * {@code nextAttempt} (by recipient id): no attempt is counted and their state stays as it was.
     */
    void postpone(DeliveryJob job, Map<Long, Instant> nextAttempt);

    List<BounceJob> claimBounces(String owner, Instant now, Duration lease, int limit);

    /** Enqueues the bounce (if any) and marks the recipients as bounced, in one transaction. */
    void completeBounce(BounceJob job, Envelope bounceEnvelope, MessageSource bounce, Instant now) throws IOException;

    /** Marks the recipients as needing no bounce, e.g. because the sender cannot be reached. */
    void dropBounce(BounceJob job, Instant now);

    /**
     * Frees all work leased by {@code owner}. A node calls this when it starts: whatever it held
     * before was interrupted by a crash or kill and can be resumed at once instead of after the
     * lease runs out.
     */
    int releaseLeases(String owner);

    QueueCounts counts();

    /** The most mail {@link #searchMessages} returns at once. */
    int MAX_PAGE_SIZE = 1000;

    // Administration. Every operation takes the caller's scope and treats a mail outside it exactly
    // like a mail that does not exist, so a tenant admin can neither see nor touch, nor even probe
    // for, another tenant's mail.

    /**
     * Mail matching {@code search} within {@code scope}, newest first (by arrival). Paged with
     * {@code limit} (1 to {@link #MAX_PAGE_SIZE}) and {@code offset} (0 or more); other values
     * throw {@link IllegalArgumentException}.
     */
    List<MessageSummary> searchMessages(QueueScope scope, QueueSearch search, int limit, int offset);

    /** One mail with its client and each recipient's state; empty if there is none in {@code scope}. */
    Optional<MessageDetails> messageDetails(QueueScope scope, String queueId);

    /**
     * Makes a deferred mail due at {@code now}: each deferred recipient, and the mail itself if a
     * pipeline stage deferred it. Work a node holds a lease on right now is left alone (never
     * stolen). Returns whether anything became due earlier; false also for a mail not in
     * {@code scope}. Callers wake the work loops if they want the retry to start before the next poll.
     */
    boolean retryNow(QueueScope scope, String queueId, Instant now);

    /**
     * Deletes a mail with its recipients and content, in one transaction, without telling the
     * sender. Returns whether it existed in {@code scope}. Throws {@link MessageInUseException} if a
     * node holds a lease on it at {@code now}, rather than removing content a delivery is reading.
     * Deleting is an administrator's explicit decision; callers audit it.
     */
    boolean deleteMessage(QueueScope scope, String queueId, Instant now);

    /** Removes the records of completed mail older than {@code before}; returns how many. */
    int purgeCompleted(Instant before);
}
