package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.core.MailAddress;
import de.poststelle.core.policy.CryptoSettings;
import de.poststelle.core.policy.OutboundDecision;
import de.poststelle.core.policy.PolicyExplainer;
import de.poststelle.core.policy.PolicyRule;
import de.poststelle.core.policy.RuleLevel;
import de.poststelle.core.policy.TenantPolicy;
import de.poststelle.core.tenant.Permission;
import de.poststelle.store.policy.PolicyRepository;
import de.poststelle.store.tenant.DomainRepository;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's encryption policy, kept by its technical admin (or an operator): the rules, the
 * triggers and how incoming mail is marked. "Explain" tells any admin of the tenant what would
 * happen to mail from one sender to one recipient, and why.
 */
@Transactional
public class PolicyService {

    private final PolicyRepository policies;
    private final DomainRepository domains;
    private final PolicyExplainer explainer;
    private final AccessControl access;
    private final AuditTrail audit;

    public PolicyService(PolicyRepository policies, DomainRepository domains, PolicyExplainer explainer,
                         AccessControl access, AuditTrail audit) {
        this.policies = policies;
        this.domains = domains;
        this.explainer = explainer;
        this.access = access;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public TenantPolicy get(Actor actor, long tenantId) {
        access.require(actor, Permission.VIEW_TENANT, tenantId);
        return policies.policyOf(tenantId);
    }

    public CryptoSettings updateSettings(Actor actor, long tenantId, CryptoSettings after) {
        access.require(actor, Permission.MANAGE_DELIVERY, tenantId);
        CryptoSettings before = policies.settings(tenantId);
        policies.saveSettings(tenantId, after);
        audit.record(actor, tenantId, Permission.MANAGE_DELIVERY, "encryption-policy.settings", "tenant " + tenantId,
                "before: " + before + "; after: " + after);
        return after;
    }

    /** Creates or replaces the rule for its level and address or domain. */
    public PolicyRule saveRule(Actor actor, long tenantId, PolicyRule rule) {
        access.require(actor, Permission.MANAGE_DELIVERY, tenantId);
        if (rule.tenantId() != tenantId) {
            throw new IllegalArgumentException("the rule belongs to another tenant");
        }
        if (rule.level() == RuleLevel.SENDER || rule.level() == RuleLevel.SENDER_DOMAIN) {
            String domain = rule.match().substring(rule.match().indexOf('@') + 1);
            if (domains.find(domain).filter(d -> d.tenantId() == tenantId).isEmpty()) {
                throw new IllegalArgumentException(domain + " is not one of the tenant's domains");
            }
        }
        String before = policies.find(tenantId, rule.level(), rule.match()).map(PolicyRule::toString).orElse("-");
        policies.save(rule);
        audit.record(actor, tenantId, Permission.MANAGE_DELIVERY, "encryption-policy.rule.save", target(rule.level(),
                rule.match()), "before: " + before + "; after: " + rule);
        return rule;
    }

    public void removeRule(Actor actor, long tenantId, RuleLevel level, String match) {
        access.require(actor, Permission.MANAGE_DELIVERY, tenantId);
        PolicyRule existing = policies.find(tenantId, level, match)
                .orElseThrow(() -> new NotFoundException("no rule for " + target(level, match)));
        policies.delete(tenantId, level, existing.match());
        audit.record(actor, tenantId, Permission.MANAGE_DELIVERY, "encryption-policy.rule.remove",
                target(level, match), existing.toString());
    }

    @Transactional(readOnly = true)
    public OutboundDecision explain(Actor actor, long tenantId, MailAddress sender, MailAddress recipient) {
        access.require(actor, Permission.VIEW_TENANT, tenantId);
        return explainer.explain(tenantId, sender, recipient);
    }

    private static String target(RuleLevel level, String match) {
        return match.isEmpty() ? level.name() : level + " " + match;
    }
}
