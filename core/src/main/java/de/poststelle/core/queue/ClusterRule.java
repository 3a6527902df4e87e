package de.poststelle.core.queue;

import de.poststelle.core.MailAddress;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which tenant domain decides the gateway cluster that works a mail: for mail to a served domain
 * (inbound) the recipient's domain, the first served one in envelope order; otherwise (outbound)
 * the sender's domain if it is served. Mail of no served domain has none and runs in the default
 * cluster. The inbound SMTP server and the queue apply the same rule, so a node accepts only mail
 * its own cluster works.
 */
public final class ClusterRule {

    private ClusterRule() {
    }

    /** The deciding domain's name, if any; {@code served} says whether a (lower-case) domain is a tenant domain. */
    public static Optional<String> decidingDomain(Optional<MailAddress> sender, List<MailAddress> recipients,
                                                  Predicate<String> served) {
        for (MailAddress recipient : recipients) {
            if (served.test(recipient.domain())) {
                return Optional.of(recipient.domain());
            }
        }
        return sender.map(MailAddress::domain).filter(served);
    }
}
