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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIMULATES a De-Mail provider (DMDA) for tests and demos; it is NOT one and gives no De-Mail
 * guarantees. It accepts mail only over TLS from a client whose certificate it trusts (the
 * gateway's operator certificate), keeps what it receives in memory, per recipient, and can hand
 * De-Mail to the gateway over TLS with its own client certificate, as a provider would.
 */
public final class ProviderSimulator implements AutoCloseable {

    private static final SmtpReply CERTIFICATE_REQUIRED = new SmtpReply(530, "5.7.0",
            "Only the gateway's authenticated connection may submit De-Mail");

    private final SimulatorPki pki;
    private final Mailboxes mailboxes;
    private final SmtpServer server;
    private final SmtpMailTransport transport =
            new SmtpMailTransport(SmtpDeliveryConfig.defaults("dmda.simulated.test"), ProviderSimulator::noMx);

    private ProviderSimulator(SimulatorPki pki, Mailboxes mailboxes, SmtpServerConfig config) {
        this.pki = pki;
        this.mailboxes = mailboxes;
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
        Mailboxes mailboxes = new Mailboxes(
                CertificateAuthentication.fromTrustStore(pki.providerTrust().pkcs12File(), pki.password()));
        ProviderSimulator simulator = new ProviderSimulator(pki, mailboxes, config);
        simulator.server.start();
        return simulator;
    }

    private static MxLookup noMx(String domain) {
        throw new UnsupportedOperationException("the simulator delivers only to the gateway it is given");
    }

    public int port() {
        return server.port();
    }

    /** What reached one De-Mail mailbox, oldest first, as raw RFC 5322 messages. */
    public List<String> mailbox(MailAddress address) {
        return mailboxes.received.getOrDefault(address, List.of()).stream()
                .map(raw -> new String(raw, StandardCharsets.UTF_8)).toList();
    }

    /**
     * Hands a De-Mail to the gateway at {@code host:port} as the provider does: STARTTLS with the
     * provider's client certificate. Returns the gateway's answer per recipient.
     */
    public List<RecipientOutcome> deliverToGateway(String host, int port, MailAddress from, List<MailAddress> to,
                                                   String rawMessage) {
        NextHop gateway = new NextHop(host, port, TlsMode.REQUIRED, Optional.of(pki.providerCertificate()));
        return transport.deliver(new Route.Direct(gateway), Optional.of(from), to,
                MessageSource.ofBytes(rawMessage.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        server.close();
        transport.close();
    }

    /** Takes mail from the authenticated gateway only and keeps it per recipient. */
    private static final class Mailboxes implements InboundMailHandler {

        private final CertificateAuthentication gateway;
        private final Map<MailAddress, List<byte[]>> received = new ConcurrentHashMap<>();
        private final AtomicInteger sequence = new AtomicInteger();

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
            envelope.recipients().forEach(recipient ->
                    received.computeIfAbsent(recipient, r -> new CopyOnWriteArrayList<>()).add(message));
            return "SIM" + sequence.incrementAndGet();
        }
    }
}
