package de.poststelle.crypto.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.OperationType;
import de.poststelle.core.MailAddress;
import de.poststelle.crypto.smime.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
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

        open = server("dc=extern,dc=example", null);
        open.add(person("dc=extern,dc=example", "rsa", rsa, "userCertificate;binary"));
        open.add(person("dc=extern,dc=example", "ec", ec, "userCertificate"));

        protectedDirectory = server("dc=amt,dc=example", "secret");
        protectedDirectory.add(person("dc=amt,dc=example", "partner", partner, "userCertificate;binary"));
    }

    static InMemoryDirectoryServer server(String base, String password) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(base);
        config.setSchema(null); // userCertificate on any entry, as real directories are configured
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        if (password != null) {
            config.addAdditionalBindCredentials("cn=Gateway,dc=amt,dc=example", password);
            config.setAuthenticationRequiredOperationTypes(EnumSet.of(OperationType.SEARCH));
        }
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add(new Entry(base, new Attribute("objectClass", "top", "domain")));
        server.startListening();
        return server;
    }

    static Entry person(String base, String uid, TestPki.Identity id, String attribute) throws Exception {
        return new Entry("uid=" + uid + "," + base,
                new Attribute("objectClass", "top", "person", "inetOrgPerson"),
                new Attribute("uid", uid), new Attribute("cn", uid), new Attribute("sn", uid),
                new Attribute("mail", id.email()), new Attribute(attribute, id.cert().getEncoded()));
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
