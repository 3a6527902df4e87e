package de.poststelle.core.tenant;

import de.poststelle.core.CidrRange;
import de.poststelle.core.MailAddress;
import de.poststelle.core.NextHop;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A (sub)domain of a tenant with everything the gateway needs to carry its mail: where mail for it
 * goes, which servers may send for it, which way mail may flow, and what happens to unmapped
 * De-Mail addresses. Mail for a De-Mail address is rewritten to the mapped internal address and
 * then goes to the receiving server of that address's mail domain, so a De-Mail domain needs no
 * receiving server of its own.
 */
public record TenantDomain(String name, long tenantId, DomainKind kind, Optional<String> cluster,
                           SendDirection direction, Optional<NextHop> receivingServer,
                           UnmappedPolicy unmappedPolicy, Optional<MailAddress> catchAllMailbox,
                           List<CidrRange> allowedSenders) {

    public TenantDomain {
        name = normalizeName(name);
        allowedSenders = List.copyOf(allowedSenders);
        if (unmappedPolicy == UnmappedPolicy.CATCH_ALL && catchAllMailbox.isEmpty()) {
            throw new IllegalArgumentException("CatchAll needs a target mailbox");
        }
        if (kind == DomainKind.MAIL && direction.receives() && receivingServer.isEmpty()) {
            throw new IllegalArgumentException("a mail domain that receives mail needs a receiving server");
        }
    }

    /** Lower-cases and checks a domain name; throws with a reason an admin can act on. */
    public static String normalizeName(String name) {
        String lower = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (lower.length() > 253 || !lower.matches("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+")) {
            throw new IllegalArgumentException("not a valid domain name: " + name);
        }
        return lower;
    }

    public boolean allowsSendingFrom(InetAddress client) {
        return allowedSenders.stream().anyMatch(range -> range.contains(client));
    }
}
