package de.poststelle.scan;

import de.poststelle.core.Envelope;
import de.poststelle.core.tenant.ScanPolicy;

/** The scan policy for one mail, from the tenants it concerns; asked only when a scan found something or failed. */
@FunctionalInterface
public interface ScanPolicyLookup {

    ScanPolicy policyFor(Envelope envelope);
}
