package de.poststelle.core.tenant;

import java.util.Optional;

/**
 * What the operator (ITSP) sets for the whole gateway: the terms of use every tenant must accept,
 * the service desk every admin can reach, and the cluster a new domain runs in unless told otherwise.
 */
public record OperatorSettings(Optional<String> currentTermsVersion, Contact supportContact,
                               Optional<String> defaultCluster) {

    /** The same rule as for a tenant's acceptance, so every version set here can be accepted. */
    public static final String TERMS_VERSION_PATTERN = "[A-Za-z0-9._-]{1,32}";

    public OperatorSettings {
        currentTermsVersion = currentTermsVersion.map(String::strip).filter(version -> !version.isEmpty());
        currentTermsVersion.ifPresent(version -> {
            if (!version.matches(TERMS_VERSION_PATTERN)) {
                throw new IllegalArgumentException("terms version must be 1 to 32 letters, digits or . _ -");
            }
        });
        supportContact = supportContact == null ? new Contact("", "", "") : supportContact;
        defaultCluster = defaultCluster.map(String::strip).filter(cluster -> !cluster.isEmpty());
    }

    /** True when terms are required and the tenant has not accepted exactly this version. */
    public boolean termsOutstandingFor(Tenant tenant) {
        return currentTermsVersion.isPresent()
                && !tenant.terms().map(TermsAcceptance::version).equals(currentTermsVersion);
    }
}
