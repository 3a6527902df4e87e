package de.poststelle.smtp.server;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.InboundMailHandler;
import de.poststelle.core.MailAddress;
import de.poststelle.core.RecipientVerdict;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.queue.InsufficientStorageException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One SMTP connection from greeting to QUIT, on its own (virtual) thread. */
final class SmtpSession implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);

    private final String id;
    private final SmtpConnection connection;
    private final SmtpServerConfig config;
    private final InboundMailHandler handler;
    private final ConnectionLimiter limiter;
    private final BooleanSupplier shuttingDown;
    private final CommandLineReader lineReader;
    private final String client;
    private final Instant connectedAt = Instant.now();
    private String heloName;
    /** Read by the server's shutdown to tell sessions it must wait for from idle ones. */
    private volatile Transaction transaction;
    private int badCommands;
    private int messages;
    private boolean finished;

    SmtpSession(String id, SmtpConnection connection, SmtpServerConfig config, InboundMailHandler handler,
                ConnectionLimiter limiter, BooleanSupplier shuttingDown) {
        this.id = id;
        this.connection = connection;
        this.config = config;
        this.handler = handler;
        this.limiter = limiter;
        this.shuttingDown = shuttingDown;
        this.lineReader = new CommandLineReader(config.maxCommandLineLength());
        this.client = connection.remoteAddress().getHostAddress();
    }

    @Override
    public void run() {
        Optional<SmtpReply> refusal = limiter.tryAcquire(connection.remoteAddress());
        if (refusal.isPresent()) {
            log.warn("session={} refused connect from {}: {}", id, client, refusal.get());
            connection.closeWith(refusal.get());
            return;
        }
        log.info("session={} connect from {}", id, client);
        try {
            connection.replyPlain(220, List.of(config.hostname() + " ESMTP Poststelle"));
            serve();
        } catch (SocketTimeoutException e) {
            log.info("session={} timeout from {}: {}", id, client, e.getMessage());
            connection.closeWith(Replies.TIMEOUT);
        } catch (IOException e) {
            if (!connection.isClosed()) {
                log.info("session={} lost connection from {}: {}", id, client, e.toString());
            }
        } catch (RuntimeException e) {
            log.error("session={} failed, closing connection from {}", id, client, e);
            connection.closeWith(Replies.INTERNAL_ERROR);
        } finally {
            connection.close();
            limiter.release(connection.remoteAddress());
            log.info("session={} disconnect from {} messages={}", id, client, messages);
        }
    }

    /** Shutdown: a session outside a mail transaction has nothing to finish. */
    void closeIfIdle() {
        if (transaction == null) {
            connection.closeWith(Replies.SHUTTING_DOWN);
        }
    }

    /** Shutdown after the grace period. */
    void abort() {
        connection.closeWith(Replies.SHUTTING_DOWN);
    }

    private void serve() throws IOException {
        while (!finished) {
            if (shuttingDown.getAsBoolean() && transaction == null) {
                connection.closeWith(Replies.SHUTTING_DOWN);
                return;
            }
            try {
                String line = readCommandLine();
                if (line == null) {
                    return;
                }
                execute(Command.parse(line));
            } catch (CommandRejectedException e) {
                rejectBadCommand(e.reply());
            }
        }
    }

    /**
     * A command line must arrive in full within the command timeout. The idle timeout alone would
     * let a client that sends one byte every few seconds hold its session forever (slow loris).
     */
    private String readCommandLine() throws IOException, CommandRejectedException {
        SmtpInput input = connection.input();
        input.setDeadline(Instant.now().plus(config.commandTimeout()), "command line");
        try {
            return lineReader.read(input);
        } finally {
            input.clearDeadline();
        }
    }

    private void execute(Command command) throws IOException, CommandRejectedException {
        switch (command.verb()) {
            case EHLO -> greet(command, true);
            case HELO -> greet(command, false);
            case MAIL -> mail(command);
            case RCPT -> rcpt(command);
            case DATA -> data(command);
            case RSET -> {
                requireNoArgument(command, "RSET");
                transaction = null;
                connection.reply(Replies.OK);
            }
            case NOOP -> connection.reply(Replies.OK);
            case QUIT -> {
                connection.closeWith(Replies.BYE);
                finished = true;
            }
            case STARTTLS -> startTls(command);
            case VRFY -> {
                // Answering VRFY would disclose which addresses exist (RFC 5321 3.5.3, 7.3).
                if (!command.hasArgument()) {
                    throw new CommandRejectedException(Replies.syntax("VRFY address"));
                }
                connection.reply(Replies.CANNOT_VRFY);
            }
            case HELP -> connection.reply(Replies.HELP);
            case UNKNOWN -> throw new CommandRejectedException(Replies.NOT_IMPLEMENTED);
        }
    }

    private void rejectBadCommand(SmtpReply reply) throws IOException {
        connection.reply(reply);
        if (++badCommands >= config.maxBadCommands()) {
            log.warn("session={} too many errors from {}", id, client);
            connection.closeWith(Replies.TOO_MANY_ERRORS);
            finished = true;
        }
    }

    private void greet(Command command, boolean extended) throws IOException, CommandRejectedException {
        if (!command.hasArgument()) {
            throw new CommandRejectedException(Replies.syntax(command.verb() + " hostname"));
        }
        heloName = command.argument();
        transaction = null;
        connection.replyPlain(250, extended ? extensions() : List.of(config.hostname()));
    }

    private List<String> extensions() {
        List<String> lines = new ArrayList<>(List.of(config.hostname(), "PIPELINING",
                "SIZE " + config.maxMessageSize(), "8BITMIME", "ENHANCEDSTATUSCODES"));
        if (config.offersStartTls() && !connection.isTls()) {
            lines.add("STARTTLS");
        }
        return lines;
    }

    private void mail(Command command) throws IOException, CommandRejectedException {
        if (heloName == null) {
            throw new CommandRejectedException(Replies.SEND_HELO_FIRST);
        }
        if (transaction != null) {
            throw new CommandRejectedException(Replies.NESTED_MAIL);
        }
        PathArguments.MailFrom mailFrom = PathArguments.parseMailFrom(command.argument());
        if (mailFrom.declaredSize().orElse(0) > config.maxMessageSize()) {
            log.info("session={} reject: MAIL from {}: {}; from=<{}> size={}", id, client,
                    Replies.MESSAGE_TOO_BIG, mailFrom.sender().map(MailAddress::toString).orElse(""),
                    mailFrom.declaredSize().getAsLong());
            connection.reply(Replies.MESSAGE_TOO_BIG);
            return;
        }
        transaction = new Transaction(mailFrom.sender());
        connection.reply(Replies.SENDER_OK);
    }

    private void rcpt(Command command) throws IOException, CommandRejectedException {
        Transaction current = transaction;
        if (current == null) {
            throw new CommandRejectedException(Replies.NEED_MAIL);
        }
        MailAddress recipient = PathArguments.parseRcptTo(command.argument(), config.hostname());
        RecipientVerdict verdict = current.recipients().size() >= config.maxRecipients()
                ? RecipientVerdict.refuse(Replies.TOO_MANY_RECIPIENTS, recipient)
                : checkRecipient(current, recipient);
        if (verdict.accepted()) {
            current.addRecipient(verdict.recipient(), recipient);
        } else {
            log.info("session={} reject: RCPT from {}: {}; from=<{}> to=<{}>", id, client, verdict.reply(),
                    current.senderText(), recipient);
        }
        connection.reply(verdict.reply());
    }

    private RecipientVerdict checkRecipient(Transaction current, MailAddress recipient) {
        try {
            return handler.checkRecipient(clientInfo(), current.sender(), recipient);
        } catch (RuntimeException e) {
            log.error("session={} checking recipient <{}> failed", id, recipient, e);
            return RecipientVerdict.refuse(Replies.LOCAL_ERROR, recipient);
        }
    }

    private void data(Command command) throws IOException, CommandRejectedException {
        requireNoArgument(command, "DATA");
        Transaction current = transaction;
        if (current == null) {
            throw new CommandRejectedException(Replies.NEED_MAIL);
        }
        if (current.recipients().isEmpty()) {
            throw new CommandRejectedException(Replies.NO_VALID_RECIPIENTS);
        }
        connection.replyPlain(354, List.of("Start mail input; end with <CRLF>.<CRLF>"));
        SmtpReply reply = receiveMessage(new Envelope(current.sender(), current.recipients(), clientInfo(),
                current.originalRecipients()));
        transaction = null;
        connection.reply(reply);
    }

    /**
     * Streams the message into the handler and decides the reply. Whatever the handler did, we
     * read up to the end of DATA before answering, so the next command is read from the right place.
     */
    private SmtpReply receiveMessage(Envelope envelope) throws IOException {
        SmtpInput input = connection.input();
        input.setDeadline(Instant.now().plus(config.dataTimeout()), "DATA");
        DataContentStream content =
                new DataContentStream(input, config.maxMessageSize(), config.maxDataLineLength());
        String queueId = null;
        Exception handlerFailure = null;
        try {
            queueId = handler.store(envelope, content);
        } catch (Exception e) {
            handlerFailure = e;
        }
        content.discardRemainder();
        input.clearDeadline();

        if (content.violation() != null) {
            SmtpReply reply = content.violation().reply();
            log.info("session={} reject: DATA from {}: {}; from=<{}> to={}", id, client, reply,
                    envelope.senderText(), recipientList(envelope));
            return reply;
        }
        if (handlerFailure instanceof InsufficientStorageException full) {
            log.error("session={} cannot store message from {}: {}", id, client, full.getMessage());
            return Replies.INSUFFICIENT_STORAGE;
        }
        if (handlerFailure != null) {
            log.error("session={} storing message from {} failed", id, client, handlerFailure);
            return Replies.LOCAL_ERROR;
        }
        if (!content.deliveredCompletely()) {
            // A handler bug; the client must retry rather than have a truncated copy delivered.
            log.error("session={} handler stored {} without reading the whole message", id, queueId);
            return Replies.LOCAL_ERROR;
        }
        messages++;
        log.info("session={} client={} helo={} tls={} from=<{}> to={} size={} queued as {}", id, client,
                heloName, connection.tlsProtocol().orElse("none"), envelope.senderText(), recipientList(envelope),
                content.deliveredOctets(), queueId);
        return new SmtpReply(250, "2.0.0", "Ok: queued as " + queueId);
    }

    private void startTls(Command command) throws IOException, CommandRejectedException {
        if (!config.offersStartTls()) {
            throw new CommandRejectedException(Replies.NOT_IMPLEMENTED);
        }
        if (connection.isTls()) {
            throw new CommandRejectedException(Replies.TLS_ALREADY_ACTIVE);
        }
        requireNoArgument(command, "STARTTLS");
        // Anything the client sent after STARTTLS was sent in plain text and would be taken for
        // commands inside TLS (CVE-2011-0411); refuse the upgrade instead.
        if (connection.input().hasPendingBytes()) {
            log.warn("session={} reject: STARTTLS from {}: commands pipelined after STARTTLS", id, client);
            connection.closeWith(Replies.PIPELINED_AFTER_STARTTLS);
            finished = true;
            return;
        }
        connection.reply(Replies.READY_FOR_TLS);
        connection.startTls(config.sslContext(), config.requestClientCertificates());
        // RFC 3207 4.2: forget everything learned before TLS; the client starts over with EHLO.
        heloName = null;
        transaction = null;
        log.info("session={} TLS established with {}: {}", id, client, connection.tlsProtocol().orElseThrow());
    }

    private static void requireNoArgument(Command command, String usage) throws CommandRejectedException {
        if (command.hasArgument()) {
            throw new CommandRejectedException(Replies.syntax(usage));
        }
    }

    private ClientInfo clientInfo() {
        return new ClientInfo(connection.remoteAddress(), heloName, connection.isTls(),
                connection.tlsProtocol().orElse(null), connectedAt, connection.clientCertificates());
    }

    private static String recipientList(Envelope envelope) {
        return envelope.recipients().stream().map(r -> "<" + r + ">").collect(Collectors.joining(","));
    }
}
