package de.poststelle.messenger.pin;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.SecureMailbox;
import de.poststelle.messenger.service.Activations;
import de.poststelle.messenger.service.Notices;
import de.poststelle.messenger.testapp.MessengerTestApplication;
import de.poststelle.messenger.testapp.QueuedNotices;
import de.poststelle.messenger.testapp.SmsGatewayStub;
import de.poststelle.messenger.testapp.StoredMails;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protected mails handed to the Messenger as the pipeline does it, with the PIN going by SMS to a
 * real HTTP server: the SMS PIN opens the mailbox, the number never stays in the stored mail, and
 * whenever the SMS cannot go out the clerk gets the PIN by return mail with the reason.
 */
@SpringBootTest(classes = MessengerTestApplication.class)
@ExtendWith(OutputCaptureExtension.class)
class SmsPinDeliveryTest {

    private static final SmsGatewayStub gateway = new SmsGatewayStub();

    @DynamicPropertySource
    static void smsGateway(DynamicPropertyRegistry registry) {
        gateway.configure(registry, "SMS", "geheim");
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Autowired
    SecureMailbox messenger;
    @Autowired
    MailQueue queue;
    @Autowired
    Activations activations;
    @Autowired
    Notices notices;
    @Autowired
    ApplicationContext context;

    @Test
    void thePinArrivesBySmsOpensTheMailboxAndTheStoredMailHoldsNoNumber(CapturedOutput log) throws IOException {
        String clerk = "sms.ok@amt.example";
        String citizen = "sms.ok@buerger.example";
        deliver("Q1", clerk, citizen, "X-Poststelle-Messenger-Mobil: +49 170 1111111\r\n");

        SmsGatewayStub.Sms sms = assertThat(gateway.to("+491701111111")).singleElement().actual();
        assertThat(sms.authorization()).isEqualTo("Bearer geheim");
        assertThat(sms.text()).contains(clerk).doesNotContain("/messenger/activate/");
        assertThat(QueuedNotices.to(queue, clerk)).as("no PIN mail to the clerk").isEmpty();
        assertThat(activate(citizen, sms.pin())).isEqualTo(Activations.Outcome.ACTIVATED);

        assertThat(StoredMails.firstInInbox(context, citizen)).contains("Ihr Antrag ist bewilligt.")
                .doesNotContainIgnoringCase("X-Poststelle-Messenger-Mobil").doesNotContain("1111111");
        assertThat(log.getAll()).doesNotContain(sms.pin());
    }

    /** The crashed run's link never went out, so its PIN is of no use: the repeated run sends a fresh one. */
    @Test
    void aDeliveryRepeatedAfterACrashSendsAFreshPinThatOpensTheMailboxWithTheLinkSent() throws IOException {
        String clerk = "sms.repeat@amt.example";
        String citizen = "sms.repeat@buerger.example";
        String mobileField = "X-Poststelle-Messenger-Mobil: +49 170 2222222\r\n";
        messenger.deliver("Q2", MailAddress.parse(clerk), MailAddress.parse(citizen), mail(clerk, citizen, mobileField));
        deliver("Q2", clerk, citizen, mobileField);

        List<SmsGatewayStub.Sms> sms = gateway.to("+491702222222");
        assertThat(sms).hasSize(2);
        assertThat(activate(citizen, sms.getFirst().pin())).isEqualTo(Activations.Outcome.WRONG_PIN);
        assertThat(activate(citizen, sms.getLast().pin())).isEqualTo(Activations.Outcome.ACTIVATED);
    }

    @Test
    void whenTheGatewayRefusesTheClerkGetsThePinByMailWithTheReason() throws IOException {
        String clerk = "sms.refused@amt.example";
        String citizen = "sms.refused@buerger.example";
        gateway.answer(503);
        try {
            deliver("Q3", clerk, citizen, "X-Poststelle-Messenger-Mobile: +49 170 3333333\r\n");
        } finally {
            gateway.answer(202);
        }

        assertThat(gateway.to("+491703333333")).hasSize(1);
        String pinMail = QueuedNotices.last(queue, clerk);
        assertThat(pinMail).contains("SMS konnte nicht gesendet werden: das SMS-Gateway hat sie abgelehnt (HTTP-Status 503)",
                "The SMS could not be sent: the SMS gateway refused it (HTTP status 503)", citizen);
        assertThat(activate(citizen, QueuedNotices.pin(queue, clerk))).isEqualTo(Activations.Outcome.ACTIVATED);
        assertThat(StoredMails.firstInInbox(context, citizen)).doesNotContainIgnoringCase("X-Poststelle-Messenger-Mobile");
    }

    @Test
    void withoutANumberTheClerkGetsThePinByMailAndIsToldWhy() throws IOException {
        String clerk = "sms.nonumber@amt.example";
        String citizen = "sms.nonumber@buerger.example";
        int sent = gateway.received().size();
        deliver("Q4", clerk, citizen, "");

        assertThat(gateway.received()).hasSize(sent);
        assertThat(QueuedNotices.last(queue, clerk)).contains(
                "SMS konnte nicht gesendet werden: die Nachricht enthielt keine Mobilnummer (Kopfzeile X-Poststelle-Messenger-Mobil)");
        assertThat(activate(citizen, QueuedNotices.pin(queue, clerk))).isEqualTo(Activations.Outcome.ACTIVATED);
    }

    /** Delivers as the pipeline does, which queues the notices with its record of the hand-off. */
    private void deliver(String queueId, String clerk, String citizen, String mobileField) throws IOException {
        SecureMailbox.Delivery delivery = messenger.deliver(queueId, MailAddress.parse(clerk), MailAddress.parse(citizen),
                mail(clerk, citizen, mobileField));
        assertThat(delivery.outcome()).isEqualTo(SecureMailbox.Outcome.STORED);
        delivery.notices().forEach(notices::enqueue);
    }

    private static MessageSource mail(String clerk, String citizen, String mobileField) {
        return MessageSource.ofBytes(("From: " + clerk + "\r\nTo: " + citizen + "\r\n" + mobileField
                + "Subject: Ihr Bescheid\r\n\r\nIhr Antrag ist bewilligt.\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private Activations.Outcome activate(String citizen, String pin) {
        String path = QueuedNotices.activationPath(queue, citizen);
        return activations.activate(path.substring(path.lastIndexOf('/') + 1), pin, "ein-langes-passwort", "127.0.0.1")
                .outcome();
    }
}
