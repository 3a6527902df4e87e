package de.poststelle.crypto.discovery;

import de.poststelle.crypto.keys.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import de.poststelle.core.MailAddress;
import de.poststelle.crypto.smime.TestPki;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Caching of discovery results, with a clock the test moves. */
class KeyDiscoveryTest {

    static final Duration FOUND = Duration.ofHours(24);
    static final Duration NOT_FOUND = Duration.ofMinutes(15);
    static final MailAddress ADDRESS = MailAddress.parse("rsa.user@extern.example");

    static TestPki.Identity rsa;
    static InMemoryDirectoryServer directory;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = new TestPki();
        rsa = pki.rsaUser(ADDRESS.toString());
        directory = TestLdap.server("dc=extern,dc=example", null);
    }

    @AfterAll
    static void stop() {
        directory.shutDown(true);
    }

    @Test
    void aFoundCertificateIsRememberedUntilItsTimeIsUp() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
        KeyDiscovery discovery = discovery(clock);
        directory.add(TestLdap.person("dc=extern,dc=example", "rsa", rsa, "userCertificate;binary"));
        assertThat(discovery.certificates(ADDRESS)).containsExactly(rsa.cert());

        directory.delete("uid=rsa,dc=extern,dc=example");
        clock.advance(FOUND.minusSeconds(1));
        assertThat(discovery.certificates(ADDRESS)).as("still remembered").containsExactly(rsa.cert());
        clock.advance(Duration.ofSeconds(1));
        assertThat(discovery.certificates(ADDRESS)).as("asked again").isEmpty();
    }

    @Test
    void nothingFoundIsRememberedForAShorterTime() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
        KeyDiscovery discovery = discovery(clock);
        MailAddress later = MailAddress.parse("later@extern.example");
        assertThat(discovery.certificates(later)).isEmpty();

        directory.add(TestLdap.person("dc=extern,dc=example", "later",
                new TestPki().ecUser(later.toString()), "userCertificate"));
        clock.advance(NOT_FOUND.minusSeconds(1));
        assertThat(discovery.certificates(later)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(discovery.certificates(later)).hasSize(1);
    }

    @Test
    void theCacheAsksOncePerAddressWhileFresh() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
        DiscoveryCache<String, String> cache = new DiscoveryCache<>(clock, FOUND, NOT_FOUND);
        AtomicInteger asked = new AtomicInteger();

        for (int i = 0; i < 3; i++) {
            assertThat(cache.get("a", k -> {
                asked.incrementAndGet();
                return List.of("key for " + k);
            })).containsExactly("key for a");
        }
        assertThat(asked).hasValue(1);
    }

    private static KeyDiscovery discovery(Clock clock) throws Exception {
        LdapCertificateLookup ldap = new LdapCertificateLookup(List.of(LdapDirectory.anonymous(
                URI.create("ldap://localhost:" + directory.getListenPort()), "dc=extern,dc=example")));
        WkdLookup wkd = new WkdLookup(Duration.ofSeconds(5), clock, SSLContext.getDefault(),
                Optional.of(URI.create("https://localhost:1")));
        return new KeyDiscovery(ldap, Optional.of(wkd), clock, FOUND, NOT_FOUND);
    }
}
