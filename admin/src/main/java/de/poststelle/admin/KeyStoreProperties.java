package de.poststelle.admin;

import de.poststelle.crypto.keys.RevocationMode;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The key store under {@code poststelle.keystore}.
 *
 * @param masterKey  seals private keys at rest: Base64 of 32 bytes or the path of a file holding that;
 *                   unset: a key generated at the first start in {@code <data-dir>/keys/master.key}
 * @param revocation whether a certificate whose CRL and OCSP responder cannot be reached counts as
 *                   trusted (SOFT_FAIL) or not (HARD_FAIL)
 * @param trustCache how long a trust verdict (with its revocation check) is reused
 */
@ConfigurationProperties("poststelle.keystore")
public record KeyStoreProperties(String masterKey, RevocationMode revocation, Duration trustCache) {

    public KeyStoreProperties {
        revocation = revocation == null ? RevocationMode.SOFT_FAIL : revocation;
        trustCache = trustCache == null ? Duration.ofHours(1) : trustCache;
    }
}
