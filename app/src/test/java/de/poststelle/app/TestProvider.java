package de.poststelle.app;

import de.poststelle.core.MailAddress;
import de.poststelle.core.RecipientOutcome;
import de.poststelle.demail.simulator.ProviderSimulator;
import de.poststelle.demail.simulator.SimulatorPki;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.function.IntSupplier;

/** A simulated De-Mail provider for a test's gateway, both sides identified by throwaway certificates. */
final class TestProvider {

    /** Recipient domain whose addresses the test gateway sends to the provider. */
    static final String DEMAIL_DOMAIN = "de-mail.test";

    private TestProvider() {
    }

    static ProviderSimulator start() throws IOException, GeneralSecurityException {
        return ProviderSimulator.start(SimulatorPki.createIn(Files.createTempDirectory("demail-pki"), "changeit"), 0);
    }

    /** Connects the gateway to {@code provider}, reached at {@code endpointPort} (the provider's, or a proxy's). */
    static void connect(DynamicPropertyRegistry registry, ProviderSimulator provider, IntSupplier endpointPort) {
        SimulatorPki pki = provider.pki();
        registry.add("poststelle.demail.keystore", () -> pki.operatorCertificate().pkcs12File().toString());
        registry.add("poststelle.demail.keystore-password", pki::password);
        registry.add("poststelle.demail.truststore", () -> pki.operatorTrust().pkcs12File().toString());
        registry.add("poststelle.demail.truststore-password", pki::password);
        registry.add("poststelle.demail.domains[0]", () -> DEMAIL_DOMAIN);
        registry.add("poststelle.demail.endpoints.default.host", () -> "127.0.0.1");
        registry.add("poststelle.demail.endpoints.default.port", endpointPort::getAsInt);
    }

    /** A De-Mail from a citizen, handed to the gateway by {@code provider}; the gateway's answer. */
    static RecipientOutcome deliver(ProviderSimulator provider, int gatewayPort, String to, String subject) {
        String from = "buerger@stadt." + DEMAIL_DOMAIN;
        String message = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.replace(' ', '-') + "@dmda.simulated.test>\r\n\r\n"
                + "Sehr geehrte Damen und Herren\r\n";
        return provider.deliverToGateway("127.0.0.1", gatewayPort, MailAddress.parse(from),
                List.of(MailAddress.parse(to)), message).getFirst();
    }
}
