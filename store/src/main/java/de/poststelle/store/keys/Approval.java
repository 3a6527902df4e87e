package de.poststelle.store.keys;

/** An admin's decision on an OpenPGP public key: only APPROVED keys are used to encrypt. */
public enum Approval {
    PENDING, APPROVED, REJECTED, REVOKED
}
