package de.poststelle.crypto.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import de.poststelle.core.MailAddress;
import de.poststelle.crypto.smime.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against UnboundID's in-memory directory server: the real LDAP protocol over a socket. */
class LdapCertificateLookupTest {

    static TestPki.Identity rsa;
    static TestPki.Identity ec;
    static TestPki.Identity partner;
    static InMemoryDirectoryServer open;
    static InMemoryDirectoryServer protectedDirectory;

    @BeforeAll
    static void directories() throws Exception {
        TestPki pki = new TestPki();
        rsa = pki.rsaUser("rsa.user@extern.example");
        ec = pki.ecUser("ec.user@extern.example");
        partner = pki.ecUser("partner@amt.example");

        open = TestLdap.server("dc=extern,dc=example", null);
        open.add(TestLdap.person("dc=extern,dc=example", "rsa", rsa, "userCertificate;binary"));
        open.add(TestLdap.person("dc=extern,dc=example", "ec", ec, "userCertificate"));

        protectedDirectory = TestLdap.server("dc=amt,dc=example", "secret");
        protectedDirectory.add(TestLdap.person("dc=amt,dc=example", "partner", partner, "userCertificate;binary"));
    }

    @AfterAll
    static void stop() {
        open.shutDown(true);
        protectedDirectory.shutDown(true);
    }

    static LdapDirectory anonymous(InMemoryDirectoryServer server, String base) {
        return LdapDirectory.anonymous(URI.create("ldap://localhost:" + server.getListenPort()), base);
    }

    static LdapDirectory withBind(String password) {
        return new LdapDirectory(URI.create("ldap://localhost:" + protectedDirectory.getListenPort()),
                "dc=amt,dc=example", Optional.of("cn=Gateway,dc=amt,dc=example"), password, "mail",
                Duration.ofSeconds(10));
    }

    @Test
    void findsCertificatesInBothAttributeForms() {
        LdapCertificateLookup lookup = new LdapCertificateLookup(List.of(anonymous(open, "dc=extern,dc=example")));

        assertThat(lookup.find(MailAddress.parse("rsa.user@extern.example"))).containsExactly(rsa.cert());
        assertThat(lookup.find(MailAddress.parse("ec.user@extern.example"))).containsExactly(ec.cert());
        assertThat(lookup.find(MailAddress.parse("nobody@extern.example"))).isEmpty();
    }

    @Test
    void asksEveryDirectoryAndBindsWhereConfigured() {
        LdapCertificateLookup lookup = new LdapCertificateLookup(List.of(
                anonymous(open, "dc=extern,dc=example"), withBind("secret")));

        assertThat(lookup.find(MailAddress.parse("partner@amt.example"))).containsExactly(partner.cert());
    }

    @Test
    void aFilterCharacterInTheAddressMatchesNothingElse() {
        LdapCertificateLookup lookup = new LdapCertificateLookup(List.of(anonymous(open, "dc=extern,dc=example")));

        assertThat(lookup.find(MailAddress.parse("*@extern.example"))).isEmpty();
    }

    @Test
    void aFailingDirectoryIsLoggedAndSkipped() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LdapCertificateLookup lookup = new LdapCertificateLookup(List.of(
                LdapDirectory.anonymous(URI.create("ldap://localhost:" + closedPort), "dc=gone,dc=example"),
                withBind("wrong password"),
                anonymous(protectedDirectory, "dc=amt,dc=example"),
                anonymous(open, "dc=extern,dc=example")));

        String log = capturingLog(() -> assertThat(lookup.find(MailAddress.parse("rsa.user@extern.example")))
                .containsExactly(rsa.cert()));
        assertThat(log).contains("LDAP certificate lookup for rsa.user@extern.example in ldap://localhost:" + closedPort)
                .contains("invalid credentials").contains("insufficient access rights");
    }

    /** What was logged (slf4j-simple writes to System.err) while {@code action} ran. */
    static String capturingLog(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
