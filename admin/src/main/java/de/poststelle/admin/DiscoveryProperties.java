package de.poststelle.admin;

import de.poststelle.crypto.discovery.LdapDirectory;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Key discovery under {@code poststelle.discovery}: where to look for keys of external recipients
 * the key store has none for.
 *
 * @param ldap          directories searched for S/MIME certificates
 * @param wkd           whether the recipient domain's Web Key Directory is asked for OpenPGP keys
 * @param timeout       for connecting to a directory and for each of its answers
 * @param cacheFound    how long a found certificate or key is remembered
 * @param cacheNotFound how long "nothing found" is remembered
 */
@ConfigurationProperties("poststelle.discovery")
public record DiscoveryProperties(List<Ldap> ldap, Wkd wkd, Duration timeout, Duration cacheFound,
                                  Duration cacheNotFound) {

    public DiscoveryProperties {
        ldap = ldap == null ? List.of() : List.copyOf(ldap);
        wkd = wkd == null ? new Wkd(false) : wkd;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        cacheFound = cacheFound == null ? Duration.ofDays(1) : cacheFound;
        cacheNotFound = cacheNotFound == null ? Duration.ofHours(1) : cacheNotFound;
    }

    /** Whether anything is configured to ask. */
    public boolean enabled() {
        return !ldap.isEmpty() || wkd.enabled();
    }

    public List<LdapDirectory> directories() {
        return ldap.stream().map(directory -> directory.toDirectory(timeout)).toList();
    }

    /**
     * @param url          {@code ldap://host:port} or {@code ldaps://host:port}
     * @param baseDn       where the subtree search starts
     * @param bindDn       who to bind as; unset: anonymous
     * @param bindPassword the bind password
     * @param mailAttribute the attribute holding the address
     */
    public record Ldap(URI url, String baseDn, String bindDn, String bindPassword, String mailAttribute) {

        LdapDirectory toDirectory(Duration timeout) {
            return new LdapDirectory(url, baseDn == null ? "" : baseDn,
                    Optional.ofNullable(bindDn).filter(dn -> !dn.isBlank()),
                    bindPassword == null ? "" : bindPassword,
                    mailAttribute == null || mailAttribute.isBlank() ? "mail" : mailAttribute, timeout);
        }
    }

    /** @param enabled ask {@code openpgpkey.<domain>} and {@code <domain>} over HTTPS */
    public record Wkd(boolean enabled) {
    }
}
