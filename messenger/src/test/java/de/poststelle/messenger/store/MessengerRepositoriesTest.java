package de.poststelle.messenger.store;

import de.poststelle.store.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Messenger's tables behave alike on H2 and PostgreSQL. */
class MessengerRepositoriesTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void oneMailboxPerAddressWithItsMessagesUsageAndCorrespondents(TestDatabase database) throws Exception {
        DataSource dataSource = database.create();
        MailboxRepository mailboxes = new MailboxRepository(dataSource);
        MessageRepository messages = new MessageRepository(dataSource);

        Mailbox mailbox = mailboxes.findOrCreate("Erika@Buerger.example", now);
        assertThat(mailboxes.findOrCreate("erika@buerger.example", now.plusSeconds(5)).id()).isEqualTo(mailbox.id());
        assertThat(mailbox.address()).isEqualTo("erika@buerger.example");
        assertThat(mailbox.active()).isFalse();
        assertThat(mailbox.createdAt()).isEqualTo(now);

        long older = messages.store(mailbox.id(), Folder.INBOX, "amt@behoerde.example", new byte[]{1}, new byte[]{2, 3}, 100, now,
                "05ABC:erika@buerger.example");
        long newer = messages.store(mailbox.id(), Folder.INBOX, "kasse@behoerde.example", new byte[]{1}, new byte[]{2}, 50,
                now.plusSeconds(60), null);
        messages.store(mailbox.id(), Folder.SENT, "ich-schrieb@anders.example", new byte[]{1}, new byte[]{2}, 7, now, null);
        assertThat(messages.list(mailbox.id(), Folder.INBOX)).extracting(StoredMessage::id).containsExactly(newer, older);
        assertThat(messages.usage(mailbox.id())).isEqualTo(157);
        assertThat(messages.correspondents(mailbox.id())).containsExactly("amt@behoerde.example", "kasse@behoerde.example");
        assertThat(messages.content(mailbox.id(), older)).get().isEqualTo(new byte[]{2, 3});
        assertThat(messages.findByDeliveryKey("05ABC:erika@buerger.example")).contains(older);

        assertThat(messages.move(mailbox.id(), older, Folder.TRASH)).isTrue();
        assertThat(messages.usage(mailbox.id())).as("the trash counts too").isEqualTo(157);
        Mailbox other = mailboxes.findOrCreate("fremd@buerger.example", now);
        assertThat(messages.find(other.id(), older)).as("never another mailbox's mail").isEmpty();
        assertThat(messages.delete(other.id(), older)).isFalse();
        assertThat(messages.delete(mailbox.id(), older)).isTrue();

        mailboxes.delete(mailbox.id());
        assertThat(mailboxes.find("erika@buerger.example")).isEmpty();
        assertThat(messages.usage(mailbox.id())).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void activationsReplaceEarlierOnesAndLoginsResetWarnings(TestDatabase database) throws Exception {
        DataSource dataSource = database.create();
        MailboxRepository mailboxes = new MailboxRepository(dataSource);
        ActivationRepository activations = new ActivationRepository(dataSource);
        Mailbox mailbox = mailboxes.findOrCreate("paul@buerger.example", now);

        activations.replace(mailbox.id(), "a".repeat(64), "pin-1", now.plus(Duration.ofDays(14)));
        activations.replace(mailbox.id(), "b".repeat(64), "pin-2", now.plus(Duration.ofDays(14)));
        assertThat(activations.findByToken("a".repeat(64))).isEmpty();
        Activation current = activations.findByToken("b".repeat(64)).orElseThrow();
        activations.recordWrongPin(current.id());
        assertThat(activations.findByToken("b".repeat(64))).get().extracting(Activation::failedPins).isEqualTo(1);

        mailboxes.activate(mailbox.id(), "hash", now);
        mailboxes.recordWarning(mailbox.id(), 2, now.plus(Duration.ofDays(7)));
        mailboxes.recordFailedLogin(mailbox.id(), 0, Optional.of(now.plusSeconds(900)));
        assertThat(mailboxes.inactiveSince(now.plusSeconds(1))).extracting(Mailbox::address).contains("paul@buerger.example");
        mailboxes.recordLogin(mailbox.id(), now.plusSeconds(10));
        Mailbox loggedIn = mailboxes.find("paul@buerger.example").orElseThrow();
        assertThat(loggedIn.warningsSent()).isZero();
        assertThat(loggedIn.deletionDueAt()).isEmpty();
        assertThat(loggedIn.loginLockedUntil()).isEmpty();
        assertThat(mailboxes.inactiveSince(now.plusSeconds(1))).isEmpty();

        MessengerAuditLog audit = new MessengerAuditLog(dataSource, Clock.systemUTC());
        audit.record("paul@buerger.example", "login", "", "127.0.0.1");
        assertThat(audit.entriesFor("Paul@buerger.example")).extracting(MessengerAuditLog.Entry::event).containsExactly("login");
    }
}
