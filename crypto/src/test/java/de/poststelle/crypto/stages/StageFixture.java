package de.poststelle.crypto.stages;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.DomainSnapshot;
import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.NextHop;
import de.poststelle.core.TlsMode;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The tenant (id 1, domain stadt.example) the stage tests send from and to. */
final class StageFixture {

    static final long TENANT = 1;

    private StageFixture() {
    }

    static DomainSnapshot domains() {
        TenantDomain stadt = new TenantDomain("stadt.example", TENANT, DomainKind.MAIL, Optional.empty(),
                SendDirection.SEND_AND_RECEIVE, Optional.of(new NextHop("127.0.0.1", 2526, TlsMode.OPPORTUNISTIC, Optional.empty())),
                UnmappedPolicy.BOUNCE_ALL, Optional.empty(), List.of());
        return new DomainSnapshot(List.of(stadt), address -> Optional.empty(), email -> Optional.empty());
    }

    static MailContext mail(String sender, String content, String... recipients) throws Exception {
        ClientInfo client = new ClientInfo(InetAddress.getLoopbackAddress(), "client.example", false, null, Instant.EPOCH);
        Envelope envelope = new Envelope(Optional.of(MailAddress.parse(sender)),
                List.of(recipients).stream().map(MailAddress::parse).toList(), client);
        return new MailContext("Q1", envelope, Instant.EPOCH, MessageSource.ofBytes(content.getBytes(StandardCharsets.UTF_8)));
    }

    static String text(MessageSource source) throws IOException {
        try (InputStream in = source.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
