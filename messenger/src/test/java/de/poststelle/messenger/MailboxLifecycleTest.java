package de.poststelle.messenger;

import de.poststelle.admin.testapp.MutableClock;
import de.poststelle.core.MailAddress;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.messenger.service.Activations;
import de.poststelle.messenger.service.MailboxDelivery;
import de.poststelle.messenger.service.MailboxLifecycle;
import de.poststelle.messenger.service.MailboxService;
import de.poststelle.messenger.store.Folder;
import de.poststelle.messenger.store.MailboxRepository;
import de.poststelle.messenger.store.MessengerAuditLog;
import de.poststelle.messenger.testapp.MessengerTestApplication;
import de.poststelle.messenger.testapp.QueuedNotices;
import de.poststelle.messenger.testapp.TestMails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Warnings, deletion and recreation of an unused mailbox, driven by the test clock; storage at rest. */
@SpringBootTest(classes = MessengerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailboxLifecycleTest {

    private static final String CLERK = "standesamt@amt.example";

    @Autowired
    MailboxDelivery delivery;
    @Autowired
    Activations activations;
    @Autowired
    MailboxLifecycle lifecycle;
    @Autowired
    MailboxRepository mailboxes;
    @Autowired
    MailboxService mailbox;
    @Autowired
    MessengerAuditLog audit;
    @Autowired
    MailQueue queue;
    @Autowired
    MutableClock clock;
    @Autowired
    DataSource dataSource;

    @Test
    void anUnusedMailboxIsWarnedTwiceThenDeletedAndANewMailRecreatesIt() {
        String citizen = "selten@buerger.example";
        deliverAndActivate(citizen, "Urkunde");

        clock.advance(Duration.ofDays(180 - 28).minusHours(1));
        lifecycle.run();
        assertThat(warnings(citizen)).isEmpty();

        clock.advance(Duration.ofHours(2));
        lifecycle.run();
        lifecycle.run();
        assertThat(warnings(citizen)).hasSize(1).first().asString().contains("1. Hinweis", "unwiderruflich gelöscht");

        clock.advance(Duration.ofDays(28 - 7));
        lifecycle.run();
        assertThat(warnings(citizen)).hasSize(2);
        assertThat(mailboxes.find(citizen)).isPresent();

        clock.advance(Duration.ofDays(7));
        lifecycle.run();
        assertThat(mailboxes.find(citizen)).isEmpty();
        assertThat(audit.entriesFor(citizen)).extracting(MessengerAuditLog.Entry::event).contains("mailbox-deleted");

        deliver(citizen, "Urkunde, zweite Ausfertigung");
        assertThat(mailboxes.find(citizen)).get().matches(recreated -> !recreated.active());
        assertThat(mailbox.folder(citizen, Folder.INBOX)).extracting(MailboxService.Row::subject)
                .containsExactly("Urkunde, zweite Ausfertigung");
        assertThat(QueuedNotices.last(queue, citizen)).contains("/messenger/activate/");
    }

    @Test
    void warningsThatCameLateMoveTheDeletionLaterRatherThanSkipTheNotice() {
        String citizen = "vergessen@buerger.example";
        deliverAndActivate(citizen, "Altakte");
        clock.advance(Duration.ofDays(400));
        lifecycle.run();
        lifecycle.run();
        assertThat(warnings(citizen)).hasSize(1);

        clock.advance(Duration.ofDays(28 - 7).minusHours(1));
        lifecycle.run();
        assertThat(warnings(citizen)).hasSize(1);
        clock.advance(Duration.ofHours(2));
        lifecycle.run();
        lifecycle.run();
        assertThat(warnings(citizen)).hasSize(2);
        assertThat(mailboxes.find(citizen)).isPresent();

        clock.advance(Duration.ofDays(7));
        lifecycle.run();
        assertThat(mailboxes.find(citizen)).isEmpty();
    }

    @Test
    void loggingInPostponesTheDeletion() {
        String citizen = "aktiv@buerger.example";
        deliverAndActivate(citizen, "Bescheid");
        clock.advance(Duration.ofDays(180 - 28).plusHours(1));
        lifecycle.run();
        assertThat(warnings(citizen)).hasSize(1);

        long id = mailboxes.find(citizen).orElseThrow().id();
        mailboxes.recordLogin(id, clock.instant());
        clock.advance(Duration.ofDays(28));
        lifecycle.run();
        assertThat(mailboxes.find(citizen)).isPresent();
        assertThat(warnings(citizen)).hasSize(1);
    }

    @Test
    void storedMailIsEncryptedWithAKeyFileUnderTheDataDirectory() throws Exception {
        String citizen = "geheim@buerger.example";
        deliver(citizen, "Steuergeheimnis");
        List<byte[]> stored = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource)
                .sql("SELECT m.subject, m.content FROM messenger_message m JOIN messenger_mailbox b ON b.id = m.mailbox_id"
                        + " WHERE b.address = ?").param(citizen)
                .query((row, n) -> concat(row.getBytes("subject"), row.getBytes("content"))).list();
        assertThat(stored).hasSize(1);
        assertThat(new String(stored.getFirst(), StandardCharsets.ISO_8859_1))
                .doesNotContain("Steuergeheimnis", "Guten Tag", "standesamt");
        Path keyFile = Path.of("target/messenger-test-data/messenger/storage.key");
        assertThat(keyFile).exists();
        assertThat(Files.getPosixFilePermissions(keyFile)).hasSize(2);
        assertThat(mailbox.folder(citizen, Folder.INBOX)).extracting(MailboxService.Row::subject)
                .containsExactly("Steuergeheimnis");
    }

    private void deliverAndActivate(String citizen, String subject) {
        deliver(citizen, subject);
        String token = QueuedNotices.activationPath(queue, citizen).replaceFirst(".*/", "");
        assertThat(activations.activate(token, QueuedNotices.pin(queue, CLERK), "ein-langes-passwort", "test").outcome())
                .isEqualTo(Activations.Outcome.ACTIVATED);
    }

    private void deliver(String citizen, String subject) {
        delivery.deliver(MailAddress.parse(citizen), MailAddress.parse(CLERK),
                TestMails.text(CLERK, citizen, subject, "Guten Tag, anbei die Urkunde."));
    }

    private List<String> warnings(String citizen) {
        return QueuedNotices.to(queue, citizen).stream().filter(mail -> mail.contains("wird gelöscht")).toList();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
