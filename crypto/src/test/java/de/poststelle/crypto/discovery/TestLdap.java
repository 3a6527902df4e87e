package de.poststelle.crypto.discovery;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.OperationType;
import de.poststelle.crypto.smime.TestPki;

import java.util.EnumSet;

/** UnboundID's in-memory LDAP server holding people with S/MIME certificates, as a partner's directory would. */
public final class TestLdap {

    private TestLdap() {
    }

    /** A directory under {@code base} on a free port; with {@code password}, searches need a bind as {@code cn=Gateway,<base>}. */
    public static InMemoryDirectoryServer server(String base, String password) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(base);
        config.setSchema(null); // userCertificate on any entry, as real directories are configured
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        if (password != null) {
            config.addAdditionalBindCredentials("cn=Gateway," + base, password);
            config.setAuthenticationRequiredOperationTypes(EnumSet.of(OperationType.SEARCH));
        }
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add(new Entry(base, new Attribute("objectClass", "top", "domain")));
        server.startListening();
        return server;
    }

    /** A person {@code uid} with the mail address and certificate of {@code id} in {@code attribute}. */
    public static Entry person(String base, String uid, TestPki.Identity id, String attribute) throws Exception {
        return new Entry("uid=" + uid + "," + base,
                new Attribute("objectClass", "top", "person", "inetOrgPerson"),
                new Attribute("uid", uid), new Attribute("cn", uid), new Attribute("sn", uid),
                new Attribute("mail", id.email()), new Attribute(attribute, id.cert().getEncoded()));
    }
}
