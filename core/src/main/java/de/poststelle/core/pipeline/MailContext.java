package de.poststelle.core.pipeline;

import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.queue.GeneratedMail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One mail as it passes through the pipeline. Headers added with {@link #prependHeader} are
 * written in front of the body at delivery, so cheap stages never copy a large message; a stage
 * that rewrites content (encryption) replaces the body as a whole.
 */
public final class MailContext {

    private final String queueId;
    private final Envelope envelope;
    private final Instant receivedAt;
    private final List<String> prependedHeaders = new ArrayList<>();
    private final Map<MailAddress, SmtpReply> failedRecipients = new LinkedHashMap<>();
    private final List<List<MailAddress>> splitOff = new ArrayList<>();
    private final Map<MailAddress, String> handedOff = new LinkedHashMap<>();
    private final List<GeneratedMail> generated = new ArrayList<>();
    private MessageSource body;
    private boolean bodyReplaced;

    public MailContext(String queueId, Envelope envelope, Instant receivedAt, MessageSource body) {
        this.queueId = queueId;
        this.envelope = envelope;
        this.receivedAt = receivedAt;
        this.body = body;
    }

    public String queueId() {
        return queueId;
    }

    public Envelope envelope() {
        return envelope;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public MessageSource body() {
        return body;
    }

    /** Replaces the whole message (headers and body); headers prepended so far stay in front of it. */
    public void replaceBody(MessageSource newBody) {
        this.body = newBody;
        this.bodyReplaced = true;
    }

    public boolean bodyReplaced() {
        return bodyReplaced;
    }

    /** Adds a header field in front of all others, e.g. {@code Received: from …}; folded lines allowed. */
    public void prependHeader(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw new IllegalArgumentException("invalid header name: " + name);
        }
        prependedHeaders.addFirst(name + ": " + value);
    }

    /** Header fields to write before the body, in order, each without its trailing CRLF. */
    public List<String> prependedHeaders() {
        return Collections.unmodifiableList(prependedHeaders);
    }

    /** Marks one recipient as permanently failed; it will be bounced and not delivered. */
    public void failRecipient(MailAddress recipient, SmtpReply reason) {
        if (!envelope.recipients().contains(recipient)) {
            throw new IllegalArgumentException("not a recipient of this mail: " + recipient);
        }
        failedRecipients.put(recipient, reason);
    }

    public Map<MailAddress, SmtpReply> failedRecipients() {
        return Collections.unmodifiableMap(failedRecipients);
    }

    /**
     * Moves {@code recipients} out of this mail into a copy of their own, e.g. because they need
     * another treatment (encrypted to them, plain, held). The copy is made from the mail as it was
     * received, in the same transaction that stores this run's result, and then passes the whole
     * pipeline on its own. Nothing is split if this run does not complete.
     */
    public void splitOff(List<MailAddress> recipients) {
        if (recipients.isEmpty() || !activeRecipients().containsAll(recipients)) {
            throw new IllegalArgumentException("not all active recipients of this mail: " + recipients);
        }
        splitOff.add(List.copyOf(recipients));
    }

    /** Groups of recipients moved into copies of their own, see {@link #splitOff}. */
    public List<List<MailAddress>> splitOffRecipients() {
        return Collections.unmodifiableList(splitOff);
    }

    /**
     * Marks one recipient as delivered by a stage itself, e.g. into the recipient's Messenger
     * mailbox: it is not delivered by SMTP, and {@code where} is recorded as its delivery.
     */
    public void handOff(MailAddress recipient, String where) {
        handOff(recipient, where, List.of());
    }

    /**
     * Like {@link #handOff(MailAddress, String)}, with mails that belong to the hand-off (e.g. the
     * Messenger's notice with the activation link). They are queued in the transaction that records
     * the hand-off, so they go out exactly when it counts; nothing is queued if this run does not complete.
     */
    public void handOff(MailAddress recipient, String where, List<GeneratedMail> notices) {
        if (!activeRecipients().contains(recipient)) {
            throw new IllegalArgumentException("not an active recipient of this mail: " + recipient);
        }
        handedOff.put(recipient, where);
        generated.addAll(notices);
    }

    /** Recipients a stage delivered itself, with where to; see {@link #handOff}. */
    public Map<MailAddress, String> handedOffRecipients() {
        return Collections.unmodifiableMap(handedOff);
    }

    /** Mails to queue with this run's result, see {@link #handOff(MailAddress, String, List)}. */
    public List<GeneratedMail> generatedMails() {
        return Collections.unmodifiableList(generated);
    }

    public List<MailAddress> activeRecipients() {
        return envelope.recipients().stream()
                .filter(r -> !failedRecipients.containsKey(r))
                .filter(r -> !handedOff.containsKey(r))
                .filter(r -> splitOff.stream().noneMatch(group -> group.contains(r)))
                .toList();
    }
}
