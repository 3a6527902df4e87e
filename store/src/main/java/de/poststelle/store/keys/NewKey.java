package de.poststelle.store.keys;

import java.util.List;
import java.util.Optional;

/**
 * A key to store. {@code privateKey} is the plain private key (PKCS#8 or OpenPGP secret key); the
 * repository seals it before it reaches the database. {@code addresses}: see {@link StoredKey}.
 */
public record NewKey(long tenantId, KeyKind kind, List<String> addresses, Optional<byte[]> publicData,
                     Optional<byte[]> csr, Optional<byte[]> privateKey, KeyDescription description, KeySource source,
                     Optional<Approval> approval, String createdBy) {

    public NewKey {
        addresses = addresses.stream().map(StoredKey::normalize).distinct().toList();
        if (kind.isPrivate() != privateKey.isPresent()) {
            throw new IllegalArgumentException(kind + (kind.isPrivate() ? " needs" : " must not have") + " a private key");
        }
    }

    /** The same key bound to {@code address} only, whatever other addresses its certificate or user ids name. */
    public NewKey onlyFor(String address) {
        return new NewKey(tenantId, kind, List.of(address), publicData, csr, privateKey, description, source, approval,
                createdBy);
    }
}
