package de.poststelle.store.keys;

/** What a stored key or certificate is for. */
public enum KeyKind {
    /** The tenant's (or one sender's) S/MIME private key with its certificate chain. */
    SMIME_KEY,
    /** The tenant's (or one sender's) OpenPGP secret key. */
    PGP_SECRET,
    /** A CA the tenant trusts for S/MIME. */
    TRUSTED_CA,
    /** A recipient's S/MIME certificate, imported by an admin or harvested from signed mail. */
    RECIPIENT_CERT,
    /** A recipient's OpenPGP public key; used only once an admin approved it. */
    PGP_PUBLIC;

    public boolean isPrivate() {
        return this == SMIME_KEY || this == PGP_SECRET;
    }

    public boolean isPgp() {
        return this == PGP_SECRET || this == PGP_PUBLIC;
    }
}
