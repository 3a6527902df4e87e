package de.poststelle.core;

import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.TenantDomain;

import java.util.Optional;

/**
 * Decides at RCPT time whether we take responsibility for a recipient, and for which address.
 * Mail for a served domain is accepted from anyone if the domain receives mail; an address of a
 * De-Mail domain is first resolved to the internal mailbox it stands for. Everything else is
 * relayed only for a sender domain that sends mail and only from one of that domain's allowed
 * sending servers, so the gateway is never an open relay.
 */
public final class RelayPolicy {

    static final SmtpReply RELAY_DENIED = new SmtpReply(550, "5.7.1", "Relaying denied");

    private final DomainDirectory domains;
    private final DemailRecipients demailRecipients;

    public RelayPolicy(DomainDirectory domains) {
        this.domains = domains;
        this.demailRecipients = new DemailRecipients(domains);
    }

    public RecipientVerdict checkRecipient(ClientInfo client, Optional<MailAddress> sender, MailAddress recipient) {
        Optional<TenantDomain> served = domains.find(recipient.domain());
        if (served.isPresent()) {
            return inbound(served.get(), recipient);
        }
        return mayRelay(client, sender)
                .map(refusal -> RecipientVerdict.refuse(refusal, recipient))
                .orElseGet(() -> RecipientVerdict.accept(recipient));
    }

    private RecipientVerdict inbound(TenantDomain domain, MailAddress recipient) {
        if (!domain.direction().receives()) {
            return RecipientVerdict.refuse(new SmtpReply(550, "5.7.1",
                    domain.name() + " receives no mail through this gateway"), recipient);
        }
        return domain.kind() == DomainKind.DEMAIL
                ? demailRecipients.resolve(domain, recipient)
                : RecipientVerdict.accept(recipient);
    }

    /** Empty if the client may relay out for this sender, else the refusal. */
    private Optional<SmtpReply> mayRelay(ClientInfo client, Optional<MailAddress> sender) {
        if (sender.isEmpty()) {
            // Bounces (null sender) from a tenant's own sending servers may go out too.
            boolean tenantServer = domains.all().stream()
                    .anyMatch(domain -> domain.direction().sends() && domain.allowsSendingFrom(client.address()));
            return tenantServer ? Optional.empty() : Optional.of(RELAY_DENIED);
        }
        Optional<TenantDomain> senderDomain = domains.find(sender.get().domain())
                .filter(domain -> domain.allowsSendingFrom(client.address()));
        if (senderDomain.isEmpty()) {
            return Optional.of(RELAY_DENIED);
        }
        // Only the domain's own servers learn why: to anyone else this is a plain relay refusal.
        if (!senderDomain.get().direction().sends()) {
            return Optional.of(new SmtpReply(550, "5.7.1",
                    "Relaying denied: " + senderDomain.get().name() + " sends no mail through this gateway"));
        }
        return Optional.empty();
    }
}
