package de.poststelle.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path directory;
    private static Path keyStoreFile;
    private static SSLContext serverContext;
    private static SSLContext clientContext;

    @BeforeAll
    static void createCertificate() throws Exception {
        keyStoreFile = directory.resolve("tls/smtp.p12");
        serverContext = ServerTlsContexts.selfSigned(keyStoreFile, PASSWORD, TestServer.HOSTNAME);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            trusted.load(in, PASSWORD);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trust.getTrustManagers(), null);
    }

    @Test
    void upgradeDiscardsEarlierStateAndMailIsMarkedAsTls() throws IOException {
        try (TestServer server = TestServer.start(config -> config.sslContext(serverContext));
             SmtpTestClient client = server.connect()) {
            assertThat(client.command("EHLO client.test").lines()).contains("250 STARTTLS");
            assertThat(client.command("MAIL FROM:<alice@example.org>")).startsWith("250");
            assertThat(client.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
            client.startTls(clientContext);

            assertThat(client.command("MAIL FROM:<alice@example.org>")).startsWith("503 5.5.1");
            assertThat(client.command("EHLO client.test")).doesNotContain("STARTTLS");
            assertThat(client.command("STARTTLS")).startsWith("503 5.5.1");
            client.command("MAIL FROM:<alice@example.org>");
            client.command("RCPT TO:<bob@example.com>");
            client.command("DATA");
            client.send("Subject: secret\r\n\r\nbody\r\n.\r\n");
            assertThat(client.readReply()).startsWith("250 2.0.0");

            RecordingHandler.StoredMessage message = server.handler.onlyMessage();
            assertThat(message.envelope().client().tls()).isTrue();
            assertThat(message.envelope().client().tlsProtocol()).isEqualTo(client.tlsSocket().getSession().getProtocol());
        }
    }

    /** CVE-2011-0411: commands sent in plain text right behind STARTTLS must not run inside TLS. */
    @Test
    void commandsPipelinedAfterStartTlsAreRefused() throws IOException {
        try (TestServer server = TestServer.start(config -> config.sslContext(serverContext));
             SmtpTestClient client = server.connectWithEhlo()) {
            client.send("STARTTLS\r\nMAIL FROM:<mallory@example.org>\r\n");
            assertThat(client.readReply()).startsWith("554 5.5.1");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void angusMailClientDeliversOverStartTls() throws Exception {
        try (TestServer server = TestServer.start(config -> config.sslContext(serverContext))) {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", String.valueOf(server.server.port()));
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
            // Like MTAs among themselves (RFC 7435): trust the self-signed certificate for mx.test.
            properties.put("mail.smtp.ssl.trust", "*");
            properties.put("mail.smtp.ssl.checkserveridentity", "false");
            MimeMessage message = new MimeMessage(Session.getInstance(properties));
            message.setFrom(new InternetAddress("alice@example.org"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
            message.setSubject("over TLS");
            message.setText(".leading dot\nsecond line");
            Transport.send(message);

            RecordingHandler.StoredMessage stored = server.handler.onlyMessage();
            assertThat(stored.envelope().client().tls()).isTrue();
            assertThat(stored.text()).contains("Subject: over TLS", "\r\n.leading dot\r\nsecond line");
        }
    }

    @Test
    void selfSignedKeyStoreIsCreatedOnceAndReused() throws Exception {
        byte[] first = Files.readAllBytes(keyStoreFile);
        ServerTlsContexts.selfSigned(keyStoreFile, PASSWORD, TestServer.HOSTNAME);
        assertThat(Files.readAllBytes(keyStoreFile)).isEqualTo(first);
    }

    @Test
    void pemCertificateAndKeyServeStartTls() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            store.load(in, PASSWORD);
        }
        Path certificate = directory.resolve("cert.pem");
        Path key = directory.resolve("key.pem");
        writePem(certificate, store.getCertificate(SelfSignedCertificate.ALIAS));
        writePem(key, store.getKey(SelfSignedCertificate.ALIAS, PASSWORD));
        SSLContext fromPem = ServerTlsContexts.fromPem(certificate, key);

        try (TestServer server = TestServer.start(config -> config.sslContext(fromPem));
             SmtpTestClient client = server.connectWithEhlo()) {
            client.command("STARTTLS");
            client.startTls(clientContext);
            assertThat(client.command("EHLO client.test")).startsWith("250-mx.test");
        }
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }
}
