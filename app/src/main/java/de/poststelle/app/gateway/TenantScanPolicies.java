package de.poststelle.app.gateway;

import de.poststelle.core.DomainDirectory;
import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.tenant.ScanPolicy;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.scan.ScanPolicyLookup;
import de.poststelle.store.tenant.ScanPolicyRepository;

import java.util.Optional;
import java.util.stream.Stream;

/** The scan policy of a mail: the strictest of the tenants whose domains it comes from or goes to. */
public final class TenantScanPolicies implements ScanPolicyLookup {

    private final DomainDirectory domains;
    private final ScanPolicyRepository policies;

    public TenantScanPolicies(DomainDirectory domains, ScanPolicyRepository policies) {
        this.domains = domains;
        this.policies = policies;
    }

    @Override
    public ScanPolicy policyFor(Envelope envelope) {
        return ScanPolicy.strictest(Stream.concat(envelope.sender().stream(), envelope.recipients().stream())
                .map(MailAddress::domain)
                .map(domains::find)
                .flatMap(Optional::stream)
                .map(TenantDomain::tenantId)
                .distinct()
                .map(policies::find)
                .toList());
    }
}
