package de.poststelle.crypto.discovery;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One LDAP directory to ask for certificates, e.g. a state's or a partner authority's directory.
 *
 * @param url {@code ldap://host:port} or {@code ldaps://host:port} (TLS, verified against the JVM's trust store)
 * @param baseDn where the search starts (subtree)
 * @param bindDn who to bind as; empty for an anonymous search
 * @param password the bind password; ignored without {@code bindDn}
 * @param mailAttribute the attribute that holds the address, usually {@code mail}
 * @param timeout for connecting and for each response
 */
public record LdapDirectory(URI url, String baseDn, Optional<String> bindDn, String password, String mailAttribute,
        Duration timeout) {

    public LdapDirectory {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(baseDn, "baseDn");
        Objects.requireNonNull(bindDn, "bindDn");
        Objects.requireNonNull(mailAttribute, "mailAttribute");
        Objects.requireNonNull(timeout, "timeout");
        if (!"ldap".equalsIgnoreCase(url.getScheme()) && !"ldaps".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("LDAP URL must start with ldap:// or ldaps://: " + url);
        }
    }

    /** An anonymous search by {@code mail} with a 10 second timeout. */
    public static LdapDirectory anonymous(URI url, String baseDn) {
        return new LdapDirectory(url, baseDn, Optional.empty(), "", "mail", Duration.ofSeconds(10));
    }

    boolean tls() {
        return "ldaps".equalsIgnoreCase(url.getScheme());
    }

    int port() {
        return url.getPort() > 0 ? url.getPort() : tls() ? 636 : 389;
    }

    @Override
    public String toString() {
        return url + " (" + baseDn + ")"; // never the password
    }
}
