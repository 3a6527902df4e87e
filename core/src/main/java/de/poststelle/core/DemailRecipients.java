package de.poststelle.core;

import de.poststelle.core.tenant.AddressMapping;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;

import java.util.Optional;

/**
 * Resolves an address of a De-Mail domain to the internal mailbox its mail goes to: the e-mail
 * address it is mapped to, or for an unmapped address the domain's catch-all mailbox (CatchAll)
 * or a refusal (BounceAll). The mailbox must lie in a receiving mail domain of the same tenant, so
 * a stale mapping or a mistyped catch-all can never send a tenant's mail anywhere else.
 */
final class DemailRecipients {

    static final SmtpReply NO_SUCH_MAILBOX = new SmtpReply(550, "5.1.1", "No such De-Mail mailbox");
    static final SmtpReply MAILBOX_UNREACHABLE = new SmtpReply(550, "5.2.1", "De-Mail mailbox cannot receive mail");

    private final DomainDirectory domains;

    DemailRecipients(DomainDirectory domains) {
        this.domains = domains;
    }

    RecipientVerdict resolve(TenantDomain demailDomain, MailAddress recipient) {
        Optional<MailAddress> mailbox = domains.mappingOf(recipient)
                .map(AddressMapping::email)
                .or(() -> demailDomain.unmappedPolicy() == UnmappedPolicy.CATCH_ALL
                        ? demailDomain.catchAllMailbox() : Optional.empty());
        if (mailbox.isEmpty()) {
            return RecipientVerdict.refuse(NO_SUCH_MAILBOX, recipient);
        }
        boolean reachable = domains.find(mailbox.get().domain())
                .filter(domain -> domain.tenantId() == demailDomain.tenantId())
                .filter(domain -> domain.kind() == DomainKind.MAIL && domain.direction().receives())
                .isPresent();
        return reachable ? RecipientVerdict.accept(mailbox.get()) : RecipientVerdict.refuse(MAILBOX_UNREACHABLE, recipient);
    }
}
