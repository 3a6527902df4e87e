package de.poststelle.messenger.service;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.queue.GeneratedMail;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.SecureMailbox;
import de.poststelle.messenger.store.Folder;
import de.poststelle.messenger.testapp.MessengerTestApplication;
import de.poststelle.messenger.testapp.QueuedNotices;
import de.poststelle.messenger.testapp.TestMails;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Messenger as the pipeline's {@link SecureMailbox}: a delivery writes its notices for the
 * caller to queue with its own record, and a delivery repeated under the same queue id (the queue
 * never recorded the first) stores nothing twice but writes the notices again.
 */
@SpringBootTest(classes = MessengerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RepeatedDeliveryTest {

    private static final MailAddress CLERK = MailAddress.parse("meldeamt@amt.example");
    private static final Pattern LINK = Pattern.compile("/messenger/activate/([A-Za-z0-9_-]+)");
    private static final Pattern PIN = Pattern.compile("PIN: ([0-9]{8})");

    @Autowired
    SecureMailbox messenger;
    @Autowired
    Activations activations;
    @Autowired
    MailboxService mailbox;
    @Autowired
    MailQueue queue;

    @Test
    void aRepeatedDeliveryStoresOnceAndItsFurtherLinkWorksWithoutKillingTheEarlierOne() throws Exception {
        MailAddress citizen = MailAddress.parse("wiederholt@buerger.example");
        MessageSource mail = mail(citizen, "Meldebescheinigung", "x");

        SecureMailbox.Delivery first = messenger.deliver("Q1", CLERK, citizen, mail);
        SecureMailbox.Delivery repeated = messenger.deliver("Q1", CLERK, citizen, mail);

        assertThat(first.outcome()).isEqualTo(SecureMailbox.Outcome.STORED);
        assertThat(repeated.outcome()).isEqualTo(SecureMailbox.Outcome.STORED);
        assertThat(mailbox.folder(citizen.toString(), Folder.INBOX)).hasSize(1);
        assertThat(QueuedNotices.to(queue, citizen.toString())).as("the caller queues the notices").isEmpty();
        assertThat(QueuedNotices.to(queue, CLERK.toString())).isEmpty();
        assertThat(repeated.notices()).extracting(notice -> notice.envelope().recipients())
                .containsExactly(List.of(citizen), List.of(CLERK));
        String firstLink = find(LINK, first.notices().getFirst());
        String freshLink = find(LINK, repeated.notices().getFirst());
        assertThat(activations.check(firstLink)).as("it may have gone out with a run that took over the lease")
                .isEqualTo(Activations.Outcome.ACTIVATED);
        assertThat(activations.check(freshLink)).isEqualTo(Activations.Outcome.ACTIVATED);

        Activations.Result opened = activations.activate(freshLink, find(PIN, repeated.notices().get(1)),
                "ein-langes-passwort", "127.0.0.1");
        assertThat(opened.outcome()).isEqualTo(Activations.Outcome.ACTIVATED);
        assertThat(activations.check(firstLink)).as("used up with the activation").isEqualTo(Activations.Outcome.UNKNOWN_LINK);

        SecureMailbox.Delivery again = messenger.deliver("Q1", CLERK, citizen, mail);
        assertThat(again.notices()).as("an active mailbox: just the news, no link").singleElement()
                .satisfies(notice -> assertThat(text(notice)).contains("/messenger/login").doesNotContain("activate"));
        assertThat(mailbox.folder(citizen.toString(), Folder.INBOX)).hasSize(1);
    }

    @Test
    void theSenderHearsOnceOfAFullMailboxHoweverOftenTheMailIsTried() throws Exception {
        MailAddress citizen = MailAddress.parse("randvoll@buerger.example");
        MailAddress archive = MailAddress.parse("aktenablage@amt.example");
        MessageSource large = MessageSource.ofBytes(TestMails.text(archive.toString(), citizen.toString(), "Akte",
                "x".repeat(1100 * 1024)));

        assertThat(messenger.deliver("Q2", archive, citizen, large).outcome()).isEqualTo(SecureMailbox.Outcome.KEEP_PENDING);
        assertThat(messenger.deliver("Q2", archive, citizen, large).outcome()).isEqualTo(SecureMailbox.Outcome.KEEP_PENDING);

        assertThat(QueuedNotices.to(queue, archive.toString())).singleElement().asString().contains(citizen.toString());
    }

    private static MessageSource mail(MailAddress citizen, String subject, String text) {
        return MessageSource.ofBytes(TestMails.text(CLERK.toString(), citizen.toString(), subject, text));
    }

    private static String find(Pattern pattern, GeneratedMail notice) throws Exception {
        Matcher match = pattern.matcher(text(notice));
        assertThat(match.find()).as("%s in the notice", pattern).isTrue();
        return match.group(1);
    }

    /** Decoded: the notices are quoted-printable, which may wrap a long link. */
    private static String text(GeneratedMail notice) throws Exception {
        try (InputStream in = notice.content().open()) {
            return String.valueOf(new MimeMessage(Session.getInstance(new Properties()), in).getContent());
        }
    }
}
