package de.poststelle.app.demail;

import de.poststelle.app.config.PoststelleProperties;
import de.poststelle.core.ClientCertificate;
import de.poststelle.core.ClientInfo;
import de.poststelle.core.NextHop;
import de.poststelle.core.ServerTrust;
import de.poststelle.core.TlsMode;
import de.poststelle.demail.CertificateAuthentication;
import de.poststelle.demail.simulator.SimulatorPki;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * This node's connection to the De-Mail provider: how it recognises the provider's inbound
 * connection, and the routes that take mail for De-Mail domains to the provider endpoint of its
 * gateway cluster, with the operator's client certificate and only the provider's certificate trusted.
 */
public record DemailConnection(Predicate<ClientInfo> provider, Map<String, NextHop> routes) {

    private static final Logger log = LoggerFactory.getLogger(DemailConnection.class);

    public DemailConnection {
        routes = Map.copyOf(routes);
    }

    public boolean enabled() {
        return !routes.isEmpty();
    }

    /** Whether mail for {@code domain} goes to the De-Mail provider. */
    public boolean isDemailDomain(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        return routes.keySet().stream().anyMatch(demail -> name.equals(demail) || name.endsWith("." + demail));
    }

    /** Throws with a message naming the missing setting if the connection is configured only in part. */
    public static DemailConnection from(PoststelleProperties.Demail demail, String cluster)
            throws IOException, GeneralSecurityException {
        if (demail.getKeystore() == null) {
            log.warn("De-Mail is OFF: poststelle.demail.keystore is not set; De-Mail domains receive nothing "
                    + "and nothing is sent to De-Mail addresses");
            return new DemailConnection(client -> false, Map.of());
        }
        if (demail.getTruststore() == null) {
            throw new IllegalStateException("poststelle.demail.truststore must name the provider's certificate");
        }
        PoststelleProperties.Endpoint endpoint = demail.getEndpoints().get(cluster);
        if (endpoint == null) {
            throw new IllegalStateException("poststelle.demail.endpoints." + cluster
                    + " must name the De-Mail provider endpoint of this node's gateway cluster");
        }
        log.info("De-Mail provider for cluster {} at [{}]:{}", cluster, endpoint.getHost(), endpoint.getPort());
        return connect(new ClientCertificate(demail.getKeystore(), demail.getKeystorePassword()),
                new ServerTrust(demail.getTruststore(), demail.getTruststorePassword()),
                endpoint.getHost(), endpoint.getPort(), demail.getDomains());
    }

    /** The demo start's connection to the provider simulator on loopback. */
    public static DemailConnection toSimulator(SimulatorPki pki, int port, List<String> domains)
            throws IOException, GeneralSecurityException {
        return connect(pki.operatorCertificate(), pki.operatorTrust(), "127.0.0.1", port, domains);
    }

    private static DemailConnection connect(ClientCertificate operator, ServerTrust providerTrust, String host,
                                            int port, List<String> domains)
            throws IOException, GeneralSecurityException {
        NextHop provider = new NextHop(host, port, TlsMode.REQUIRED, Optional.of(operator), Optional.of(providerTrust));
        Map<String, NextHop> routes = domains.stream()
                .map(domain -> domain.toLowerCase(Locale.ROOT))
                .collect(Collectors.toMap(Function.identity(), domain -> provider, (a, b) -> a));
        log.info("De-Mail domains {} go to the provider at {}", routes.keySet(), provider);
        return new DemailConnection(
                CertificateAuthentication.fromTrustStore(providerTrust.pkcs12File(), providerTrust.password()), routes);
    }
}
