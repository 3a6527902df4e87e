package de.poststelle.admin.api;

import de.poststelle.admin.service.ScanPolicyService;
import de.poststelle.core.MailAddress;
import de.poststelle.core.tenant.ScanPolicy;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/**
 * A tenant's virus scan policy. {@code failOpen}: deliver unscanned while the scanner fails (only an
 * operator may change it); {@code notifySender}: bounce to the sender of a quarantined mail;
 * {@code alertRecipients}: addresses told of every quarantined mail (at most 10).
 */
public record ScanPolicyDto(boolean failOpen, boolean notifySender, @NotNull List<String> alertRecipients) {

    ScanPolicy toPolicy() {
        return new ScanPolicy(failOpen, notifySender, ScanPolicyService.parseAlertRecipients(alertRecipients));
    }

    static ScanPolicyDto from(ScanPolicy policy) {
        return new ScanPolicyDto(policy.failOpen(), policy.notifySender(),
                policy.alertRecipients().stream().map(MailAddress::toString).toList());
    }
}
