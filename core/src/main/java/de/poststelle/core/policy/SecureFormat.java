package de.poststelle.core.policy;

/** The end-to-end formats the gateway encrypts and signs with. */
public enum SecureFormat {
    SMIME,
    PGP
}
