package de.poststelle.core;

import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.TenantDomain;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides at RCPT time whether we take responsibility for a recipient, and for which address.
 * Mail for a served mail domain is accepted from anyone if the domain receives mail. Mail for a
 * De-Mail domain is accepted only from the De-Mail provider's authenticated connection (anyone
 * else could forge De-Mail's legal weight) and is first resolved to the internal mailbox it stands for. Everything else is
 * relayed only for a sender domain that sends mail and only from one of that domain's allowed
 * sending servers, so the gateway is never an open relay.
 */
public final class RelayPolicy {

    static final SmtpReply RELAY_DENIED = new SmtpReply(550, "5.7.1", "Relaying denied");

    static final SmtpReply NOT_THE_DEMAIL_PROVIDER = new SmtpReply(550, "5.7.1",
            "De-Mail is accepted only from the De-Mail provider's authenticated connection");

    private final DomainDirectory domains;
    private final DemailRecipients demailRecipients;
    private final Predicate<ClientInfo> demailProvider;

    /** {@code demailProvider} tells whether a client is the De-Mail provider, authenticated. */
    public RelayPolicy(DomainDirectory domains, Predicate<ClientInfo> demailProvider) {
        this.domains = domains;
        this.demailRecipients = new DemailRecipients(domains);
        this.demailProvider = demailProvider;
    }

    public RecipientVerdict checkRecipient(ClientInfo client, Optional<MailAddress> sender, MailAddress recipient) {
        Optional<TenantDomain> served = domains.find(recipient.domain());
        if (served.isPresent()) {
            return inbound(client, served.get(), recipient);
        }
        return mayRelay(client, sender)
                .map(refusal -> RecipientVerdict.refuse(refusal, recipient))
                .orElseGet(() -> RecipientVerdict.accept(recipient));
    }

    private RecipientVerdict inbound(ClientInfo client, TenantDomain domain, MailAddress recipient) {
        if (!domain.direction().receives()) {
            return RecipientVerdict.refuse(new SmtpReply(550, "5.7.1",
                    domain.name() + " receives no mail through this gateway"), recipient);
        }
        if (domain.kind() != DomainKind.DEMAIL) {
            return RecipientVerdict.accept(recipient);
        }
        return demailProvider.test(client)
                ? demailRecipients.resolve(domain, recipient)
                : RecipientVerdict.refuse(NOT_THE_DEMAIL_PROVIDER, recipient);
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
