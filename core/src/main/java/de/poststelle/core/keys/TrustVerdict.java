package de.poststelle.core.keys;

/**
 * Whether a certificate chain is trusted by a tenant right now: it chains to one of the tenant's
 * trusted CAs, every certificate is within its validity, and none is revoked (or revocation could not
 * be checked and the tenant accepts that). {@code reason} says why in words an admin understands.
 */
public record TrustVerdict(boolean trusted, String reason) {

    public static TrustVerdict trusted(String reason) {
        return new TrustVerdict(true, reason);
    }

    public static TrustVerdict untrusted(String reason) {
        return new TrustVerdict(false, reason);
    }
}
