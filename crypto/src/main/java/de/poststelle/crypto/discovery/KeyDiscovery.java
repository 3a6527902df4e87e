package de.poststelle.crypto.discovery;

import de.poststelle.core.MailAddress;
import de.poststelle.crypto.pgp.PgpPublicKeyInfo;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Key discovery for a recipient: S/MIME certificates from LDAP directories and OpenPGP keys from
 * the recipient domain's Web Key Directory, each result cached.
 *
 * <p>Everything found is a <em>candidate</em> only. The key store decides: a certificate is used
 * only if it chains to a trusted CA and is not revoked; an OpenPGP key only after an admin has
 * approved its fingerprint.
 */
public final class KeyDiscovery {

    private final LdapCertificateLookup ldap;
    private final Optional<WkdLookup> wkd;
    private final DiscoveryCache<MailAddress, X509Certificate> certificates;
    private final DiscoveryCache<MailAddress, PgpPublicKeyInfo> pgpKeys;

    /**
     * @param found how long a found certificate or key is remembered
     * @param notFound how long "nothing found" is remembered (shorter: the key may appear, the server may be back)
     * @param wkd empty: Web Key Directories are not asked
     */
    public KeyDiscovery(LdapCertificateLookup ldap, Optional<WkdLookup> wkd, Clock clock, Duration found, Duration notFound) {
        this.ldap = ldap;
        this.wkd = wkd;
        this.certificates = new DiscoveryCache<>(clock, found, notFound);
        this.pgpKeys = new DiscoveryCache<>(clock, found, notFound);
    }

    /** Certificate candidates for {@code address} from the configured LDAP directories. */
    public List<X509Certificate> certificates(MailAddress address) {
        return certificates.get(address, ldap::find);
    }

    /** OpenPGP key candidates for {@code address} from its Web Key Directory, if those are asked. */
    public List<PgpPublicKeyInfo> pgpKeys(MailAddress address) {
        return wkd.map(lookup -> pgpKeys.get(address, lookup::find)).orElse(List.of());
    }
}
