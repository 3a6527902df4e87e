package de.poststelle.core.policy;

/** Where the pipeline reads a tenant's policy; implemented by the store. */
@FunctionalInterface
public interface PolicySource {

    /** The tenant's policy; {@link TenantPolicy#defaults()} when nothing is configured. */
    TenantPolicy policyOf(long tenantId);
}
