package de.poststelle.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import de.poststelle.core.MailAddress;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.queue.InsufficientStorageException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpSessionTest {

    @Test
    void fullTransactionStoresTheDotUnstuffedContent() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connect()) {
            assertThat(client.greeting()).isEqualTo("220 mx.test ESMTP Poststelle");
            assertThat(client.command("EHLO client.test")).startsWith("250-mx.test");
            assertThat(client.command("MAIL FROM:<alice@example.org>")).isEqualTo("250 2.1.0 Ok");
            assertThat(client.command("RCPT TO:<bob@example.com>")).isEqualTo("250 2.1.5 Ok");
            assertThat(client.command("DATA")).isEqualTo("354 Start mail input; end with <CRLF>.<CRLF>");
            client.send("Subject: hello\r\n\r\n..a line starting with a dot\r\n.\r\n");
            assertThat(client.readReply()).isEqualTo("250 2.0.0 Ok: queued as Q1");
            assertThat(client.command("QUIT")).isEqualTo("221 2.0.0 Bye");
            assertThat(client.isClosedByServer()).isTrue();

            RecordingHandler.StoredMessage message = server.handler.onlyMessage();
            assertThat(message.text()).isEqualTo("Subject: hello\r\n\r\n.a line starting with a dot\r\n");
            assertThat(message.envelope().sender()).contains(MailAddress.parse("alice@example.org"));
            assertThat(message.envelope().recipients()).containsExactly(MailAddress.parse("bob@example.com"));
            assertThat(message.envelope().client().heloName()).isEqualTo("client.test");
            assertThat(message.envelope().client().tls()).isFalse();
        }
    }

    @Test
    void emptyMessageIsAccepted() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            client.command("MAIL FROM:<alice@example.org>");
            client.command("RCPT TO:<bob@example.com>");
            client.command("DATA");
            client.send(".\r\n");
            assertThat(client.readReply()).startsWith("250 2.0.0");
            assertThat(server.handler.onlyMessage().content()).isEmpty();
        }
    }

    @Test
    void ehloListsTheExtensions() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connect()) {
            assertThat(client.command("EHLO client.test").lines()).containsExactly(
                    "250-mx.test", "250-PIPELINING", "250-SIZE " + TestServer.MAX_MESSAGE_SIZE, "250-8BITMIME",
                    "250 ENHANCEDSTATUSCODES");
        }
    }

    @Test
    void pipelinedCommandsGetTheirRepliesInOrder() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connect()) {
            client.send("EHLO client.test\r\nMAIL FROM:<>\r\nRCPT TO:<a@example.com>\r\n"
                    + "RCPT TO:<b@example.com>\r\nDATA\r\n");
            assertThat(client.readReply()).startsWith("250-mx.test");
            assertThat(client.readReply()).isEqualTo("250 2.1.0 Ok");
            assertThat(client.readReply()).isEqualTo("250 2.1.5 Ok");
            assertThat(client.readReply()).isEqualTo("250 2.1.5 Ok");
            assertThat(client.readReply()).startsWith("354 ");
            client.send("Subject: pipelined\r\n\r\nbody\r\n.\r\nQUIT\r\n");
            assertThat(client.readReply()).startsWith("250 2.0.0 Ok: queued as");
            assertThat(client.readReply()).isEqualTo("221 2.0.0 Bye");

            RecordingHandler.StoredMessage message = server.handler.onlyMessage();
            assertThat(message.envelope().sender()).isEmpty();
            assertThat(message.envelope().recipients()).hasSize(2);
        }
    }

    @Test
    void commandsOutOfSequenceAreRefused() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connect()) {
            assertThat(client.command("MAIL FROM:<alice@example.org>")).startsWith("503 5.5.1");
            assertThat(client.command("HELO client.test")).isEqualTo("250 mx.test");
            assertThat(client.command("RCPT TO:<bob@example.com>")).startsWith("503 5.5.1");
            assertThat(client.command("DATA")).startsWith("503 5.5.1");
            assertThat(client.command("MAIL FROM:<alice@example.org>")).startsWith("250 2.1.0");
            assertThat(client.command("MAIL FROM:<alice@example.org>")).startsWith("503 5.5.1");
            assertThat(client.command("DATA")).startsWith("554 5.5.1");
            assertThat(client.command("RSET")).isEqualTo("250 2.0.0 Ok");
            assertThat(client.command("RCPT TO:<bob@example.com>")).startsWith("503 5.5.1");
        }
    }

    @Test
    void otherCommandsAnswerAsSpecified() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
            assertThat(client.command("VRFY bob@example.com")).startsWith("252 2.5.0").doesNotContain("bob");
            assertThat(client.command("HELP")).startsWith("214 2.0.0");
            assertThat(client.command("EXPN staff")).isEqualTo("502 5.5.1 Command not implemented");
            assertThat(client.command("STARTTLS")).isEqualTo("502 5.5.1 Command not implemented");
        }
    }

    @Test
    void malformedArgumentsAreRejectedWithTheirCodes() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connect()) {
            assertThat(client.command("EHLO")).startsWith("501 5.5.2");
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:alice@example.org")).startsWith("501 5.5.2");
            assertThat(client.command("MAIL FROM:<alice>")).startsWith("501 5.1.7");
            assertThat(client.command("MAIL FROM:<alice@example.org> FOO=1")).startsWith("555 5.5.4");
            assertThat(client.command("MAIL FROM:<alice@example.org> BODY=BINARYMIME")).startsWith("501 5.5.4");
            assertThat(client.command("MAIL FROM:<alice@example.org> SIZE=many")).startsWith("501 5.5.4");
            assertThat(client.command("MAIL FROM: <alice@example.org> SIZE=100 BODY=8BITMIME"))
                    .isEqualTo("250 2.1.0 Ok");
            assertThat(client.command("RCPT TO:<bob>")).startsWith("501 5.1.3");
            assertThat(client.command("RCPT TO:<bob@example.com> NOTIFY=NEVER")).startsWith("555 5.5.4");
            assertThat(client.command("DATA now")).startsWith("501 5.5.2");
        }
    }

    @Test
    void sourceRoutesAreIgnoredAndPostmasterWithoutDomainIsOurs() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            client.command("MAIL FROM:<@relay.test:alice@example.org>");
            assertThat(client.command("RCPT TO:<@a.test,@b.test:bob@example.com>")).startsWith("250");
            assertThat(client.command("RCPT TO:<Postmaster>")).startsWith("250");
            client.command("DATA");
            client.send("x\r\n.\r\n");
            assertThat(client.readReply()).startsWith("250");

            RecordingHandler.StoredMessage message = server.handler.onlyMessage();
            assertThat(message.envelope().senderText()).isEqualTo("alice@example.org");
            assertThat(message.envelope().recipients()).containsExactly(
                    MailAddress.parse("bob@example.com"), MailAddress.parse("postmaster@mx.test"));
        }
    }

    @Test
    void bareLineFeedInACommandIsRejectedAndTheSessionStaysInStep() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            client.send("NOOP\n");
            assertThat(client.readReply()).startsWith("500 5.5.2").contains("CRLF");
            client.send("NOOP\rNOOP\r\n");
            assertThat(client.readReply()).startsWith("500 5.5.2").contains("CRLF");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        }
    }

    @Test
    void overlongCommandLineIsRejected() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            assertThat(client.command("NOOP " + "x".repeat(600))).isEqualTo("500 5.5.2 Line too long");
            assertThat(client.command("NOOP " + "x".repeat(505))).isEqualTo("250 2.0.0 Ok");
        }
    }

    @Test
    void nonAsciiCommandIsRejected() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            assertThat(client.command("MAIL FROM:<jörg@example.org>")).startsWith("500 5.5.2");
        }
    }

    @Test
    void tooManyRecipientsGet452() throws IOException {
        try (TestServer server = TestServer.start(config -> config.maxRecipients(2));
             SmtpTestClient client = server.connectWithEhlo()) {
            client.command("MAIL FROM:<alice@example.org>");
            assertThat(client.command("RCPT TO:<a@example.com>")).startsWith("250");
            assertThat(client.command("RCPT TO:<b@example.com>")).startsWith("250");
            assertThat(client.command("RCPT TO:<c@example.com>")).isEqualTo("452 4.5.3 Too many recipients");
            client.command("DATA");
            client.send("x\r\n.\r\n");
            assertThat(client.readReply()).startsWith("250");
            assertThat(server.handler.onlyMessage().envelope().recipients()).hasSize(2);
        }
    }

    @Test
    void handlerRejectionOfARecipientIsPassedThrough() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            server.handler.answerRecipient("bob@example.com", new SmtpReply(550, "5.1.1", "User unknown"));
            client.command("MAIL FROM:<alice@example.org>");
            assertThat(client.command("RCPT TO:<bob@example.com>")).isEqualTo("550 5.1.1 User unknown");
            assertThat(client.command("DATA")).startsWith("554 5.5.1");
        }
    }

    @Test
    void anAcceptedRecipientIsQueuedAsTheHandlerNamesIt() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            server.handler.rewriteRecipient("bob@example.de-mail.de", "bob.internal@example.com");
            client.command("MAIL FROM:<alice@example.org>");
            assertThat(client.command("RCPT TO:<bob@example.de-mail.de>")).startsWith("250");
            client.command("DATA");
            client.send("Subject: x\r\n\r\nbody\r\n.\r\n");
            assertThat(client.readReply()).startsWith("250");
            assertThat(server.handler.onlyMessage().envelope().recipients())
                    .containsExactly(MailAddress.parse("bob.internal@example.com"));
        }
    }

    @Test
    void handlerFailureGives451WithoutDetailsAndTheSessionGoesOn() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            server.handler.failStoringWith(new IllegalStateException("database down"));
            String reply = sendSmallMessage(client);
            assertThat(reply).isEqualTo("451 4.3.0 Requested action aborted: local error in processing");
            assertThat(reply).doesNotContain("database", "Exception");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
            assertThat(server.handler.stored).isEmpty();
        }
    }

    @Test
    void fullStorageGives452InsufficientSystemStorage() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            server.handler.failStoringWith(new InsufficientStorageException("no room: File too large", null));
            assertThat(sendSmallMessage(client)).isEqualTo("452 4.3.1 Insufficient system storage, try again later");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        }
    }

    @Test
    void handlerThatStopsReadingEarlyGets451() throws IOException {
        RecordingHandler lazy = new RecordingHandler() {
            @Override
            byte[] read(InputStream content) throws IOException {
                return content.readNBytes(3);
            }
        };
        try (TestServer server = TestServer.start(lazy, config -> { });
             SmtpTestClient client = server.connectWithEhlo()) {
            assertThat(sendSmallMessage(client)).startsWith("451 4.3.0");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        }
    }

    @Test
    void tooManyBadCommandsCloseTheSession() throws IOException {
        try (TestServer server = TestServer.start(config -> config.maxBadCommands(3));
             SmtpTestClient client = server.connectWithEhlo()) {
            assertThat(client.command("FOO")).startsWith("502");
            assertThat(client.command("BAR")).startsWith("502");
            assertThat(client.command("BAZ")).startsWith("502");
            assertThat(client.readReply()).isEqualTo("421 4.7.0 Too many errors");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void idleClientIsDisconnected() throws IOException {
        try (TestServer server = TestServer.start(config -> config.commandTimeout(Duration.ofMillis(200)));
             SmtpTestClient client = server.connect()) {
            assertThat(client.readReply()).isEqualTo("421 4.4.2 Timeout");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void clientTricklingACommandLineIsDisconnectedAfterTheCommandTimeout() throws Exception {
        try (TestServer server = TestServer.start(config -> config.commandTimeout(Duration.ofSeconds(1)));
             SmtpTestClient client = server.connect()) {
            // A byte every 200 ms never leaves the connection idle for the whole second.
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        client.send("a");
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException closedByServer) {
                    // the server gave up on the line
                }
            });
            assertThat(client.readReply()).isEqualTo("421 4.4.2 Timeout");
            trickle.join();
        }
    }

    /** MAIL, RCPT and DATA with a tiny message; returns the reply to its end. */
    private static String sendSmallMessage(SmtpTestClient client) throws IOException {
        client.command("MAIL FROM:<alice@example.org>");
        client.command("RCPT TO:<bob@example.com>");
        client.command("DATA");
        client.send("Subject: x\r\n\r\nbody\r\n.\r\n");
        return client.readReply();
    }
}
