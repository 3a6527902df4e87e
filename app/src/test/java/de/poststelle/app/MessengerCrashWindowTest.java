package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import de.poststelle.admin.console.Browser;
import de.poststelle.core.MailAddress;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.ProcessingJob;
import de.poststelle.core.queue.QueueScope;
import de.poststelle.core.queue.RecipientState;
import de.poststelle.messenger.service.MailboxService;
import de.poststelle.messenger.store.Folder;
import de.poststelle.smtp.server.SmtpServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway dies after the Messenger stored a mail but before the queue recorded the hand-off
 * (simulated: the real queue's commit of the pipeline's result fails once, then the node restarts).
 * The run after the restart finds the mail stored and announces it: the citizen gets exactly one
 * notice, the clerk exactly one PIN, and that link with that PIN opens the mailbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MessengerCrashWindowTest.CrashOnce.class)
class MessengerCrashWindowTest {

    private static final String NODE = "crash-window-node";
    private static final String CLERK = "sachbearbeitung@amt.example";
    private static final String CITIZEN = "absturz@buerger.example";
    private static final String PASSWORD = "ein-langes-passwort";
    private static final AtomicInteger crashes = new AtomicInteger();

    @RegisterExtension
    static final GreenMailExtension mailServers = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        TestGateway.fastEmbedded(registry);
        TestGateway.servedDomain(registry, 0, "amt.example", "amt", () -> mailServers.getSmtp().getPort(), "127.0.0.1/32");
        TestGateway.route(registry, 0, "buerger.example", mailServers.getSmtp().getPort());
        registry.add("poststelle.node-id", () -> NODE);
    }

    /** Lets the first commit of a pipeline result for the citizen fail, as if the node died just before it. */
    @TestConfiguration
    static class CrashOnce {

        @Bean
        static BeanPostProcessor crashBeforeTheQueueCommits() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof MailQueue queue ? crashingOnce(queue) : bean;
                }
            };
        }

        private static MailQueue crashingOnce(MailQueue queue) {
            return (MailQueue) Proxy.newProxyInstance(MailQueue.class.getClassLoader(), new Class<?>[] {MailQueue.class},
                    (proxy, method, arguments) -> {
                        if (method.getName().startsWith("completeProcessing")
                                && arguments[0] instanceof ProcessingJob job
                                && job.envelope().recipients().contains(MailAddress.parse(CITIZEN))
                                && crashes.getAndIncrement() == 0) {
                            throw new IllegalStateException("simulated crash before the queue's commit");
                        }
                        try {
                            return method.invoke(queue, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MailboxService mailbox;
    @Autowired
    MailQueue queue;
    @Autowired
    SmtpServer smtpServer;

    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void afterACrashBetweenMailboxAndQueueTheCitizenGetsOneWorkingLinkAndTheClerkOnePin() throws Exception {
        String reply = SmtpTestClient.sendMail(smtpServer.port(), CLERK, CITIZEN, "From: " + CLERK + "\r\nTo: " + CITIZEN
                + "\r\nSubject: [secure] Ihr Bescheid\r\n\r\nIhr Antrag ist bewilligt.\r\n");
        assertThat(reply).startsWith("250");
        String queueId = reply.replaceAll(".*queued as (\\w+).*", "$1");

        await().atMost(Duration.ofSeconds(60)).until(() -> crashes.get() > 0);
        assertThat(mailbox.folder(CITIZEN, Folder.INBOX)).as("stored before the crash").hasSize(1);
        assertThat(recipientState(queueId)).as("the hand-off was not recorded").isEqualTo(RecipientState.PENDING);

        assertThat(queue.releaseLeases(NODE)).as("the node restarts and resumes its work").isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> recipientState(queueId) == RecipientState.DELIVERED);
        await().atMost(Duration.ofSeconds(60)).until(() -> queue.counts().active() == 0);

        List<MimeMessage> notices = received(CITIZEN, "Neue verschlüsselte Nachricht");
        List<MimeMessage> pins = received(CLERK, "Messenger-Postfach von " + CITIZEN);
        assertThat(notices).hasSize(1);
        assertThat(pins).hasSize(1);
        assertThat(mailbox.folder(CITIZEN, Folder.INBOX)).as("stored once").hasSize(1);

        browser = Browser.start(port);
        browser.open(find(text(notices.getFirst()), "https?://[^/\\s]+(/messenger/activate/[A-Za-z0-9_-]+)"));
        browser.type("pin", find(text(pins.getFirst()), "PIN: ([0-9]{8})"));
        browser.type("password", PASSWORD);
        browser.type("passwordRepeated", PASSWORD);
        browser.press(By.cssSelector("main form button[type=submit]"));
        assertThat(browser.mainText()).contains("Ihr Postfach ist aktiviert");
        browser.type("username", CITIZEN);
        browser.type("password", PASSWORD);
        browser.submit("/messenger/login");
        browser.follow("Ihr Bescheid");
        assertThat(browser.text(By.id("mail-body"))).contains("Ihr Antrag ist bewilligt.");
    }

    private RecipientState recipientState(String queueId) {
        return queue.messageDetails(QueueScope.all(), queueId).orElseThrow().recipients().getFirst().state();
    }

    private static List<MimeMessage> received(String recipient, String subjectPart) {
        return await().atMost(Duration.ofSeconds(30)).ignoreException(java.util.ConcurrentModificationException.class)
                .until(() -> mailServers.findReceivedMessages(user -> user.getEmail().equals(recipient),
                        m -> GatewaySpineTest.subjectOf(m).contains(subjectPart)).toList(), found -> !found.isEmpty());
    }

    private static String text(MimeMessage mail) throws Exception {
        return String.valueOf(mail.getContent());
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
        return matcher.group(1);
    }
}
