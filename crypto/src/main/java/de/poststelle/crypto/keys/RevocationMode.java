package de.poststelle.crypto.keys;

/** What a certificate whose revocation status cannot be learned (CRL and OCSP unreachable) counts as. */
public enum RevocationMode {
    /** Trusted, with a reason that says its revocation status could not be checked. */
    SOFT_FAIL,
    /** Not trusted. */
    HARD_FAIL
}
