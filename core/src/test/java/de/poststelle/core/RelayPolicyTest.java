package de.poststelle.core;

import de.poststelle.core.tenant.AddressMapping;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RelayPolicyTest {

    private static final long TENANT = 1;
    private static final NextHop SERVER = NextHop.of("mail.behoerde.example", 25, TlsMode.REQUIRED);
    private static final List<CidrRange> TENANT_SERVERS = List.of(CidrRange.parse("10.1.0.0/16"));
    /** Stands for the De-Mail provider's authenticated connection. */
    private static final String PROVIDER = "198.51.100.25";

    private final List<TenantDomain> domains = new ArrayList<>(List.of(
            mailDomain("behoerde.example", TENANT, SendDirection.SEND_AND_RECEIVE)));
    private final List<AddressMapping> mappings = new ArrayList<>();

    private static TenantDomain mailDomain(String name, long tenant, SendDirection direction) {
        return new TenantDomain(name, tenant, DomainKind.MAIL, Optional.empty(), direction,
                direction.receives() ? Optional.of(SERVER) : Optional.empty(), UnmappedPolicy.BOUNCE_ALL,
                Optional.empty(), TENANT_SERVERS);
    }

    private static TenantDomain demailDomain(UnmappedPolicy policy, Optional<MailAddress> catchAll) {
        return new TenantDomain("behoerde.de-mail.de", TENANT, DomainKind.DEMAIL, Optional.empty(),
                SendDirection.SEND_AND_RECEIVE, Optional.empty(), policy, catchAll, TENANT_SERVERS);
    }

    private void replace(TenantDomain domain) {
        domains.removeIf(d -> d.name().equals(domain.name()));
        domains.add(domain);
    }

    private void map(String email, String demail) {
        mappings.add(new AddressMapping(TENANT, MailAddress.parse(email), MailAddress.parse(demail)));
    }

    private RecipientVerdict check(String client, String sender, String recipient) throws Exception {
        DomainSnapshot snapshot = new DomainSnapshot(domains,
                demail -> mappings.stream().filter(m -> m.demail().equals(demail)).findFirst(),
                email -> mappings.stream().filter(m -> m.email().equals(email)).findFirst());
        ClientInfo info = new ClientInfo(InetAddress.getByName(client), "client", false, null, Instant.EPOCH);
        Optional<MailAddress> from = sender.isEmpty() ? Optional.empty() : Optional.of(MailAddress.parse(sender));
        return new RelayPolicy(snapshot, c -> c.address().getHostAddress().equals(PROVIDER))
                .checkRecipient(info, from, MailAddress.parse(recipient));
    }

    @Test
    void mailForAServedDomainIsAcceptedFromAnywhereForTheAddressGiven() throws Exception {
        RecipientVerdict verdict = check("203.0.113.9", "buerger@web.example", "Poststelle@Behoerde.example");
        assertThat(verdict.reply()).isEqualTo(new SmtpReply(250, "2.1.5", "Recipient ok"));
        assertThat(verdict.recipient()).hasToString("Poststelle@behoerde.example");
    }

    @Test
    void allowedSendingServerMayRelayForItsDomain() throws Exception {
        assertThat(check("10.1.2.3", "amt@behoerde.example", "buerger@web.example").accepted()).isTrue();
    }

    @Test
    void nobodyElseMayRelay() throws Exception {
        assertThat(check("203.0.113.9", "amt@behoerde.example", "buerger@web.example").reply())
                .isEqualTo(new SmtpReply(550, "5.7.1", "Relaying denied"));
        assertThat(check("10.1.2.3", "someone@web.example", "buerger@web.example").accepted())
                .as("allowed server, but sender domain not served").isFalse();
        assertThat(check("203.0.113.9", "", "buerger@web.example").accepted()).as("bounce from outside").isFalse();
        assertThat(check("10.1.2.3", "", "buerger@web.example").accepted()).as("bounce from a tenant server").isTrue();
    }

    @Test
    void aReceiveOnlyDomainMayNotSendOutEvenFromItsOwnServers() throws Exception {
        replace(mailDomain("behoerde.example", TENANT, SendDirection.RECEIVE_ONLY));
        assertThat(check("10.1.2.3", "amt@behoerde.example", "buerger@web.example").reply()).isEqualTo(new SmtpReply(
                550, "5.7.1", "Relaying denied: behoerde.example sends no mail through this gateway"));
        assertThat(check("203.0.113.9", "amt@behoerde.example", "buerger@web.example").reply())
                .as("a stranger learns nothing about the domain").isEqualTo(RelayPolicy.RELAY_DENIED);
        assertThat(check("10.1.2.3", "", "buerger@web.example").accepted())
                .as("nor may its servers send bounces out").isFalse();
        assertThat(check("203.0.113.9", "buerger@web.example", "amt@behoerde.example").accepted())
                .as("it still receives").isTrue();
    }

    @Test
    void aSendOnlyDomainReceivesNoMailButMaySendOut() throws Exception {
        replace(mailDomain("behoerde.example", TENANT, SendDirection.SEND_ONLY));
        assertThat(check("203.0.113.9", "buerger@web.example", "amt@behoerde.example").reply()).isEqualTo(
                new SmtpReply(550, "5.7.1", "behoerde.example receives no mail through this gateway"));
        assertThat(check("10.1.2.3", "amt@behoerde.example", "buerger@web.example").accepted()).isTrue();
    }

    @Test
    void aMappedDeMailAddressIsRewrittenToItsInternalAddressIgnoringCase() throws Exception {
        replace(demailDomain(UnmappedPolicy.BOUNCE_ALL, Optional.empty()));
        map("Max.Muster@behoerde.example", "max.muster@behoerde.de-mail.de");
        RecipientVerdict verdict = check(PROVIDER, "buerger@web.example", "MAX.Muster@Behoerde.De-Mail.de");
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.recipient()).hasToString("max.muster@behoerde.example");
    }

    @Test
    void deMailFromAnyoneButTheProviderIsRefusedEvenForAMappedAddress() throws Exception {
        replace(demailDomain(UnmappedPolicy.CATCH_ALL, Optional.of(MailAddress.parse("sammel@behoerde.example"))));
        map("max.muster@behoerde.example", "max.muster@behoerde.de-mail.de");
        assertThat(check("203.0.113.9", "buerger@web.example", "max.muster@behoerde.de-mail.de").reply())
                .isEqualTo(RelayPolicy.NOT_THE_DEMAIL_PROVIDER);
        assertThat(check("10.1.2.3", "amt@behoerde.example", "niemand@behoerde.de-mail.de").reply())
                .as("not even the tenant's own server").isEqualTo(RelayPolicy.NOT_THE_DEMAIL_PROVIDER);
    }

    @Test
    void anUnmappedDeMailAddressIsRefusedUnderBounceAll() throws Exception {
        replace(demailDomain(UnmappedPolicy.BOUNCE_ALL, Optional.empty()));
        assertThat(check(PROVIDER, "buerger@web.example", "niemand@behoerde.de-mail.de").reply())
                .isEqualTo(new SmtpReply(550, "5.1.1", "No such De-Mail mailbox"));
    }

    @Test
    void anUnmappedDeMailAddressGoesToTheCatchAllMailboxUnderCatchAll() throws Exception {
        replace(demailDomain(UnmappedPolicy.CATCH_ALL, Optional.of(MailAddress.parse("sammel@behoerde.example"))));
        RecipientVerdict verdict = check(PROVIDER, "buerger@web.example", "niemand@behoerde.de-mail.de");
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.recipient()).hasToString("sammel@behoerde.example");
    }

    @Test
    void aDeMailAddressIsRefusedWhenItsMailboxLiesWhereTheTenantReceivesNoMail() throws Exception {
        replace(demailDomain(UnmappedPolicy.CATCH_ALL, Optional.of(MailAddress.parse("sammel@fremd.example"))));
        domains.add(mailDomain("fremd.example", TENANT + 1, SendDirection.SEND_AND_RECEIVE));
        domains.add(mailDomain("ausgang.example", TENANT, SendDirection.SEND_ONLY));
        map("a@ausgang.example", "a@behoerde.de-mail.de");
        SmtpReply unreachable = new SmtpReply(550, "5.2.1", "De-Mail mailbox cannot receive mail");
        assertThat(check(PROVIDER, "", "niemand@behoerde.de-mail.de").reply())
                .as("catch-all in another tenant's domain").isEqualTo(unreachable);
        assertThat(check(PROVIDER, "", "a@behoerde.de-mail.de").reply())
                .as("mapped into a send-only domain").isEqualTo(unreachable);
    }

    @Test
    void mappingsAreAskedOncePerSnapshot() {
        List<MailAddress> asked = new ArrayList<>();
        DomainSnapshot snapshot = new DomainSnapshot(domains, demail -> {
            asked.add(demail);
            return Optional.empty();
        }, email -> Optional.empty());
        snapshot.mappingOf(MailAddress.parse("A@behoerde.de-mail.de"));
        snapshot.mappingOf(MailAddress.parse("a@BEHOERDE.de-mail.de"));
        assertThat(asked).containsExactly(MailAddress.parse("a@behoerde.de-mail.de"));
    }

    @Test
    void cidrRangesMatchByPrefix() throws Exception {
        assertThat(CidrRange.parse("10.1.0.0/16").contains(InetAddress.getByName("10.1.255.1"))).isTrue();
        assertThat(CidrRange.parse("10.1.0.0/16").contains(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(CidrRange.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThat(CidrRange.parse("192.0.2.1").contains(InetAddress.getByName("192.0.2.2"))).isFalse();
    }

    @Test
    void cidrRangesAreEqualByContent() {
        assertThat(CidrRange.parse("10.1.0.0/16")).isEqualTo(CidrRange.parse("10.1.0.0/16"))
                .hasSameHashCodeAs(CidrRange.parse("10.1.0.0/16")).isNotEqualTo(CidrRange.parse("10.1.0.0/17"));
    }
}
