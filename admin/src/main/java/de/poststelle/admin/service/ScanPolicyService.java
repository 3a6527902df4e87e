package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.core.MailAddress;
import de.poststelle.core.tenant.Permission;
import de.poststelle.core.tenant.ScanPolicy;
import de.poststelle.store.tenant.ScanPolicyRepository;
import de.poststelle.store.tenant.TenantRepository;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A tenant's virus scan policy. Its technical admin decides who is told about quarantined mail;
 * delivering unscanned mail while the scanner is down weakens everyone's protection, so only an
 * operator switches fail-open on or off.
 */
@Transactional
public class ScanPolicyService {

    public static final int MAX_ALERT_RECIPIENTS = 10;

    private final ScanPolicyRepository policies;
    private final TenantRepository tenants;
    private final AccessControl access;
    private final AuditTrail audit;

    public ScanPolicyService(ScanPolicyRepository policies, TenantRepository tenants, AccessControl access,
                             AuditTrail audit) {
        this.policies = policies;
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public ScanPolicy get(Actor actor, long tenantId) {
        access.require(actor, Permission.VIEW_TENANT, tenantId);
        ExistingTenants.require(tenants, tenantId);
        return policies.find(tenantId);
    }

    public ScanPolicy update(Actor actor, long tenantId, ScanPolicy after) {
        access.require(actor, Permission.MANAGE_DELIVERY, tenantId);
        ExistingTenants.require(tenants, tenantId);
        if (after.alertRecipients().size() > MAX_ALERT_RECIPIENTS) {
            throw new IllegalArgumentException("at most " + MAX_ALERT_RECIPIENTS + " alert recipients");
        }
        ScanPolicy before = policies.find(tenantId);
        if (after.failOpen() != before.failOpen()) {
            access.requireOperator(actor);
        }
        policies.save(tenantId, after);
        audit.record(actor, tenantId, Permission.MANAGE_DELIVERY, "scan-policy.update", "tenant " + tenantId,
                "before: " + describe(before) + "; after: " + describe(after));
        return after;
    }

    /** Reads addresses as an admin typed them; a refusal names the address it is about. */
    public static List<MailAddress> parseAlertRecipients(Collection<String> addresses) {
        return addresses.stream().map(String::strip).filter(address -> !address.isEmpty()).map(address -> {
            try {
                return MailAddress.parse(address);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a mail address: " + address + " (" + e.getMessage() + ")");
            }
        }).toList();
    }

    private static String describe(ScanPolicy policy) {
        return (policy.failOpen() ? "FAIL-OPEN" : "fail-closed") + ", sender " + (policy.notifySender() ? "told" : "not told")
                + ", alerts to " + (policy.alertRecipients().isEmpty() ? "nobody"
                : policy.alertRecipients().stream().map(MailAddress::toString).collect(Collectors.joining(", ")));
    }
}
