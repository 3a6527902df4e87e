package de.poststelle.core;

import java.util.Optional;

/**
 * Decides at RCPT time whether we take responsibility for a recipient. Mail for served domains is
 * accepted from anyone; everything else is relayed only for a served sender domain and only from
 * that domain's allowed sending servers, so the gateway is never an open relay.
 */
public final class RelayPolicy {

    private static final SmtpReply ACCEPTED = new SmtpReply(250, "2.1.5", "Recipient ok");
    private static final SmtpReply RELAY_DENIED = new SmtpReply(550, "5.7.1", "Relaying denied");

    private final DomainDirectory domains;

    public RelayPolicy(DomainDirectory domains) {
        this.domains = domains;
    }

    public SmtpReply checkRecipient(ClientInfo client, Optional<MailAddress> sender, MailAddress recipient) {
        if (domains.find(recipient.domain()).isPresent()) {
            return ACCEPTED;
        }
        boolean allowed = sender
                .map(address -> domains.find(address.domain())
                        .map(domain -> domain.allowsSendingFrom(client.address()))
                        .orElse(false))
                // Bounces (null sender) from a tenant's own servers may go out too.
                .orElseGet(() -> domains.all().stream().anyMatch(d -> d.allowsSendingFrom(client.address())));
        return allowed ? ACCEPTED : RELAY_DENIED;
    }
}
