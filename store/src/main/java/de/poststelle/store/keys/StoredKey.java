package de.poststelle.store.keys;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A key or certificate of a tenant, without its private part (see {@link KeyRepository#privateKey}).
 * {@code addresses}: the sender an own key belongs to (none: the whole tenant), or the e-mail
 * addresses of a recipient's certificate or OpenPGP key, lower-case.
 */
public record StoredKey(long id, long tenantId, KeyKind kind, List<String> addresses, Optional<byte[]> publicData,
                        Optional<byte[]> csr, boolean hasPrivateKey, KeyDescription description, KeySource source,
                        Optional<Approval> approval, Optional<Decision> decision, Optional<Decision> revocation,
                        Decision created) {

    public boolean revoked() {
        return revocation.isPresent();
    }

    /** Addresses compare case-insensitively: certificates and user ids spell them as they like. */
    public static String normalize(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
