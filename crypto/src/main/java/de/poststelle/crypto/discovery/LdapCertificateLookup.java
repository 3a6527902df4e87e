package de.poststelle.crypto.discovery;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import de.poststelle.core.MailAddress;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds S/MIME certificates for an address in LDAP directories (UnboundID LDAP SDK): in each
 * configured directory in turn, a subtree search for entries whose mail attribute equals the
 * address, collecting {@code userCertificate;binary} and {@code userCertificate} values.
 *
 * <p>Discovery only finds <em>candidates</em>. Whether a certificate is trusted (chains to a trusted
 * CA, is not revoked, names the address) is decided by the key store, never here.
 *
 * <p>A directory that cannot be reached, refuses the bind or times out is logged and skipped: the
 * caller gets what the other directories found, never an exception.
 */
public final class LdapCertificateLookup {

    private static final Logger LOG = LoggerFactory.getLogger(LdapCertificateLookup.class);
    /** Enough for any real person; a directory that returns more is misconfigured. */
    private static final int SIZE_LIMIT = 20;
    private static final String[] CERTIFICATE_ATTRIBUTES = {"userCertificate;binary", "userCertificate"};

    private final List<LdapDirectory> directories;
    private final SSLSocketFactory tls;

    /** TLS ({@code ldaps://}) verified against the JVM's default trust store. */
    public LdapCertificateLookup(List<LdapDirectory> directories) {
        this(directories, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    public LdapCertificateLookup(List<LdapDirectory> directories, SSLSocketFactory tls) {
        this.directories = List.copyOf(directories);
        this.tls = tls;
    }

    /** Certificates found for {@code address} in all directories, without duplicates; empty if none. */
    public List<X509Certificate> find(MailAddress address) {
        Set<X509Certificate> found = new LinkedHashSet<>();
        for (LdapDirectory directory : directories) {
            try {
                found.addAll(search(directory, address));
            } catch (LDAPException e) {
                LOG.warn("LDAP certificate lookup for {} in {} failed: {}", address, directory,
                        e.getResultCode() + " " + e.getDiagnosticMessage());
            }
        }
        return List.copyOf(found);
    }

    private List<X509Certificate> search(LdapDirectory directory, MailAddress address) throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) directory.timeout().toMillis());
        options.setResponseTimeoutMillis(directory.timeout().toMillis());
        SocketFactory sockets = directory.tls() ? tls : SocketFactory.getDefault();
        try (LDAPConnection connection = new LDAPConnection(sockets, options, directory.url().getHost(),
                directory.port())) {
            if (directory.bindDn().isPresent()) {
                connection.bind(directory.bindDn().get(), directory.password());
            }
            SearchRequest request = new SearchRequest(directory.baseDn(), SearchScope.SUB,
                    Filter.createEqualityFilter(directory.mailAttribute(), address.toString()), CERTIFICATE_ATTRIBUTES);
            request.setSizeLimit(SIZE_LIMIT);
            request.setTimeLimitSeconds((int) Math.max(1, directory.timeout().toSeconds()));
            SearchResult result = connection.search(request);
            List<X509Certificate> certificates = new ArrayList<>();
            for (SearchResultEntry entry : result.getSearchEntries()) {
                for (String name : CERTIFICATE_ATTRIBUTES) {
                    Attribute attribute = entry.getAttribute(name);
                    if (attribute != null) {
                        for (byte[] der : attribute.getValueByteArrays()) {
                            parse(der, entry.getDN(), directory).ifPresent(certificates::add);
                        }
                    }
                }
            }
            return certificates;
        }
    }

    private static Optional<X509Certificate> parse(byte[] der, String dn, LdapDirectory directory) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)));
        } catch (CertificateException | ClassCastException e) {
            LOG.warn("unreadable certificate in {} at {}: {}", directory, dn, e.getMessage());
            return Optional.empty();
        }
    }
}
