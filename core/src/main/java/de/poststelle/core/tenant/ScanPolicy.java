package de.poststelle.core.tenant;

import de.poststelle.core.MailAddress;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a tenant wants when the virus scan finds something or cannot scan.
 *
 * @param failOpen        deliver mail unscanned while the scanner fails, instead of keeping it queued;
 *                        weakens protection, so only an operator may switch it on
 * @param notifySender    bounce to the sender when a mail is quarantined; tenants may switch it off
 *                        because malware usually carries a forged sender (backscatter)
 * @param alertRecipients who gets a notice of every quarantined mail, e.g. the tenant's IT security team
 */
public record ScanPolicy(boolean failOpen, boolean notifySender, List<MailAddress> alertRecipients) {

    /** Fail closed, tell the sender, alert nobody: the policy of a tenant that set none. */
    public static final ScanPolicy DEFAULT = new ScanPolicy(false, true, List.of());

    public ScanPolicy {
        alertRecipients = List.copyOf(new LinkedHashSet<>(alertRecipients));
    }

    /**
     * The policy for a mail that concerns several tenants (sender's and recipients'): the strictest
     * of theirs. It fails open only if every one of them chose so, the sender is told unless one of
     * them objects, and all their alert recipients are told. No tenant: {@link #DEFAULT}.
     */
    public static ScanPolicy strictest(Collection<ScanPolicy> policies) {
        if (policies.isEmpty()) {
            return DEFAULT;
        }
        Set<MailAddress> alerts = new LinkedHashSet<>();
        policies.forEach(policy -> alerts.addAll(policy.alertRecipients()));
        return new ScanPolicy(policies.stream().allMatch(ScanPolicy::failOpen),
                policies.stream().allMatch(ScanPolicy::notifySender), List.copyOf(alerts));
    }
}
