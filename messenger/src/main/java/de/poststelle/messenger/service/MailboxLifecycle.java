package de.poststelle.messenger.service;

import de.poststelle.messenger.MessengerProperties;
import de.poststelle.messenger.store.Mailbox;
import de.poststelle.messenger.store.MailboxRepository;
import de.poststelle.messenger.store.MessengerAuditLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Deletes mailboxes nobody used for the configured period, irrecoverably and audited, after two
 * warnings that say when and how to prevent it (log in). The date a warning announces is kept: if
 * the gateway was down when a warning was due, the deletion moves later instead of coming sooner
 * than announced or without both warnings.
 */
public final class MailboxLifecycle {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(ZoneId.of("Europe/Berlin"));

    private final MailboxRepository mailboxes;
    private final Notices notices;
    private final MessengerAuditLog audit;
    private final MessengerProperties properties;
    private final Clock clock;

    public MailboxLifecycle(MailboxRepository mailboxes, Notices notices, MessengerAuditLog audit,
                            MessengerProperties properties, Clock clock) {
        this.mailboxes = mailboxes;
        this.notices = notices;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    public void run() {
        Instant now = clock.instant();
        for (Mailbox mailbox : mailboxes.inactiveSince(now.minus(properties.inactivityPeriod().minus(properties.firstWarning())))) {
            Instant due = mailbox.deletionDueAt().orElse(mailbox.lastActivityAt().plus(properties.inactivityPeriod()));
            switch (mailbox.warningsSent()) {
                case 0 -> warn(mailbox, 1, latest(due, now, properties.firstWarning()));
                case 1 -> {
                    if (!now.isBefore(due.minus(properties.secondWarning()))) {
                        warn(mailbox, 2, latest(due, now, properties.secondWarning()));
                    }
                }
                default -> {
                    if (!now.isBefore(due)) {
                        mailboxes.delete(mailbox.id());
                        audit.record(mailbox.address(), "mailbox-deleted", "inactive since " + mailbox.lastActivityAt(), "");
                    }
                }
            }
        }
    }

    /** The planned date, or later if less than {@code notice} is left from now. */
    private static Instant latest(Instant planned, Instant now, Duration notice) {
        Instant earliest = now.plus(notice);
        return planned.isBefore(earliest) ? earliest : planned;
    }

    private void warn(Mailbox mailbox, int number, Instant deletion) {
        notices.send(mailbox.address(), "deletion-warning", number, DAY.format(deletion),
                properties.link("/messenger/login"));
        mailboxes.recordWarning(mailbox.id(), number, deletion);
        audit.record(mailbox.address(), "deletion-warning", "warning " + number + ", deletion " + deletion, "");
    }
}
