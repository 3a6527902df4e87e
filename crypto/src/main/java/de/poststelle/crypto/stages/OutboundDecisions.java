package de.poststelle.crypto.stages;

import de.poststelle.core.DomainDirectory;
import de.poststelle.core.MailAddress;
import de.poststelle.core.policy.EffectivePolicy;
import de.poststelle.core.policy.EncryptionMode;
import de.poststelle.core.policy.OutboundDecision;
import de.poststelle.core.policy.OutboundDecision.Outcome;
import de.poststelle.core.policy.PolicyExplainer;
import de.poststelle.core.policy.PolicySource;
import de.poststelle.core.policy.SecureFormat;
import de.poststelle.core.policy.TenantPolicy;
import de.poststelle.core.tenant.TenantDomain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides per recipient whether outbound mail is encrypted, sent plain or held: the policy says
 * how much encryption is wanted, the protectors say whether a trusted key exists. The preferred
 * format is tried first, then the others.
 */
public final class OutboundDecisions implements PolicyExplainer {

    private final DomainDirectory domains;
    private final PolicySource policies;
    private final Map<SecureFormat, MailProtector> protectors = new LinkedHashMap<>();

    public OutboundDecisions(DomainDirectory domains, PolicySource policies, Collection<MailProtector> protectors) {
        this.domains = domains;
        this.policies = policies;
        protectors.forEach(p -> this.protectors.put(p.format(), p));
    }

    /** The tenant whose domain {@code address} is in. */
    public Optional<Long> tenantOf(MailAddress address) {
        return domains.find(address.domain()).map(TenantDomain::tenantId);
    }

    public boolean isInternal(MailAddress address) {
        return domains.find(address.domain()).isPresent();
    }

    public MailProtector protector(SecureFormat format) {
        return protectors.get(format);
    }

    @Override
    public OutboundDecision explain(long tenantId, MailAddress sender, MailAddress recipient) {
        if (!tenantOf(sender).equals(Optional.of(tenantId))) {
            return notOutbound("the sender " + sender + " is not in a domain of this tenant");
        }
        return decide(tenantId, policies.policyOf(tenantId), sender, recipient, false);
    }

    OutboundDecision decide(long tenantId, TenantPolicy tenantPolicy, MailAddress sender, MailAddress recipient,
                            boolean triggered) {
        if (isInternal(recipient)) {
            return notOutbound("the recipient " + recipient + " is in a domain this gateway serves");
        }
        EffectivePolicy policy = tenantPolicy.resolve(sender, recipient, triggered);
        if (policy.encryption() != EncryptionMode.OFF) {
            for (SecureFormat format : formatsInOrder(policy.format())) {
                MailProtector protector = protectors.get(format);
                Optional<String> key = protector.recipientKey(tenantId, recipient);
                if (key.isPresent()) {
                    Optional<String> signing = policy.sign() ? protector.signingKey(tenantId, sender) : Optional.empty();
                    return new OutboundDecision(Outcome.ENCRYPT, Optional.of(policy), Optional.of(format), key, signing,
                            "a trusted " + format + " key of " + recipient + " is known");
                }
            }
        }
        String noKey = "no trusted key for " + recipient;
        if (policy.encryption() == EncryptionMode.MANDATORY) {
            return new OutboundDecision(Outcome.HOLD, Optional.of(policy), Optional.empty(), Optional.empty(),
                    Optional.empty(), "encryption is mandatory and there is " + noKey);
        }
        SecureFormat signFormat = protectors.containsKey(policy.format()) ? policy.format() : SecureFormat.SMIME;
        Optional<String> signing = policy.sign() && protectors.containsKey(signFormat)
                ? protectors.get(signFormat).signingKey(tenantId, sender) : Optional.empty();
        String why = policy.encryption() == EncryptionMode.OFF ? "encryption is off" : "encryption is opportunistic and there is " + noKey;
        return new OutboundDecision(Outcome.PLAIN, Optional.of(policy), signing.map(s -> signFormat), Optional.empty(),
                signing, policy.sign() && signing.isEmpty() ? why + "; signing is on but there is no signing key for " + sender : why);
    }

    private List<SecureFormat> formatsInOrder(SecureFormat preferred) {
        List<SecureFormat> order = new ArrayList<>();
        if (protectors.containsKey(preferred)) {
            order.add(preferred);
        }
        protectors.keySet().stream().filter(f -> f != preferred).forEach(order::add);
        return order;
    }

    private static OutboundDecision notOutbound(String reason) {
        return new OutboundDecision(Outcome.NOT_OUTBOUND, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), reason);
    }
}
