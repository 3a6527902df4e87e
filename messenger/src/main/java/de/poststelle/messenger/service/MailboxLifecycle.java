package de.poststelle.messenger.service;

import de.poststelle.messenger.MessengerProperties;
import de.poststelle.messenger.store.Mailbox;
import de.poststelle.messenger.store.MailboxRepository;
import de.poststelle.messenger.store.MessengerAuditLog;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Deletes mailboxes nobody used for the configured period, irrecoverably and audited, after two
 * warnings that say how to prevent it (log in). A deletion never comes without both warnings: if
 * the gateway was down when one was due, the deletion waits for the next runs.
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
            Instant deletion = mailbox.lastActivityAt().plus(properties.inactivityPeriod());
            if (mailbox.warningsSent() >= 2 && !now.isBefore(deletion)) {
                mailboxes.delete(mailbox.id());
                audit.record(mailbox.address(), "mailbox-deleted", "inactive since " + mailbox.lastActivityAt(), "");
            } else if (mailbox.warningsSent() == 1 && !now.isBefore(deletion.minus(properties.secondWarning()))
                    || mailbox.warningsSent() == 0) {
                warn(mailbox, mailbox.warningsSent() + 1, deletion.isAfter(now) ? deletion : now.plus(properties.secondWarning()));
            }
        }
    }

    private void warn(Mailbox mailbox, int number, Instant deletion) {
        notices.send(mailbox.address(), "deletion-warning", number, DAY.format(deletion),
                properties.link("/messenger/login"));
        mailboxes.recordWarning(mailbox.id(), number);
        audit.record(mailbox.address(), "deletion-warning", "warning " + number, "");
    }
}
