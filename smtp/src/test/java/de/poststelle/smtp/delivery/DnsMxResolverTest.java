package de.poststelle.smtp.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

class DnsMxResolverTest {

    private FakeDnsServer dns;
    private DnsMxResolver resolver;

    @BeforeEach
    void start() throws Exception {
        dns = new FakeDnsServer();
        resolver = new DnsMxResolver(dns.address(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void ordersExchangersByPreference() throws Exception {
        dns.add(mx("example.net.", 20, "backup.example.net."));
        dns.add(mx("example.net.", 10, "primary.example.net."));

        assertThat(resolver.lookup("example.net"))
                .isEqualTo(new MxLookup.Hosts(List.of("primary.example.net", "backup.example.net")));
    }

    @Test
    void keepsAllExchangersOfEqualPreference() throws Exception {
        dns.add(mx("example.net.", 10, "a.example.net."));
        dns.add(mx("example.net.", 10, "b.example.net."));
        dns.add(mx("example.net.", 5, "first.example.net."));

        MxLookup.Hosts hosts = (MxLookup.Hosts) resolver.lookup("example.net");

        assertThat(hosts.names().getFirst()).isEqualTo("first.example.net");
        assertThat(hosts.names()).containsExactlyInAnyOrder("first.example.net", "a.example.net", "b.example.net");
    }

    @Test
    void recognisesANullMx() throws Exception {
        dns.add(mx("nomail.example.", 0, "."));

        assertThat(resolver.lookup("nomail.example")).isInstanceOf(MxLookup.NullMx.class);
    }

    @Test
    void fallsBackToTheAddressOfTheDomain() throws Exception {
        dns.add(new ARecord(Name.fromString("implicit.example."), DClass.IN, 300, InetAddress.getByName("192.0.2.1")));

        assertThat(resolver.lookup("implicit.example")).isEqualTo(new MxLookup.Hosts(List.of("implicit.example")));
    }

    @Test
    void treatsADomainWithoutMxAndAddressAsUnroutable() throws Exception {
        dns.add(new TXTRecord(Name.fromString("textonly.example."), DClass.IN, 300, "v=spf1 -all"));

        assertThat(resolver.lookup("textonly.example")).isInstanceOf(MxLookup.NoSuchDomain.class);
    }

    @Test
    void reportsNxdomain() {
        assertThat(resolver.lookup("missing.example")).isInstanceOf(MxLookup.NoSuchDomain.class);
    }

    @Test
    void reportsServfailAsTemporary() throws Exception {
        dns.fail(Name.fromString("broken.example."));

        assertThat(resolver.lookup("broken.example")).isInstanceOf(MxLookup.TemporaryFailure.class);
    }

    private static MXRecord mx(String domain, int preference, String target) throws Exception {
        return new MXRecord(Name.fromString(domain), DClass.IN, 300, preference, Name.fromString(target));
    }
}
