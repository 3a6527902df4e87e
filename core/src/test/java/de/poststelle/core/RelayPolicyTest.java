package de.poststelle.core;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RelayPolicyTest {

    private final ServedDomain behoerde = new ServedDomain("behoerde.example", "t1",
            NextHop.of("mail.behoerde.example", 25, TlsMode.REQUIRED), List.of(CidrRange.parse("10.1.0.0/16")));
    private final RelayPolicy policy = new RelayPolicy(new DomainDirectory() {
        public Optional<ServedDomain> find(String domain) {
            return domain.equals(behoerde.name()) ? Optional.of(behoerde) : Optional.empty();
        }

        public Collection<ServedDomain> all() {
            return List.of(behoerde);
        }
    });

    private static ClientInfo from(String ip) throws Exception {
        return new ClientInfo(InetAddress.getByName(ip), "client", false, null, Instant.EPOCH);
    }

    private static Optional<MailAddress> sender(String address) {
        return Optional.of(MailAddress.parse(address));
    }

    @Test
    void mailForAServedDomainIsAcceptedFromAnywhere() throws Exception {
        assertThat(policy.checkRecipient(from("203.0.113.9"), sender("buerger@web.example"),
                MailAddress.parse("poststelle@behoerde.example")).isPositive()).isTrue();
    }

    @Test
    void allowedSendingServerMayRelayForItsDomain() throws Exception {
        assertThat(policy.checkRecipient(from("10.1.2.3"), sender("amt@behoerde.example"),
                MailAddress.parse("buerger@web.example")).isPositive()).isTrue();
    }

    @Test
    void nobodyElseMayRelay() throws Exception {
        MailAddress outside = MailAddress.parse("buerger@web.example");
        assertThat(policy.checkRecipient(from("203.0.113.9"), sender("amt@behoerde.example"), outside))
                .isEqualTo(new SmtpReply(550, "5.7.1", "Relaying denied"));
        assertThat(policy.checkRecipient(from("10.1.2.3"), sender("someone@web.example"), outside).isPositive())
                .as("allowed server, but sender domain not served").isFalse();
        assertThat(policy.checkRecipient(from("203.0.113.9"), Optional.empty(), outside).isPositive())
                .as("bounce from outside").isFalse();
        assertThat(policy.checkRecipient(from("10.1.2.3"), Optional.empty(), outside).isPositive())
                .as("bounce from a tenant server").isTrue();
    }

    @Test
    void cidrRangesMatchByPrefix() throws Exception {
        assertThat(CidrRange.parse("10.1.0.0/16").contains(InetAddress.getByName("10.1.255.1"))).isTrue();
        assertThat(CidrRange.parse("10.1.0.0/16").contains(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(CidrRange.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThat(CidrRange.parse("192.0.2.1").contains(InetAddress.getByName("192.0.2.2"))).isFalse();
    }
}
