package de.poststelle.smtp.server;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.InboundMailHandler;
import de.poststelle.core.MailAddress;
import de.poststelle.core.RecipientVerdict;
import de.poststelle.core.SmtpReply;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps accepted messages in memory; only tests may do that. */
class RecordingHandler implements InboundMailHandler {

    record StoredMessage(String queueId, Envelope envelope, byte[] content) {
        String text() {
            return new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    static final SmtpReply RECIPIENT_OK = new SmtpReply(250, "2.1.5", "Ok");

    final List<StoredMessage> stored = new CopyOnWriteArrayList<>();
    final CountDownLatch storeEntered = new CountDownLatch(1);
    private final Map<String, RecipientVerdict> recipientVerdicts = new ConcurrentHashMap<>();
    private final AtomicInteger queueIds = new AtomicInteger();
    private volatile Exception storeFailure;

    void answerRecipient(String address, SmtpReply reply) {
        recipientVerdicts.put(address, new RecipientVerdict(reply, MailAddress.parse(address)));
    }

    void rewriteRecipient(String address, String to) {
        recipientVerdicts.put(address, RecipientVerdict.accept(MailAddress.parse(to)));
    }

    void failStoringWith(RuntimeException failure) {
        storeFailure = failure;
    }

    void failStoringWith(IOException failure) {
        storeFailure = failure;
    }

    StoredMessage onlyMessage() {
        if (stored.size() != 1) {
            throw new AssertionError("expected one stored message, got " + stored.size());
        }
        return stored.getFirst();
    }

    @Override
    public RecipientVerdict checkRecipient(ClientInfo client, Optional<MailAddress> sender, MailAddress recipient) {
        return recipientVerdicts.getOrDefault(recipient.toString(), new RecipientVerdict(RECIPIENT_OK, recipient));
    }

    @Override
    public String store(Envelope envelope, InputStream content) throws IOException {
        storeEntered.countDown();
        byte[] bytes = read(content);
        switch (storeFailure) {
            case null -> { }
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new AssertionError(storeFailure);
        }
        String queueId = "Q" + queueIds.incrementAndGet();
        stored.add(new StoredMessage(queueId, envelope, bytes));
        return queueId;
    }

    /** How the handler consumes the content; the default reads all of it. */
    byte[] read(InputStream content) throws IOException {
        return content.readAllBytes();
    }
}
