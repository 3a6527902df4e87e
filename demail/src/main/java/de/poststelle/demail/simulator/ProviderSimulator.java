package de.poststelle.demail.simulator;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.InboundMailHandler;
import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.NextHop;
import de.poststelle.core.RecipientOutcome;
import de.poststelle.core.RecipientVerdict;
import de.poststelle.core.Route;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.TlsMode;
import de.poststelle.demail.CertificateAuthentication;
import de.poststelle.smtp.delivery.MxLookup;
import de.poststelle.smtp.delivery.SmtpDeliveryConfig;
import de.poststelle.smtp.delivery.SmtpMailTransport;
import de.poststelle.smtp.server.ServerTlsContexts;
import de.poststelle.smtp.server.SmtpServer;
import de.poststelle.smtp.server.SmtpServerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIMULATES a De-Mail provider (DMDA) for tests and demos; it is NOT one and gives no De-Mail
 * guarantees. It accepts mail only over TLS from a client whose certificate it trusts (the
 * gateway's operator certificate), keeps what it receives in memory, per recipient, and can hand
 * De-Mail to the gateway over TLS with its own client certificate, as a provider would. Once told
 * where the gateway is ({@link #returnNoticesTo}), it answers each De-Mail it takes with the
 * confirmations requested and, for recipients whose local part starts with {@code unzustellbar},
 * a "delivery failed" notice instead of keeping the mail.
 */
public final class ProviderSimulator implements AutoCloseable {

    private static final SmtpReply CERTIFICATE_REQUIRED = new SmtpReply(530, "5.7.0",
            "Only the gateway's authenticated connection may submit De-Mail");

    private final SimulatorPki pki;
    private static final Logger log = LoggerFactory.getLogger(ProviderSimulator.class);
    private static final String UNDELIVERABLE_PREFIX = "unzustellbar";

    private final Mailboxes mailboxes;
    private volatile NextHop gateway;
    private final SmtpServer server;
    private final SmtpMailTransport transport =
            new SmtpMailTransport(SmtpDeliveryConfig.defaults("dmda.simulated.test"), ProviderSimulator::noMx);

    private ProviderSimulator(SimulatorPki pki, CertificateAuthentication gateway, SmtpServerConfig config) {
        this.pki = pki;
        this.mailboxes = new Mailboxes(gateway);
        this.server = new SmtpServer(config, mailboxes);
    }

    /** Starts on loopback; port 0 picks a free one. */
    public static ProviderSimulator start(SimulatorPki pki, int port) throws IOException, GeneralSecurityException {
        SmtpServerConfig config = SmtpServerConfig.builder("dmda.simulated.test")
                .bindAddress(InetAddress.getLoopbackAddress())
                .port(port)
                .sslContext(ServerTlsContexts.fromPkcs12(pki.providerCertificate().pkcs12File(),
                        pki.password().toCharArray()))
                .requestClientCertificates(true)
                .build();
        ProviderSimulator simulator = new ProviderSimulator(pki,
                CertificateAuthentication.fromTrustStore(pki.providerTrust().pkcs12File(), pki.password()), config);
        simulator.server.start();
        return simulator;
    }

    private static MxLookup noMx(String domain) {
        throw new UnsupportedOperationException("the simulator delivers only to the gateway it is given");
    }

    public int port() {
        return server.port();
    }

    /** The throwaway identities of simulator and gateway. */
    public SimulatorPki pki() {
        return pki;
    }

    /** What reached one De-Mail mailbox, oldest first, as raw RFC 5322 messages. */
    public List<String> mailbox(MailAddress address) {
        return mailboxes.received.getOrDefault(address, List.of()).stream()
                .map(raw -> new String(raw, StandardCharsets.UTF_8)).toList();
    }

    /** When each recipient was taken, one entry per recipient, in order: to see how fast mail arrives. */
    public List<Instant> recipientArrivals() {
        return List.copyOf(mailboxes.arrivals);
    }

    /**
     * Hands a De-Mail to the gateway at {@code host:port} as the provider does: STARTTLS with the
     * provider's client certificate. Returns the gateway's answer per recipient.
     */
    public List<RecipientOutcome> deliverToGateway(String host, int port, MailAddress from, List<MailAddress> to,
                                                   String rawMessage) {
        return hand(gatewayAt(host, port), Optional.of(from), to, rawMessage);
    }

    /** Where confirmations and notices go from now on: the gateway's SMTP server. */
    public void returnNoticesTo(String host, int port) {
        gateway = gatewayAt(host, port);
    }

    private NextHop gatewayAt(String host, int port) {
        return new NextHop(host, port, TlsMode.REQUIRED, Optional.of(pki.providerCertificate()));
    }

    private List<RecipientOutcome> hand(NextHop to, Optional<MailAddress> from, List<MailAddress> recipients,
                                        String rawMessage) {
        return transport.deliver(new Route.Direct(to), from, recipients,
                MessageSource.ofBytes(rawMessage.getBytes(StandardCharsets.UTF_8)));
    }

    /** After the 250, as a provider would: notices never hold up the gateway's delivery. */
    private void sendNotices(byte[] message, List<String> undeliverable) {
        NextHop to = gateway;
        if (to == null) {
            return;
        }
        Thread.ofVirtual().name("simulator-notices").start(() -> {
            for (Notices.Notice notice : Notices.forMessage(message, undeliverable)) {
                List<RecipientOutcome> outcomes = hand(to, Optional.empty(), List.of(MailAddress.parse(notice.to())),
                        notice.rawMessage());
                log.info("simulated {} to <{}>: {}", notice.kind(), notice.to(), outcomes.getFirst().reply());
            }
        });
    }

    @Override
    public void close() {
        server.close();
        transport.close();
    }

    /** Takes mail from the authenticated gateway only and keeps it per recipient. */
    private final class Mailboxes implements InboundMailHandler {

        private final CertificateAuthentication gateway;
        private final Map<MailAddress, List<byte[]>> received = new ConcurrentHashMap<>();
        private final AtomicInteger sequence = new AtomicInteger();
        private final Queue<Instant> arrivals = new ConcurrentLinkedQueue<>();

        Mailboxes(CertificateAuthentication gateway) {
            this.gateway = gateway;
        }

        @Override
        public RecipientVerdict checkRecipient(ClientInfo client, Optional<MailAddress> sender, MailAddress recipient) {
            return gateway.test(client)
                    ? RecipientVerdict.accept(recipient)
                    : RecipientVerdict.refuse(CERTIFICATE_REQUIRED, recipient);
        }

        @Override
        public String store(Envelope envelope, InputStream content) throws IOException {
            byte[] message = content.readAllBytes();
            List<String> undeliverable = new ArrayList<>();
            for (MailAddress recipient : envelope.recipients()) {
                if (recipient.localPart().toLowerCase(Locale.ROOT).startsWith(UNDELIVERABLE_PREFIX)) {
                    undeliverable.add(recipient.toString());
                } else {
                    received.computeIfAbsent(recipient, r -> new CopyOnWriteArrayList<>()).add(message);
                }
                arrivals.add(Instant.now());
            }
            sendNotices(message, undeliverable);
            return "SIM" + sequence.incrementAndGet();
        }
    }
}
