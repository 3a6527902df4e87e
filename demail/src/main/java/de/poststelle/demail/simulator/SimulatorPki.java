package de.poststelle.demail.simulator;

import de.poststelle.core.ClientCertificate;
import de.poststelle.core.ServerTrust;
import de.poststelle.smtp.server.SelfSignedCertificate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

/**
 * Throwaway TLS identities for the gateway ("operator") and the simulated provider, each trusting
 * only the other, created under one directory on first use. A real provider issues the operator's
 * client certificate and publishes its own CA; this stands in for that exchange on one machine.
 */
public record SimulatorPki(Path directory, String password) {

    public static SimulatorPki createIn(Path directory, String password) throws IOException, GeneralSecurityException {
        SimulatorPki pki = new SimulatorPki(directory, password);
        Files.createDirectories(directory);
        pki.identity("operator.p12", "gateway.simulated.test");
        pki.identity("provider.p12", "dmda.simulated.test");
        pki.trusting("operator-trust.p12", "provider.p12");
        pki.trusting("provider-trust.p12", "operator.p12");
        return pki;
    }

    /** The gateway's client certificate towards the provider. */
    public ClientCertificate operatorCertificate() {
        return new ClientCertificate(directory.resolve("operator.p12"), password);
    }

    /** What the gateway trusts: the provider's certificate only. */
    public ServerTrust operatorTrust() {
        return new ServerTrust(directory.resolve("operator-trust.p12"), password);
    }

    public ClientCertificate providerCertificate() {
        return new ClientCertificate(directory.resolve("provider.p12"), password);
    }

    /** What the simulated provider trusts: the operator's certificate only. */
    public ServerTrust providerTrust() {
        return new ServerTrust(directory.resolve("provider-trust.p12"), password);
    }

    private void identity(String file, String hostname) throws IOException, GeneralSecurityException {
        Path path = directory.resolve(file);
        if (!Files.exists(path)) {
            SelfSignedCertificate.create(path, password.toCharArray(), hostname);
        }
    }

    private void trusting(String file, String identityFile) throws IOException, GeneralSecurityException {
        Path path = directory.resolve(file);
        if (Files.exists(path)) {
            return;
        }
        Certificate certificate = load(directory.resolve(identityFile)).getCertificate(SelfSignedCertificate.ALIAS);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trusted", certificate);
        try (OutputStream out = Files.newOutputStream(path)) {
            trust.store(out, password.toCharArray());
        }
    }

    private KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
